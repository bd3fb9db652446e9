// File: planner/physical/physical_planner.h
//
// Turns an optimized logical plan into the operators that run it: each
// remote node becomes a remote scan with its generated SQL, joins become
// hash joins on their equality conditions (nested loops otherwise), and
// keys that are expressions are computed into columns first.

#ifndef TESSERA_PLANNER_PHYSICAL_PHYSICAL_PLANNER_H_
#define TESSERA_PLANNER_PHYSICAL_PHYSICAL_PLANNER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "engine/exec/operator.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

// Also records each remote node's SQL in `remote_sql`.
absl::StatusOr<std::unique_ptr<Operator>> BuildOperators(LogicalNode& plan);

}  // namespace tessera

#endif  // TESSERA_PLANNER_PHYSICAL_PHYSICAL_PLANNER_H_
