#include "planner/planner.h"

#include "engine/common/status_macros.h"
#include "planner/binder/binder.h"
#include "planner/physical/physical_planner.h"

namespace tessera {

absl::StatusOr<PlannedQuery> PlanStatement(const ast::Statement& statement, Catalog& catalog,
                                           absl::string_view sql, absl::Time now,
                                           const OptimizerOptions& options,
                                           const std::string& default_source, BoundViewCache* views) {
  PlannedQuery out;
  out.explain = statement.kind == ast::Statement::Kind::kExplain;
  out.analyze = statement.explain_analyze;
  Binder binder(&catalog, sql, now);
  binder.set_default_source(default_source);
  binder.set_view_cache(views);
  ASSIGN_OR_RETURN(std::unique_ptr<LogicalNode> plan, binder.BindSelect(*statement.select));
  ASSIGN_OR_RETURN(out.logical, Optimize(std::move(plan), options));
  ASSIGN_OR_RETURN(out.root, BuildOperators(*out.logical));
  return out;
}

}  // namespace tessera
