// File: planner/binder/interval_parser.h
//
// Reads the text of an INTERVAL literal ('7 days', '1 year 2 months',
// '36 hours') into the engine's calendar interval.

#ifndef TESSERA_PLANNER_BINDER_INTERVAL_PARSER_H_
#define TESSERA_PLANNER_BINDER_INTERVAL_PARSER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/expr/expr.h"

namespace tessera {

// Pairs of a signed number and a unit (year, month, week, day, hour, minute,
// second, each singular or plural, with common abbreviations).
absl::StatusOr<Interval> ParseInterval(absl::string_view text);

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_INTERVAL_PARSER_H_
