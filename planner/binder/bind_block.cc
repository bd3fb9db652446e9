// One SELECT block (see the order of operators in bind_select.cc).

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/binder/type_rules.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

bool IsMarker(int column, int base) { return column >= base && column < base + (1 << 24); }

std::unique_ptr<LogicalNode> Wrap(LogicalKind kind, std::unique_ptr<LogicalNode> input) {
  auto node = std::make_unique<LogicalNode>();
  node->kind = kind;
  node->fields = input->fields;
  node->inputs.push_back(std::move(input));
  return node;
}

// A name for a select item without an alias, as PostgreSQL derives it.
std::string DerivedName(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kColumnRef:
      return e.names.back();
    case ast::ExprKind::kFunction:
      return e.name;
    case ast::ExprKind::kCast:
      return e.args.empty() ? "?column?" : DerivedName(*e.args[0]);
    case ast::ExprKind::kCase:
      return "case";
    case ast::ExprKind::kCoalesce:
      return "coalesce";
    case ast::ExprKind::kNullIf:
      return "nullif";
    case ast::ExprKind::kGreatest:
      return "greatest";
    case ast::ExprKind::kLeast:
      return "least";
    case ast::ExprKind::kCurrent:
      return e.op;
    default:
      return "?column?";
  }
}

// Moves an expression over the FROM columns onto the aggregate's output:
// group expressions become its group columns, aggregate markers its
// aggregate columns; any other column is a GROUP BY violation.
absl::StatusOr<std::unique_ptr<Expr>> OntoAggregate(std::unique_ptr<Expr> e, const ExprList& group_by,
                                                    const Scope& from_scope) {
  absl::Status error;
  const int groups = static_cast<int>(group_by.size());
  auto out = Rewrite(std::move(e), [&](const Expr& node) -> std::unique_ptr<Expr> {
    for (int i = 0; i < groups; ++i) {
      if (ExprEquals(node, *group_by[i])) return Expr::Column(i, node.type);
    }
    if (node.op != ExprOp::kColumn) return nullptr;
    if (IsMarker(node.column, kAggregateMarker)) return Expr::Column(groups + node.column - kAggregateMarker, node.type);
    if (IsMarker(node.column, kWindowMarker)) return node.Clone();
    if (node.column >= from_scope.size() && error.ok()) {  // A subquery's column.
      error = absl::InvalidArgumentError(
          "a subquery reading columns of the outer query that are not grouped must appear in the GROUP BY "
          "clause or be used in an aggregate function");
    }
    if (error.ok()) {
      std::string name = "?column?";
      if (node.column < from_scope.size()) {
        const ScopeColumn& c = from_scope.columns()[node.column];
        name = c.qualifier.empty() ? c.name : absl::StrCat(c.qualifier, ".", c.name);
      }
      error = absl::InvalidArgumentError(absl::StrCat(
          "column \"", name, "\" must appear in the GROUP BY clause or be used in an aggregate function"));
    }
    return node.Clone();
  });
  if (!error.ok()) return error;
  return out;
}

// Points marker columns (base + i) at real columns (offset + i).
std::unique_ptr<Expr> Remap(std::unique_ptr<Expr> e, int base, int offset) {
  return Rewrite(std::move(e), [&](const Expr& node) -> std::unique_ptr<Expr> {
    if (node.op == ExprOp::kColumn && IsMarker(node.column, base)) {
      return Expr::Column(offset + node.column - base, node.type);
    }
    return nullptr;
  });
}

}  // namespace

absl::StatusOr<Binder::Bound> Binder::BindBlock(const ast::SelectStmt& stmt) {
  if (!stmt.distinct_on.empty()) {
    return ErrorAt(absl::InvalidArgumentError("SELECT DISTINCT ON is not supported"), stmt.location);
  }
  ASSIGN_OR_RETURN(Bound from, BindFrom(stmt.from));
  const Scope& scope = from.scope;
  const int from_width = scope.size();

  std::vector<ScalarSubquery> scalars;
  std::vector<AggregateExpr> aggregates;
  std::vector<WindowFunction> windows;

  // WHERE.
  ExprList filters;
  std::vector<SubqueryJoin> joins;
  if (stmt.where != nullptr) {
    ExprContext ctx;
    ctx.scope = &scope;
    ctx.clause = "WHERE";
    ctx.scalar_subqueries = &scalars;
    RETURN_IF_ERROR(BindWhere(*stmt.where, ctx, &filters, &joins));
  }
  const size_t where_scalars = scalars.size();

  // The select list, with * expanded.
  ExprContext select_ctx;
  select_ctx.scope = &scope;
  select_ctx.clause = "the SELECT list";
  select_ctx.aggregates = &aggregates;
  select_ctx.windows = &windows;
  select_ctx.scalar_subqueries = &scalars;
  select_ctx.named_windows = &stmt.windows;
  ExprList select_exprs;
  std::vector<std::string> select_names;
  for (const ast::SelectItem& item : stmt.select_list) {
    const ast::Expr& e = *item.expr;
    if (e.kind == ast::ExprKind::kColumnRef && e.names.back() == "*") {
      std::string qualifier = e.names.size() >= 2 ? e.names[e.names.size() - 2] : "";
      if (!qualifier.empty() && !scope.HasQualifier(qualifier)) {
        return ErrorAt(absl::NotFoundError(absl::StrCat("missing FROM-clause entry for table \"", qualifier, "\"")),
                       e.location);
      }
      for (int i = 0; i < from_width; ++i) {
        const ScopeColumn& c = scope.columns()[i];
        if (c.hidden || (!qualifier.empty() && c.qualifier != qualifier)) continue;
        select_exprs.push_back(Expr::Column(i, c.type));
        select_names.push_back(c.name);
      }
      continue;
    }
    ASSIGN_OR_RETURN(auto bound, BindExpr(e, select_ctx));
    select_exprs.push_back(std::move(bound));
    select_names.push_back(item.alias.empty() ? DerivedName(e) : item.alias);
  }
  if (select_exprs.empty()) {
    return ErrorAt(absl::InvalidArgumentError("a SELECT list must name at least one column"), stmt.location);
  }

  // GROUP BY: expressions over FROM, or positions and names of select items.
  ExprList group_by;
  for (const auto& g : stmt.group_by) {
    if (g->kind == ast::ExprKind::kLiteral && g->value->type().id == TypeId::kInt64) {
      int64_t pos = g->value->int64_value();
      if (pos < 1 || pos > static_cast<int64_t>(select_exprs.size())) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat("GROUP BY position ", pos, " is not in select list")),
                       g->location);
      }
      group_by.push_back(select_exprs[pos - 1]->Clone());
      continue;
    }
    ExprContext ctx;
    ctx.scope = &scope;
    ctx.clause = "GROUP BY";
    absl::StatusOr<std::unique_ptr<Expr>> e = BindExpr(*g, ctx);
    if (!e.ok() && g->kind == ast::ExprKind::kColumnRef && g->names.size() == 1) {
      // A select-list alias, as PostgreSQL allows.
      for (size_t i = 0; i < select_names.size(); ++i) {
        if (select_names[i] == g->names[0]) e = select_exprs[i]->Clone();
      }
    }
    if (!e.ok()) return e.status();
    group_by.push_back(std::move(*e));
  }

  // HAVING.
  std::unique_ptr<Expr> having;
  if (stmt.having != nullptr) {
    ExprContext ctx = select_ctx;
    ctx.clause = "HAVING";
    ctx.windows = nullptr;
    ASSIGN_OR_RETURN(having, BindExpr(*stmt.having, ctx));
    ASSIGN_OR_RETURN(having, CoerceTo(std::move(having), DataType::Bool()));
  }

  // ORDER BY: a position, a select item's name, or an expression.
  struct OrderKey {
    int select_index = -1;
    std::unique_ptr<Expr> expr;
    bool descending;
    bool nulls_first;
    int location;
  };
  std::vector<OrderKey> order;
  for (const ast::OrderItem& item : stmt.order_by) {
    OrderKey key{-1, nullptr, item.descending, item.nulls_first.value_or(item.descending), item.expr->location};
    const ast::Expr& e = *item.expr;
    if (e.kind == ast::ExprKind::kLiteral && e.value->type().id == TypeId::kInt64) {
      int64_t pos = e.value->int64_value();
      if (pos < 1 || pos > static_cast<int64_t>(select_exprs.size())) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat("ORDER BY position ", pos, " is not in select list")),
                       e.location);
      }
      key.select_index = static_cast<int>(pos - 1);
    } else if (e.kind == ast::ExprKind::kColumnRef && e.names.size() == 1) {
      int matches = 0;
      for (size_t i = 0; i < select_names.size(); ++i) {
        if (select_names[i] == e.names[0]) {
          key.select_index = static_cast<int>(i);
          ++matches;
        }
      }
      if (matches > 1) {
        return ErrorAt(absl::InvalidArgumentError(absl::StrCat("ORDER BY \"", e.names[0], "\" is ambiguous")),
                       e.location);
      }
    }
    if (key.select_index < 0) {
      ExprContext ctx = select_ctx;
      ctx.clause = "ORDER BY";
      ASSIGN_OR_RETURN(key.expr, BindExpr(e, ctx));
    }
    order.push_back(std::move(key));
  }

  const bool aggregated = !group_by.empty() || !aggregates.empty() || having != nullptr;
  // An uncorrelated scalar subquery has one value for the whole query, so
  // grouping by it changes nothing and lets the select list use it.
  if (aggregated) {
    for (size_t k = 0; k < scalars.size(); ++k) {
      if (!scalars[k].correlated) group_by.push_back(Expr::Column(kScalarMarker + static_cast<int>(k), scalars[k].type));
    }
    // An EXISTS or IN read outside aggregates (the select list, HAVING,
    // ORDER BY) is computed per FROM row; reading only grouped columns, it
    // is the same for every row of a group, so grouping by it as well
    // changes nothing.
    std::vector<bool> read_outside(scalars.size(), false);
    auto note = [&](const Expr* e) {
      if (e == nullptr) return;
      ForEachColumn(*e, [&](int c) {
        if (IsMarker(c, kScalarMarker)) read_outside[c - kScalarMarker] = true;
      });
    };
    for (const auto& e : select_exprs) note(e.get());
    note(having.get());
    for (const OrderKey& k : order) note(k.expr.get());
    for (size_t k = where_scalars; k < scalars.size(); ++k) {
      if (!scalars[k].mark || !scalars[k].correlated || !read_outside[k]) continue;
      bool grouped = true;
      for (const Expr* e : {scalars[k].condition.get(), scalars[k].mark_compare.get()}) {
        if (e == nullptr) continue;
        ForEachColumn(*e, [&](int c) {
          if (c >= from_width) return;
          bool found = false;
          for (const auto& g : group_by) found = found || (g->op == ExprOp::kColumn && g->column == c);
          grouped = grouped && found;
        });
      }
      // Otherwise it may still be part of a GROUP BY expression; if not,
      // OntoAggregate refuses it.
      if (grouped) group_by.push_back(Expr::Column(kScalarMarker + static_cast<int>(k), DataType::Bool()));
    }
  }
  const int scalar_count = static_cast<int>(scalars.size());

  // FROM, then scalar subqueries, each left-joined as one more column.
  std::unique_ptr<LogicalNode> plan = std::move(from.plan);
  for (ScalarSubquery& s : scalars) {
    ASSIGN_OR_RETURN(plan, JoinScalar(std::move(plan), std::move(s), from_width));
  }
  auto transform = [&](std::unique_ptr<Expr> e) -> absl::StatusOr<std::unique_ptr<Expr>> {
    e = Remap(std::move(e), kScalarMarker, from_width);
    if (aggregated) {
      ASSIGN_OR_RETURN(e, OntoAggregate(std::move(e), group_by, scope));
    }
    return e;
  };

  // WHERE: filters, then semi and anti joins.
  if (!filters.empty()) {
    auto filter = Wrap(LogicalKind::kFilter, std::move(plan));
    for (auto& f : filters) f = Remap(std::move(f), kScalarMarker, from_width);
    filter->predicate = JoinConjuncts(std::move(filters));
    plan = std::move(filter);
  }
  for (SubqueryJoin& j : joins) {
    auto join = std::make_unique<LogicalNode>();
    join->kind = LogicalKind::kJoin;
    join->join_type = j.type;
    join->null_aware = j.null_aware;
    join->fields = plan->fields;
    if (j.condition != nullptr) {
      // The subquery's columns follow the scalar-subquery columns now.
      RETURN_IF_ERROR(RemapColumns(*j.condition, [&](int c) -> absl::StatusOr<int> {
        return c >= from_width ? c + scalar_count : c;
      }));
    }
    join->condition = std::move(j.condition);
    join->inputs.push_back(std::move(plan));
    join->inputs.push_back(std::move(j.right));
    plan = std::move(join);
  }

  // Aggregation.
  if (aggregated) {
    auto agg = std::make_unique<LogicalNode>();
    agg->kind = LogicalKind::kAggregate;
    for (auto& g : group_by) {
      g = Remap(std::move(g), kScalarMarker, from_width);
      std::string name = g->op == ExprOp::kColumn && g->column < from_width ? scope.columns()[g->column].name : "?column?";
      agg->fields.push_back({name, g->type, true});
      agg->group_by.push_back(g->Clone());
    }
    for (AggregateExpr& a : aggregates) {
      if (a.arg != nullptr) a.arg = Remap(std::move(a.arg), kScalarMarker, from_width);
      agg->fields.push_back({AggregateOpName(a.op), a.type, a.op != AggregateOp::kCountStar && a.op != AggregateOp::kCount});
      agg->aggregates.push_back(std::move(a));
    }
    agg->inputs.push_back(std::move(plan));
    plan = std::move(agg);
    if (having != nullptr) {
      auto filter = Wrap(LogicalKind::kFilter, std::move(plan));
      absl::StatusOr<std::unique_ptr<Expr>> h = transform(std::move(having));
      if (!h.ok()) return ErrorAt(h.status(), stmt.having->location);
      filter->predicate = std::move(*h);
      plan = std::move(filter);
    }
  }

  // Window functions.
  const int window_input_width = static_cast<int>(plan->fields.size());
  if (!windows.empty()) {
    auto node = Wrap(LogicalKind::kWindow, std::move(plan));
    for (WindowFunction& w : windows) {
      if (w.function.arg != nullptr) {
        ASSIGN_OR_RETURN(w.function.arg, transform(std::move(w.function.arg)));
      }
      for (auto& p : w.partition_by) {
        ASSIGN_OR_RETURN(p, transform(std::move(p)));
      }
      for (SortKey& k : w.order_by) {
        ASSIGN_OR_RETURN(k.expr, transform(std::move(k.expr)));
      }
      node->fields.push_back({WindowOpName(w.function.op), w.function.type, true});
      node->windows.push_back(std::move(w));
    }
    plan = std::move(node);
  }

  // The projection: select items, then ORDER BY expressions not among them.
  auto project = Wrap(LogicalKind::kProject, std::move(plan));
  project->fields.clear();
  for (size_t i = 0; i < select_exprs.size(); ++i) {
    absl::StatusOr<std::unique_ptr<Expr>> e = transform(std::move(select_exprs[i]));
    if (!e.ok()) return ErrorAt(e.status(), stmt.select_list.empty() ? -1 : stmt.select_list[std::min(i, stmt.select_list.size() - 1)].location);
    std::unique_ptr<Expr> out = Remap(std::move(*e), kWindowMarker, window_input_width);
    project->fields.push_back({select_names[i], out->type, true});
    project->exprs.push_back(std::move(out));
  }
  const int visible = static_cast<int>(project->exprs.size());
  std::vector<SortKey> sort_keys;
  for (OrderKey& k : order) {
    int column = k.select_index;
    if (column < 0) {
      absl::StatusOr<std::unique_ptr<Expr>> e = transform(std::move(k.expr));
      if (!e.ok()) return ErrorAt(e.status(), k.location);
      std::unique_ptr<Expr> key = Remap(std::move(*e), kWindowMarker, window_input_width);
      for (int i = 0; i < static_cast<int>(project->exprs.size()); ++i) {
        if (ExprEquals(*project->exprs[i], *key)) column = i;
      }
      if (column < 0) {
        if (stmt.distinct) {
          return ErrorAt(absl::InvalidArgumentError("for SELECT DISTINCT, ORDER BY expressions must appear in select list"),
                         k.location);
        }
        column = static_cast<int>(project->exprs.size());
        project->fields.push_back({"?order?", key->type, true});
        project->exprs.push_back(std::move(key));
      }
    }
    sort_keys.push_back({Expr::Column(column, project->fields[column].type), k.descending, k.nulls_first});
  }
  plan = std::move(project);
  if (stmt.distinct) plan = Wrap(LogicalKind::kDistinct, std::move(plan));
  if (!sort_keys.empty()) {
    auto sort = Wrap(LogicalKind::kSort, std::move(plan));
    sort->sort_keys = std::move(sort_keys);
    plan = std::move(sort);
  }
  ASSIGN_OR_RETURN(auto limit, BindConstantInt(stmt.limit.get(), "LIMIT"));
  ASSIGN_OR_RETURN(auto offset, BindConstantInt(stmt.offset.get(), "OFFSET"));
  if (limit != nullptr || offset != nullptr) {
    auto node = Wrap(LogicalKind::kLimit, std::move(plan));
    if (limit != nullptr) node->limit = limit->constant.int64_value();
    if (offset != nullptr) node->offset = offset->constant.int64_value();
    plan = std::move(node);
  }
  if (static_cast<int>(plan->fields.size()) > visible) {
    auto trim = Wrap(LogicalKind::kProject, std::move(plan));
    trim->fields.resize(visible);
    for (int i = 0; i < visible; ++i) trim->exprs.push_back(Expr::Column(i, trim->fields[i].type));
    plan = std::move(trim);
  }
  Bound out;
  for (const Field& f : plan->fields) out.scope.Add({"", f.name, f.type});
  out.plan = std::move(plan);
  return out;
}

}  // namespace tessera
