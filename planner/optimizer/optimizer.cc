#include "planner/optimizer/optimizer.h"

#include "engine/common/status_macros.h"

namespace tessera {

absl::StatusOr<std::unique_ptr<LogicalNode>> Optimize(std::unique_ptr<LogicalNode> plan,
                                                      const OptimizerOptions& options) {
  auto enabled = [&](const char* name) { return options.disabled.count(name) == 0; };
  if (enabled("predicate_pushdown")) plan = PushDownPredicates(std::move(plan));
  if (enabled("limit_pushdown")) plan = PushDownLimits(std::move(plan));
  if (enabled("join_reorder")) plan = ReorderJoins(std::move(plan));
  if (enabled("column_pruning")) {
    ASSIGN_OR_RETURN(plan, PruneColumns(std::move(plan)));
  }
  if (enabled("source_pushdown")) {
    ASSIGN_OR_RETURN(plan, PushIntoSources(std::move(plan)));
  }
  return plan;
}

}  // namespace tessera
