// File: planner/physical/sql_expr_renderer.h
//
// Renders bound expressions as SQL of one dialect, given the SQL of each
// input column. Only what pushability.h lets through reaches it; anything
// else is an Internal error rather than SQL with another meaning.

#ifndef TESSERA_PLANNER_PHYSICAL_SQL_EXPR_RENDERER_H_
#define TESSERA_PLANNER_PHYSICAL_SQL_EXPR_RENDERER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/dialect.h"
#include "engine/expr/expr.h"
#include "planner/logical/logical_plan.h"

namespace tessera {

class SqlExprRenderer {
 public:
  explicit SqlExprRenderer(const Dialect& dialect) : d_(dialect) {}

  absl::StatusOr<std::string> Render(const Expr& e, const std::vector<std::string>& columns) const;
  absl::StatusOr<std::string> RenderAggregate(const AggregateExpr& a, const std::vector<std::string>& columns) const;
  // "x DESC NULLS FIRST" (or its MariaDB equivalent).
  absl::StatusOr<std::string> RenderSortKey(const SortKey& k, const std::vector<std::string>& columns) const;

 private:
  const Dialect& d_;
};

}  // namespace tessera

#endif  // TESSERA_PLANNER_PHYSICAL_SQL_EXPR_RENDERER_H_
