// Binding of the FROM clause: source tables, CTEs, subqueries and joins.

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/type_rules.h"

namespace tessera {

absl::StatusOr<Binder::Bound> Binder::BindFrom(const std::vector<std::unique_ptr<ast::TableRef>>& from) {
  if (from.empty()) {
    // SELECT without FROM reads one row of no columns.
    Bound one;
    one.plan = std::make_unique<LogicalNode>();
    one.plan->kind = LogicalKind::kValues;
    one.plan->rows.emplace_back();
    return one;
  }
  ASSIGN_OR_RETURN(Bound result, BindTableRef(*from[0]));
  for (size_t i = 1; i < from.size(); ++i) {
    ASSIGN_OR_RETURN(Bound right, BindTableRef(*from[i]));
    auto join = std::make_unique<LogicalNode>();
    join->kind = LogicalKind::kJoin;
    join->join_type = LogicalJoinType::kInner;
    join->fields = result.plan->fields;
    join->fields.insert(join->fields.end(), right.plan->fields.begin(), right.plan->fields.end());
    join->inputs.push_back(std::move(result.plan));
    join->inputs.push_back(std::move(right.plan));
    result.plan = std::move(join);
    result.scope.Append(right.scope);
  }
  return result;
}

absl::StatusOr<Binder::Bound> Binder::BindTableRef(const ast::TableRef& ref) {
  switch (ref.kind) {
    case ast::TableRef::Kind::kJoin:
      return BindJoin(ref);
    case ast::TableRef::Kind::kSubquery: {
      if (ref.lateral) return ErrorAt(absl::InvalidArgumentError("LATERAL subqueries are not supported"), ref.location);
      ASSIGN_OR_RETURN(std::unique_ptr<LogicalNode> plan, BindSelect(*ref.subquery));
      Bound out;
      for (size_t i = 0; i < plan->fields.size(); ++i) {
        std::string name = i < ref.column_aliases.size() ? ref.column_aliases[i] : plan->fields[i].name;
        out.scope.Add({ref.alias, name, plan->fields[i].type});
        plan->fields[i].name = name;
      }
      out.plan = std::move(plan);
      return out;
    }
    case ast::TableRef::Kind::kTable:
      break;
  }
  std::string alias = ref.alias.empty() ? ref.name : ref.alias;
  if (ref.schema.empty()) {
    for (size_t level = ctes_.size(); level-- > 0;) {
      for (size_t k = 0; k < ctes_[level].size(); ++k) {
        const ast::CommonTableExpr& cte = *ctes_[level][k];
        if (cte.name != ref.name) continue;
        if (cte.recursive) return ErrorAt(absl::InvalidArgumentError("WITH RECURSIVE is not supported"), cte.location);
        // A CTE is bound where it is used, so each use can be optimized (and
        // pushed into a source) on its own. It sees the CTEs before it.
        std::vector<std::vector<const ast::CommonTableExpr*>> saved = ctes_;
        ctes_.resize(level + 1);
        ctes_[level].resize(k);
        absl::StatusOr<std::unique_ptr<LogicalNode>> plan = BindSelect(*cte.query);
        ctes_ = std::move(saved);
        if (!plan.ok()) return plan.status();
        Bound out;
        for (size_t i = 0; i < (*plan)->fields.size(); ++i) {
          std::string name = i < ref.column_aliases.size()   ? ref.column_aliases[i]
                             : i < cte.column_aliases.size() ? cte.column_aliases[i]
                                                             : (*plan)->fields[i].name;
          out.scope.Add({alias, name, (*plan)->fields[i].type});
          (*plan)->fields[i].name = name;
        }
        out.plan = std::move(*plan);
        return out;
      }
    }
    if (const config::View* view = catalog_->sources().FindView(ref.name); view != nullptr) {
      return BindView(ref, *view);
    }
    if (default_source_.empty()) {
      const SourceRegistry& registry = catalog_->sources();
      std::string views = registry.view_names().empty()
                              ? ""
                              : absl::StrCat("; views: ", absl::StrJoin(registry.view_names(), ", "));
      return ErrorAt(absl::NotFoundError(absl::StrCat("relation \"", ref.name,
                                                      "\" does not exist (name a source's table as source.table; sources: ",
                                                      absl::StrJoin(registry.names(), ", "), views, ")")),
                     ref.location);
    }
  }
  const std::string& source = ref.schema.empty() ? default_source_ : ref.schema;
  absl::StatusOr<std::shared_ptr<const CatalogTable>> table = catalog_->FindTable(source, ref.name);
  if (!table.ok()) return ErrorAt(table.status(), ref.location);
  Bound out;
  out.plan = std::make_unique<LogicalNode>();
  LogicalNode& scan = *out.plan;
  scan.kind = LogicalKind::kScan;
  scan.table = *table;
  scan.alias = alias;
  const std::vector<ColumnInfo>& columns = (*table)->info.columns;
  for (size_t i = 0; i < columns.size(); ++i) {
    std::string name = i < ref.column_aliases.size() ? ref.column_aliases[i] : columns[i].name;
    scan.fields.push_back({name, columns[i].type, columns[i].nullable});
    scan.scan_columns.push_back(static_cast<int>(i));
    out.scope.Add({alias, name, columns[i].type});
  }
  return out;
}

absl::StatusOr<Binder::Bound> Binder::BindJoin(const ast::TableRef& ref) {
  ASSIGN_OR_RETURN(Bound left, BindTableRef(*ref.left));
  ASSIGN_OR_RETURN(Bound right, BindTableRef(*ref.right));
  Scope scope = left.scope;
  scope.Append(right.scope);
  const int left_width = left.scope.size();

  auto join = std::make_unique<LogicalNode>();
  join->kind = LogicalKind::kJoin;
  switch (ref.join_type) {
    case ast::JoinType::kInner:
    case ast::JoinType::kCross:
      join->join_type = LogicalJoinType::kInner;
      break;
    case ast::JoinType::kLeft:
      join->join_type = LogicalJoinType::kLeft;
      break;
    case ast::JoinType::kRight:
      join->join_type = LogicalJoinType::kRight;
      break;
    case ast::JoinType::kFull:
      join->join_type = LogicalJoinType::kFull;
      break;
  }

  std::vector<std::string> using_columns = ref.using_columns;
  if (ref.natural) {
    for (const ScopeColumn& l : left.scope.columns()) {
      for (const ScopeColumn& r : right.scope.columns()) {
        if (!l.hidden && !r.hidden && l.name == r.name) using_columns.push_back(l.name);
      }
    }
  }
  std::vector<std::unique_ptr<Expr>> conditions;
  if (!using_columns.empty()) {
    if (ref.join_type == ast::JoinType::kFull) {
      return ErrorAt(absl::InvalidArgumentError("FULL JOIN with USING or NATURAL is not supported; use ON"),
                     ref.location);
    }
    for (const std::string& name : using_columns) {
      absl::StatusOr<int> l = left.scope.Resolve("", name);
      absl::StatusOr<int> r = right.scope.Resolve("", name);
      if (!l.ok() || !r.ok()) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat("column \"", name,
                                                               "\" specified in USING clause does not exist in both tables")),
                       ref.location);
      }
      std::vector<std::unique_ptr<Expr>> pair;
      pair.push_back(Expr::Column(*l, left.scope.columns()[*l].type));
      pair.push_back(Expr::Column(left_width + *r, right.scope.columns()[*r].type));
      std::optional<DataType> common = CommonType(pair[0]->type, pair[1]->type);
      if (!common.has_value()) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat("JOIN/USING types of \"", name, "\" do not match")),
                       ref.location);
      }
      for (auto& e : pair) {
        ASSIGN_OR_RETURN(e, CoerceTo(std::move(e), *common));
      }
      conditions.push_back(Expr::Call(ExprOp::kEqual, DataType::Bool(), std::move(pair)));
      // The merged column is the side that is never NULL-extended.
      scope.SetHidden(ref.join_type == ast::JoinType::kRight ? *l : left_width + *r);
    }
  } else if (ref.on != nullptr) {
    ExprContext ctx;
    ctx.scope = &scope;
    ctx.clause = "JOIN conditions";
    ASSIGN_OR_RETURN(auto on, BindExpr(*ref.on, ctx));
    ASSIGN_OR_RETURN(on, CoerceTo(std::move(on), DataType::Bool()));
    if (on->type.id != TypeId::kBool) {
      return ErrorAt(absl::InvalidArgumentError("argument of JOIN/ON must be type boolean"), ref.on->location);
    }
    conditions.push_back(std::move(on));
  } else if (ref.join_type != ast::JoinType::kCross && ref.join_type != ast::JoinType::kInner) {
    return ErrorAt(absl::InvalidArgumentError("an outer join needs ON or USING"), ref.location);
  }
  join->condition = conditions.empty() ? nullptr
                    : conditions.size() == 1
                        ? std::move(conditions[0])
                        : Expr::Call(ExprOp::kAnd, DataType::Bool(), std::move(conditions));
  join->fields = left.plan->fields;
  join->fields.insert(join->fields.end(), right.plan->fields.begin(), right.plan->fields.end());
  // Outer joins NULL-extend a side.
  if (join->join_type == LogicalJoinType::kLeft || join->join_type == LogicalJoinType::kFull) {
    for (size_t i = left_width; i < join->fields.size(); ++i) join->fields[i].nullable = true;
  }
  if (join->join_type == LogicalJoinType::kRight || join->join_type == LogicalJoinType::kFull) {
    for (int i = 0; i < left_width; ++i) join->fields[i].nullable = true;
  }
  join->inputs.push_back(std::move(left.plan));
  join->inputs.push_back(std::move(right.plan));
  if (!ref.alias.empty()) {
    // (a JOIN b) AS j renames every column's qualifier.
    std::vector<ScopeColumn> renamed = scope.columns();
    for (ScopeColumn& c : renamed) c.qualifier = ref.alias;
    scope = Scope(std::move(renamed));
  }
  return Bound{std::move(join), std::move(scope)};
}

}  // namespace tessera
