// File: planner/optimizer/optimizer.h
//
// Rewrites a bound logical plan into the cheapest equivalent the rules know,
// in named passes run in a fixed order (each can be switched off for tests
// and EXPLAIN shows the result):
//   1. predicate_pushdown: filters move below joins, projections and set
//      operations, towards the tables.
//   2. limit_pushdown: LIMIT (with its ORDER BY) is copied into each input
//      of a UNION ALL.
//   3. join_reorder: inner joins of one source's tables come first.
//   4. column_pruning: every operator keeps only the columns used above it.
//   5. source_pushdown: the largest subtrees one source can compute with the
//      same meaning become kRemote nodes, whose SQL the source runs.

#ifndef TESSERA_PLANNER_OPTIMIZER_OPTIMIZER_H_
#define TESSERA_PLANNER_OPTIMIZER_OPTIMIZER_H_

#include <memory>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

struct OptimizerOptions {
  // Names of passes to skip ("predicate_pushdown", ...).
  std::set<std::string> disabled;
};

absl::StatusOr<std::unique_ptr<LogicalNode>> Optimize(std::unique_ptr<LogicalNode> plan,
                                                      const OptimizerOptions& options = {});

// The passes, for tests.
std::unique_ptr<LogicalNode> PushDownPredicates(std::unique_ptr<LogicalNode> plan);
std::unique_ptr<LogicalNode> PushDownLimits(std::unique_ptr<LogicalNode> plan);
std::unique_ptr<LogicalNode> ReorderJoins(std::unique_ptr<LogicalNode> plan);
absl::StatusOr<std::unique_ptr<LogicalNode>> PruneColumns(std::unique_ptr<LogicalNode> plan);
absl::StatusOr<std::unique_ptr<LogicalNode>> PushIntoSources(std::unique_ptr<LogicalNode> plan);

}  // namespace tessera

#endif  // TESSERA_PLANNER_OPTIMIZER_OPTIMIZER_H_
