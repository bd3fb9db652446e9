// File: planner/planner.h
//
// The whole planning path for one statement: parse, bind, optimize and
// build the operators that run it.

#ifndef TESSERA_PLANNER_PLANNER_H_
#define TESSERA_PLANNER_PLANNER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/catalog/catalog.h"
#include "engine/exec/operator.h"
#include "planner/binder/view_cache.h"
#include "planner/logical/logical_plan.h"
#include "planner/optimizer/optimizer.h"
#include "planner/parser/ast.h"

namespace tessera {

struct PlannedQuery {
  bool explain = false;
  bool analyze = false;
  std::unique_ptr<LogicalNode> logical;  // Optimized.
  std::unique_ptr<Operator> root;
};

// Plans one parsed statement. `sql` is the whole text (for error positions);
// `now` is the statement's start time. Views are bound through `views`
// when given (see BoundViewCache), else afresh.
absl::StatusOr<PlannedQuery> PlanStatement(const ast::Statement& statement, Catalog& catalog,
                                           absl::string_view sql, absl::Time now,
                                           const OptimizerOptions& options = {},
                                           const std::string& default_source = "",
                                           BoundViewCache* views = nullptr);

}  // namespace tessera

#endif  // TESSERA_PLANNER_PLANNER_H_
