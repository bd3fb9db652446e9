// File: engine/expr/parse_text.h
//
// Reading text as a value of another type, the way PostgreSQL's input
// functions do for CAST(text AS type): surrounding white space is ignored,
// and errors quote the text as given ("invalid input syntax for type
// bigint: \"abc\"", "date/time field value out of range: \"2024-02-30\"").

#ifndef TESSERA_ENGINE_EXPR_PARSE_TEXT_H_
#define TESSERA_ENGINE_EXPR_PARSE_TEXT_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera {

// "t", "true", "yes", "on", "1" and their false counterparts, any case; a
// unique prefix ("tr", "of") is accepted too.
absl::StatusOr<bool> ParseBooleanText(absl::string_view text);

// An optionally signed decimal integer.
absl::StatusOr<int64_t> ParseBigintText(absl::string_view text);

// A decimal or exponent number, "NaN", "Infinity", "-inf".
absl::StatusOr<double> ParseDoubleText(absl::string_view text);

// A decimal number with optional exponent ("12.5", "-.5", "1e3"), as units of
// 10^-scale rounded half away from zero.
absl::StatusOr<int64_t> ParseNumericText(absl::string_view text, int scale);

// "YYYY-MM-DD" (month and day may have one digit) or "YYYYMMDD", optionally
// followed by a time of day, which is checked and ignored. Days since
// 1970-01-01. PostgreSQL reads many more spellings ("1.5.51"); these are the
// unambiguous ones sources send.
absl::StatusOr<int64_t> ParseDateText(absl::string_view text);

// "YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]]", with YYYYMMDD and HHMM[SS] as
// alternatives; more than six fraction digits
// round to the microsecond, and 24:00:00 is the next midnight.
// Microseconds since 1970-01-01 00:00:00.
absl::StatusOr<int64_t> ParseTimestampText(absl::string_view text);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_PARSE_TEXT_H_
