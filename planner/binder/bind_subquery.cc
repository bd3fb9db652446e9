// Subqueries: EXISTS and IN conditions of WHERE become semi and anti joins
// (correlated equalities move into the join condition), EXISTS and IN
// elsewhere mark joins, and scalar subqueries a left join against their
// single row.

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/binder/type_rules.h"
#include "planner/parser/parser.h"

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
      negated = negated != sub.negated;
      ASSIGN_OR_RETURN(SubqueryBody body, BindSubqueryBody(sub, *ctx.scope));
      if (negated && sub.subquery_kind == ast::SubqueryKind::kIn && body.correlation != nullptr) {
        // A correlated NOT IN: a NULL correlation key must exclude a row,
        // not make the answer unknown, which the null-aware anti join
        // cannot tell apart. Its mark can.
        ASSIGN_OR_RETURN(auto mark, AddMark(sub, std::move(body), ctx));
        std::vector<std::unique_ptr<Expr>> arg;
        arg.push_back(std::move(mark));
        filters->push_back(Expr::Call(ExprOp::kNot, DataType::Bool(), std::move(arg)));
        continue;
      }
      ASSIGN_OR_RETURN(SubqueryJoin join, BindSubqueryJoin(sub, negated, std::move(body), ctx));
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

absl::StatusOr<Binder::SubqueryBody> Binder::BindSubqueryBody(const ast::Expr& expr, const Scope& outer) {
  const ast::SelectStmt& sub = *expr.subquery;
  const bool in = expr.subquery_kind == ast::SubqueryKind::kIn;
  const int outer_width = outer.size();
  SubqueryBody body;
  // EXISTS of one plain block only needs its FROM and WHERE (the select
  // list does not matter); anything else is bound whole, uncorrelated.
  if (in || !IsSimpleBlock(sub) || sub.from.empty()) {
    absl::StatusOr<std::unique_ptr<LogicalNode>> plan = BindSelect(sub);
    if (plan.ok()) {
      if (in && (*plan)->fields.size() != 1) {
        return ErrorAt(absl::InvalidArgumentError("subquery has too many columns"), expr.location);
      }
      body.plan = std::move(*plan);
      return body;
    }
    // A name not found may be a column of the outer query: correlated,
    // which is supported for one plain block.
    if (plan.status().code() != absl::StatusCode::kNotFound) return plan.status();
    if (!IsSimpleBlock(sub) || sub.from.empty()) {
      // Say so where the name is, with the original message.
      absl::string_view message = plan.status().message();
      const size_t at = message.rfind(" at position ");
      if (at != absl::string_view::npos) message = message.substr(0, at);
      std::optional<int> where = ErrorPosition(plan.status());
      return ErrorAt(absl::InvalidArgumentError(absl::StrCat(
                         message,
                         " (a subquery may name the outer query's columns only as one SELECT over FROM and WHERE, "
                         "without GROUP BY, HAVING, DISTINCT, LIMIT or set operations)")),
                     where.value_or(expr.location));
    }
  }
  ASSIGN_OR_RETURN(Bound inner, BindFrom(sub.from));
  Scope combined = outer;
  combined.Append(inner.scope);
  std::vector<std::unique_ptr<Expr>> inner_filters, conditions;
  if (sub.where != nullptr) {
    std::vector<const ast::Expr*> parts;
    SplitAstConjuncts(*sub.where, &parts);
    for (const ast::Expr* part : parts) {
      ExprContext local;
      local.scope = &inner.scope;
      local.clause = "the WHERE of a correlated subquery";
      absl::StatusOr<std::unique_ptr<Expr>> e = BindExpr(*part, local);
      if (!e.ok() && e.status().code() == absl::StatusCode::kNotFound) {
        // It names outer columns: a correlated condition of the join.
        ExprContext both;
        both.scope = &combined;
        both.clause = "the WHERE of a correlated subquery";
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
  body.plan = std::move(inner.plan);
  if (!inner_filters.empty()) {
    auto filter = std::make_unique<LogicalNode>();
    filter->kind = LogicalKind::kFilter;
    filter->fields = body.plan->fields;
    filter->predicate = JoinConjuncts(std::move(inner_filters));
    filter->inputs.push_back(std::move(body.plan));
    body.plan = std::move(filter);
  }
  if (in) {
    // The compared value first, then the inner columns the correlation reads.
    if (sub.select_list.size() != 1) {
      return ErrorAt(absl::InvalidArgumentError("subquery has too many columns"), expr.location);
    }
    ExprContext value_ctx;
    value_ctx.scope = &inner.scope;
    value_ctx.clause = "a correlated IN subquery's select list";
    absl::StatusOr<std::unique_ptr<Expr>> value = BindExpr(*sub.select_list[0].expr, value_ctx);
    if (!value.ok() && value.status().code() == absl::StatusCode::kNotFound) {
      return ErrorAt(absl::InvalidArgumentError(
                         "a correlated IN subquery's select list must name only the subquery's own columns"),
                     sub.select_list[0].location);
    }
    if (!value.ok()) return value.status();
    auto project = std::make_unique<LogicalNode>();
    project->kind = LogicalKind::kProject;
    project->fields.push_back({"?column?", (*value)->type, true});
    project->exprs.push_back(std::move(*value));
    for (int i = 0; i < static_cast<int>(body.plan->fields.size()); ++i) {
      project->exprs.push_back(Expr::Column(i, body.plan->fields[i].type));
      project->fields.push_back(body.plan->fields[i]);
    }
    project->inputs.push_back(std::move(body.plan));
    body.plan = std::move(project);
    for (auto& c : conditions) {
      RETURN_IF_ERROR(RemapColumns(*c, [&](int col) -> absl::StatusOr<int> {
        return col < outer_width ? col : col + 1;
      }));
    }
  }
  body.correlation = JoinConjuncts(std::move(conditions));
  return body;
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindInComparison(const ast::Expr& expr, const LogicalNode& plan,
                                                                ExprContext& ctx) {
  const int outer_width = ctx.scope->size();
  ASSIGN_OR_RETURN(auto value, BindExpr(*expr.args[0], ctx));
  std::unique_ptr<Expr> inner = Expr::Column(outer_width, plan.fields[0].type);
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
  return Expr::Call(ExprOp::kEqual, DataType::Bool(), std::move(pair));
}

absl::StatusOr<Binder::SubqueryJoin> Binder::BindSubqueryJoin(const ast::Expr& expr, bool negated, SubqueryBody body,
                                                              ExprContext& ctx) {
  SubqueryJoin join;
  join.type = negated ? LogicalJoinType::kAnti : LogicalJoinType::kSemi;
  join.right = std::move(body.plan);
  std::vector<std::unique_ptr<Expr>> conditions;
  if (body.correlation != nullptr) conditions.push_back(std::move(body.correlation));
  if (expr.subquery_kind == ast::SubqueryKind::kIn) {
    ASSIGN_OR_RETURN(auto compare, BindInComparison(expr, *join.right, ctx));
    conditions.push_back(std::move(compare));
    join.null_aware = negated;
  }
  join.condition = JoinConjuncts(std::move(conditions));
  return join;
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindMarkSubquery(const ast::Expr& expr, ExprContext& ctx) {
  if (ctx.scalar_subqueries == nullptr) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat("EXISTS and IN subqueries are not supported in ",
                                                           ctx.clause)),
                   expr.location);
  }
  if (expr.subquery_kind != ast::SubqueryKind::kExists && expr.subquery_kind != ast::SubqueryKind::kIn) {
    return ErrorAt(absl::InvalidArgumentError("ANY and ALL subqueries are not supported"), expr.location);
  }
  ASSIGN_OR_RETURN(SubqueryBody body, BindSubqueryBody(expr, *ctx.scope));
  ASSIGN_OR_RETURN(auto mark, AddMark(expr, std::move(body), ctx));
  if (!expr.negated) return mark;
  std::vector<std::unique_ptr<Expr>> arg;
  arg.push_back(std::move(mark));
  return Expr::Call(ExprOp::kNot, DataType::Bool(), std::move(arg));
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::AddMark(const ast::Expr& expr, SubqueryBody body, ExprContext& ctx) {
  const int outer_width = ctx.scope->size();
  ScalarSubquery mark;
  mark.mark = true;
  mark.type = DataType::Bool();
  mark.condition = std::move(body.correlation);
  if (expr.subquery_kind == ast::SubqueryKind::kIn) {
    ASSIGN_OR_RETURN(mark.mark_compare, BindInComparison(expr, *body.plan, ctx));
    // The mark join sits right above FROM, so the compared value can only
    // read FROM columns.
    bool computed = false;
    ForEachColumn(*mark.mark_compare, [&](int c) { computed = computed || c >= kAggregateMarker; });
    if (computed) {
      return ErrorAt(absl::InvalidArgumentError(
                         "the left side of IN (subquery) may not use aggregates, window functions or subqueries"),
                     expr.location);
    }
  }
  for (const Expr* e : {mark.condition.get(), mark.mark_compare.get()}) {
    if (e != nullptr) ForEachColumn(*e, [&](int c) { mark.correlated = mark.correlated || c < outer_width; });
  }
  mark.plan = std::move(body.plan);
  ctx.scalar_subqueries->push_back(std::move(mark));
  return Expr::Column(kScalarMarker + static_cast<int>(ctx.scalar_subqueries->size()) - 1, DataType::Bool());
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindScalarSubquery(const ast::Expr& expr, ExprContext& ctx) {
  if (ctx.scalar_subqueries == nullptr) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat("scalar subqueries are not supported in ", ctx.clause)),
                   expr.location);
  }
  ScalarSubquery scalar;
  absl::StatusOr<std::unique_ptr<LogicalNode>> plan = BindSelect(*expr.subquery);
  if (plan.ok()) {
    if ((*plan)->fields.size() != 1) {
      return ErrorAt(absl::InvalidArgumentError("subquery must return only one column"), expr.location);
    }
    scalar.type = (*plan)->fields[0].type;
    scalar.plan = std::move(*plan);
  } else if (plan.status().code() == absl::StatusCode::kNotFound) {
    // It names a column of the enclosing query: correlated.
    absl::StatusOr<ScalarSubquery> correlated = BindCorrelatedScalar(*expr.subquery, *ctx.scope, expr.location);
    if (!correlated.ok()) {
      // Report the original name error when the subquery is not one the
      // decorrelation handles and the name is simply wrong.
      if (correlated.status().code() == absl::StatusCode::kNotFound) return plan.status();
      return correlated.status();
    }
    scalar = std::move(*correlated);
  } else {
    return plan.status();
  }
  DataType type = scalar.type;
  ctx.scalar_subqueries->push_back(std::move(scalar));
  return Expr::Column(kScalarMarker + static_cast<int>(ctx.scalar_subqueries->size()) - 1, type);
}

absl::StatusOr<Binder::ScalarSubquery> Binder::BindCorrelatedScalar(const ast::SelectStmt& sub, const Scope& outer,
                                                                    int location) {
  if (!IsSimpleBlock(sub) || sub.select_list.size() != 1 || sub.from.empty()) {
    return ErrorAt(absl::InvalidArgumentError(
                       "correlated scalar subqueries are supported as one SELECT item over FROM and WHERE, "
                       "without GROUP BY, LIMIT or DISTINCT"),
                   location);
  }
  ASSIGN_OR_RETURN(Bound inner, BindFrom(sub.from));
  const int inner_width = inner.scope.size();
  Scope combined = outer;
  combined.Append(inner.scope);
  ScalarSubquery out;
  out.correlated = true;
  std::vector<std::unique_ptr<Expr>> local, correlated;
  if (sub.where != nullptr) {
    std::vector<const ast::Expr*> parts;
    SplitAstConjuncts(*sub.where, &parts);
    for (const ast::Expr* part : parts) {
      ExprContext only_inner;
      only_inner.scope = &inner.scope;
      only_inner.clause = "WHERE";
      absl::StatusOr<std::unique_ptr<Expr>> e = BindExpr(*part, only_inner);
      if (e.ok()) {
        ASSIGN_OR_RETURN(auto f, CoerceTo(std::move(*e), DataType::Bool()));
        local.push_back(std::move(f));
        continue;
      }
      if (e.status().code() != absl::StatusCode::kNotFound) return e.status();
      ExprContext both;
      both.scope = &combined;
      both.clause = "WHERE";
      ASSIGN_OR_RETURN(auto c, BindExpr(*part, both));
      ASSIGN_OR_RETURN(c, CoerceTo(std::move(c), DataType::Bool()));
      correlated.push_back(std::move(c));
    }
  }
  // The value: aggregates over the inner rows; a plain value becomes min(),
  // which is that value when the subquery returns at most one row.
  ExprContext select_ctx;
  select_ctx.scope = &inner.scope;
  select_ctx.clause = "a correlated subquery";
  select_ctx.aggregates = &out.aggregates;
  ASSIGN_OR_RETURN(auto value, BindExpr(*sub.select_list[0].expr, select_ctx));
  if (out.aggregates.empty()) {
    AggregateExpr only;
    only.op = AggregateOp::kMin;
    only.type = value->type;
    only.arg = std::move(value);
    value = Expr::Column(kAggregateMarker, only.type);
    out.aggregates.push_back(std::move(only));
  }
  bool names_outer = false;
  ForEachColumn(*value, [&](int c) { names_outer = names_outer || c < kAggregateMarker; });
  if (names_outer) {
    return ErrorAt(absl::InvalidArgumentError("a correlated subquery's value must be computed from aggregates"),
                   location);
  }
  // count(*) must not count the NULL row an unmatched outer row gets from
  // the left join: it counts a marker column that is never NULL instead.
  std::unique_ptr<LogicalNode> plan = std::move(inner.plan);
  if (!local.empty()) {
    auto filter = std::make_unique<LogicalNode>();
    filter->kind = LogicalKind::kFilter;
    filter->fields = plan->fields;
    filter->predicate = JoinConjuncts(std::move(local));
    filter->inputs.push_back(std::move(plan));
    plan = std::move(filter);
  }
  auto marked = std::make_unique<LogicalNode>();
  marked->kind = LogicalKind::kProject;
  for (int i = 0; i < inner_width; ++i) {
    marked->exprs.push_back(Expr::Column(i, plan->fields[i].type));
    marked->fields.push_back(plan->fields[i]);
  }
  marked->exprs.push_back(Expr::Constant(Value::Bool(true)));
  marked->fields.push_back({"$matched", DataType::Bool(), false});
  marked->inputs.push_back(std::move(plan));
  out.plan = std::move(marked);
  for (AggregateExpr& a : out.aggregates) {
    if (a.op == AggregateOp::kCountStar) {
      a.op = AggregateOp::kCount;
      a.arg = Expr::Column(inner_width, DataType::Bool());
    }
  }
  out.condition = JoinConjuncts(std::move(correlated));
  out.type = value->type;
  out.result = Rewrite(std::move(value), [&](const Expr& node) -> std::unique_ptr<Expr> {
    if (node.op == ExprOp::kColumn && node.column >= kAggregateMarker) {
      return Expr::Column(node.column - kAggregateMarker, node.type);
    }
    return nullptr;
  });
  return out;
}

absl::StatusOr<std::unique_ptr<LogicalNode>> Binder::JoinScalar(std::unique_ptr<LogicalNode> plan, ScalarSubquery s,
                                                                int from_width) {
  const int width = static_cast<int>(plan->fields.size());
  auto join = std::make_unique<LogicalNode>();
  join->kind = LogicalKind::kJoin;
  join->join_type = LogicalJoinType::kLeft;
  if (s.mark) {
    // The subquery's columns follow the outer row (FROM, earlier scalars).
    for (Expr* e : {s.condition.get(), s.mark_compare.get()}) {
      if (e == nullptr) continue;
      RETURN_IF_ERROR(RemapColumns(*e, [&](int c) -> absl::StatusOr<int> {
        return c < from_width ? c : c - from_width + width;
      }));
    }
    join->join_type = LogicalJoinType::kMark;
    join->fields = plan->fields;
    join->fields.push_back({"$mark", DataType::Bool(), true});
    join->condition = std::move(s.condition);
    join->mark_compare = std::move(s.mark_compare);
    join->inputs.push_back(std::move(plan));
    join->inputs.push_back(std::move(s.plan));
    return join;
  }
  if (!s.correlated) {
    join->scalar_subquery = true;
    join->fields = plan->fields;
    Field f = s.plan->fields[0];
    f.nullable = true;
    join->fields.push_back(f);
    join->inputs.push_back(std::move(plan));
    join->inputs.push_back(std::move(s.plan));
    return join;
  }
  // Number the outer rows, so that each is one group after the join.
  auto numbered = std::make_unique<LogicalNode>();
  numbered->kind = LogicalKind::kWindow;
  numbered->fields = plan->fields;
  numbered->fields.push_back({"$row", DataType::Int64(), false});
  WindowFunction row_number;
  row_number.function.op = WindowOp::kRowNumber;
  row_number.function.type = DataType::Int64();
  numbered->windows.push_back(std::move(row_number));
  numbered->inputs.push_back(std::move(plan));
  const int outer_width = width + 1;
  // The condition named FROM columns then inner ones; the inner ones now
  // follow the outer row (FROM, earlier scalars, row number).
  if (s.condition != nullptr) {
    RETURN_IF_ERROR(RemapColumns(*s.condition, [&](int c) -> absl::StatusOr<int> {
      return c < from_width ? c : c - from_width + outer_width;
    }));
  }
  join->fields = numbered->fields;
  for (Field f : s.plan->fields) {
    f.nullable = true;
    join->fields.push_back(f);
  }
  join->condition = std::move(s.condition);
  join->inputs.push_back(std::move(numbered));
  join->inputs.push_back(std::move(s.plan));
  // Group by every outer column (the row number makes each row its own
  // group; the others ride along), aggregating the inner columns.
  auto agg = std::make_unique<LogicalNode>();
  agg->kind = LogicalKind::kAggregate;
  for (int i = 0; i < outer_width; ++i) {
    agg->group_by.push_back(Expr::Column(i, join->fields[i].type));
    agg->fields.push_back(join->fields[i]);
  }
  for (AggregateExpr& a : s.aggregates) {
    RETURN_IF_ERROR(RemapColumns(*a.arg, [&](int c) -> absl::StatusOr<int> { return c + outer_width; }));
    agg->fields.push_back({"$agg", a.type, true});
    agg->aggregates.push_back(std::move(a));
  }
  agg->inputs.push_back(std::move(join));
  // Back to the outer columns plus the subquery's value.
  RETURN_IF_ERROR(RemapColumns(*s.result, [&](int c) -> absl::StatusOr<int> { return c + outer_width; }));
  auto project = std::make_unique<LogicalNode>();
  project->kind = LogicalKind::kProject;
  for (int i = 0; i < width; ++i) {
    project->exprs.push_back(Expr::Column(i, agg->fields[i].type));
    project->fields.push_back(agg->fields[i]);
  }
  project->fields.push_back({"?column?", s.result->type, true});
  project->exprs.push_back(std::move(s.result));
  project->inputs.push_back(std::move(agg));
  return project;
}

}  // namespace tessera
