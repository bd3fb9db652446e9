// Subqueries: EXISTS and IN conditions of WHERE become semi and anti joins
// (correlated equalities move into the join condition), and scalar
// subqueries become a left join against their single row.

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/binder/type_rules.h"

namespace tessera {
namespace {

// Flattens a AND b AND c of the syntax tree.
void SplitAstConjuncts(const ast::Expr& e, std::vector<const ast::Expr*>* out) {
  if (e.kind == ast::ExprKind::kBinary && e.op == "AND") {
    SplitAstConjuncts(*e.args[0], out);
    SplitAstConjuncts(*e.args[1], out);
    return;
  }
  out->push_back(&e);
}

bool IsSubqueryCondition(const ast::Expr& e) {
  const ast::Expr* inner = &e;
  if (e.kind == ast::ExprKind::kUnary && e.op == "NOT") inner = e.args[0].get();
  return inner->kind == ast::ExprKind::kSubquery &&
         (inner->subquery_kind == ast::SubqueryKind::kExists || inner->subquery_kind == ast::SubqueryKind::kIn);
}

// A subquery whose WHERE can be split into inner filters and correlated
// conditions: one plain SELECT block.
bool IsSimpleBlock(const ast::SelectStmt& s) {
  return s.set_op == ast::SetOp::kNone && s.values.empty() && s.with.empty() && s.group_by.empty() &&
         s.having == nullptr && s.limit == nullptr && s.offset == nullptr && !s.distinct && s.windows.empty();
}

}  // namespace

absl::Status Binder::BindWhere(const ast::Expr& where, ExprContext& ctx, std::vector<std::unique_ptr<Expr>>* filters,
                               std::vector<SubqueryJoin>* joins) {
  std::vector<const ast::Expr*> parts;
  SplitAstConjuncts(where, &parts);
  for (const ast::Expr* part : parts) {
    if (IsSubqueryCondition(*part)) {
      bool negated = part->kind == ast::ExprKind::kUnary;
      const ast::Expr& sub = negated ? *part->args[0] : *part;
      ASSIGN_OR_RETURN(SubqueryJoin join, BindSubqueryJoin(sub, negated != sub.negated, ctx));
      joins->push_back(std::move(join));
      continue;
    }
    ASSIGN_OR_RETURN(auto e, BindExpr(*part, ctx));
    ASSIGN_OR_RETURN(e, CoerceTo(std::move(e), DataType::Bool()));
    if (e->type.id != TypeId::kBool) {
      return ErrorAt(absl::InvalidArgumentError(absl::StrCat("argument of WHERE must be type boolean, not ",
                                                             e->type.ToString())),
                     part->location);
    }
    filters->push_back(std::move(e));
  }
  return absl::OkStatus();
}

absl::StatusOr<Binder::SubqueryJoin> Binder::BindSubqueryJoin(const ast::Expr& expr, bool negated, ExprContext& ctx) {
  const ast::SelectStmt& sub = *expr.subquery;
  const Scope& outer = *ctx.scope;
  const int outer_width = outer.size();
  SubqueryJoin join;
  join.type = negated ? LogicalJoinType::kAnti : LogicalJoinType::kSemi;
  std::vector<std::unique_ptr<Expr>> conditions;

  if (expr.subquery_kind == ast::SubqueryKind::kIn) {
    ASSIGN_OR_RETURN(join.right, BindSelect(sub));
    if (join.right->fields.size() != 1) {
      return ErrorAt(absl::InvalidArgumentError("subquery has too many columns"), expr.location);
    }
    ASSIGN_OR_RETURN(auto value, BindExpr(*expr.args[0], ctx));
    std::unique_ptr<Expr> inner = Expr::Column(outer_width, join.right->fields[0].type);
    std::optional<DataType> common = CommonType(value->type, inner->type);
    if (!common.has_value() && value->op == ExprOp::kConstant && value->type.id == TypeId::kText) {
      common = inner->type;
    }
    if (!common.has_value()) {
      return ErrorAt(absl::InvalidArgumentError(absl::StrCat("operator does not exist: ", value->type.ToString(),
                                                             " = ", inner->type.ToString())),
                     expr.location);
    }
    ASSIGN_OR_RETURN(value, CoerceTo(std::move(value), *common));
    ASSIGN_OR_RETURN(inner, CoerceTo(std::move(inner), *common));
    std::vector<std::unique_ptr<Expr>> pair;
    pair.push_back(std::move(value));
    pair.push_back(std::move(inner));
    join.condition = Expr::Call(ExprOp::kEqual, DataType::Bool(), std::move(pair));
    join.null_aware = negated;
    return join;
  }

  // EXISTS.
  if (!IsSimpleBlock(sub)) {
    // Uncorrelated: the join keeps every outer row if the subquery has any.
    ASSIGN_OR_RETURN(join.right, BindSelect(sub));
    return join;
  }
  ASSIGN_OR_RETURN(Bound inner, BindFrom(sub.from));
  Scope combined = outer;
  combined.Append(inner.scope);
  std::vector<std::unique_ptr<Expr>> inner_filters;
  if (sub.where != nullptr) {
    std::vector<const ast::Expr*> parts;
    SplitAstConjuncts(*sub.where, &parts);
    for (const ast::Expr* part : parts) {
      ExprContext local;
      local.scope = &inner.scope;
      local.clause = "WHERE";
      absl::StatusOr<std::unique_ptr<Expr>> e = BindExpr(*part, local);
      if (!e.ok() && e.status().code() == absl::StatusCode::kNotFound) {
        // It names outer columns: a correlated condition of the join.
        ExprContext both;
        both.scope = &combined;
        both.clause = "WHERE";
        ASSIGN_OR_RETURN(auto c, BindExpr(*part, both));
        ASSIGN_OR_RETURN(c, CoerceTo(std::move(c), DataType::Bool()));
        conditions.push_back(std::move(c));
        continue;
      }
      if (!e.ok()) return e.status();
      ASSIGN_OR_RETURN(auto f, CoerceTo(std::move(*e), DataType::Bool()));
      inner_filters.push_back(std::move(f));
    }
  }
  join.right = std::move(inner.plan);
  if (!inner_filters.empty()) {
    auto filter = std::make_unique<LogicalNode>();
    filter->kind = LogicalKind::kFilter;
    filter->fields = join.right->fields;
    filter->predicate = JoinConjuncts(std::move(inner_filters));
    filter->inputs.push_back(std::move(join.right));
    join.right = std::move(filter);
  }
  join.condition = JoinConjuncts(std::move(conditions));
  return join;
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindScalarSubquery(const ast::Expr& expr, ExprContext& ctx) {
  if (ctx.scalar_subqueries == nullptr) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat("scalar subqueries are not supported in ", ctx.clause)),
                   expr.location);
  }
  absl::StatusOr<std::unique_ptr<LogicalNode>> plan = BindSelect(*expr.subquery);
  if (!plan.ok()) {
    if (plan.status().code() == absl::StatusCode::kNotFound) {
      return ErrorAt(absl::InvalidArgumentError(absl::StrCat("correlated scalar subqueries are not supported (",
                                                             plan.status().message(), ")")),
                     expr.location);
    }
    return plan.status();
  }
  if ((*plan)->fields.size() != 1) {
    return ErrorAt(absl::InvalidArgumentError("subquery must return only one column"), expr.location);
  }
  DataType type = (*plan)->fields[0].type;
  Bound bound;
  bound.plan = std::move(*plan);
  ctx.scalar_subqueries->push_back(std::move(bound));
  return Expr::Column(kScalarMarker + static_cast<int>(ctx.scalar_subqueries->size()) - 1, type);
}

}  // namespace tessera
