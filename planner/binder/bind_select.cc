// Binding of query blocks: WITH, set operations, VALUES, and SELECT with its
// WHERE, GROUP BY, HAVING, window functions, DISTINCT, ORDER BY and LIMIT.
// A block becomes, bottom to top: FROM, scalar subqueries (left-joined),
// WHERE (filter, then semi/anti joins for EXISTS and IN), aggregate, HAVING,
// window, projection, DISTINCT, sort, limit, and a last projection that drops
// the columns only ORDER BY needed.

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "planner/binder/bind_context.h"
#include "planner/binder/expr_rewrite.h"
#include "planner/binder/type_rules.h"

namespace tessera {
namespace {

using ExprList = std::vector<std::unique_ptr<Expr>>;

std::unique_ptr<LogicalNode> NewNode(LogicalKind kind, std::unique_ptr<LogicalNode> input) {
  auto node = std::make_unique<LogicalNode>();
  node->kind = kind;
  if (input != nullptr) {
    node->fields = input->fields;
    node->inputs.push_back(std::move(input));
  }
  return node;
}

// True when output column `i` of `plan` is the literal NULL.
bool IsNullColumn(const LogicalNode& plan, size_t i) {
  switch (plan.kind) {
    case LogicalKind::kProject:
      return plan.exprs[i]->op == ExprOp::kConstant && plan.exprs[i]->constant.is_null();
    case LogicalKind::kDistinct:
    case LogicalKind::kSort:
    case LogicalKind::kLimit:
      return IsNullColumn(*plan.inputs[0], i);
    default:
      return false;
  }
}

}  // namespace

Binder::Binder(Catalog* catalog, absl::string_view sql, absl::Time now)
    : catalog_(catalog), sql_(sql), now_(now) {}

absl::StatusOr<std::unique_ptr<LogicalNode>> Binder::BindSelect(const ast::SelectStmt& stmt) {
  bool pushed = !stmt.with.empty();
  if (pushed) {
    std::vector<const ast::CommonTableExpr*> level;
    for (const auto& cte : stmt.with) level.push_back(&cte);
    ctes_.push_back(std::move(level));
  }
  absl::StatusOr<Bound> bound = BindQuery(stmt);
  if (pushed) ctes_.pop_back();
  if (!bound.ok()) return bound.status();
  return std::move(bound->plan);
}

absl::StatusOr<Binder::Bound> Binder::BindQuery(const ast::SelectStmt& stmt) {
  if (stmt.set_op != ast::SetOp::kNone) return BindSetOperation(stmt);
  if (!stmt.values.empty()) return BindValues(stmt);
  return BindBlock(stmt);
}

absl::StatusOr<std::unique_ptr<Expr>> Binder::BindConstantInt(const ast::Expr* expr, const char* clause) {
  if (expr == nullptr) return nullptr;
  Scope empty;
  ExprContext ctx;
  ctx.scope = &empty;
  ctx.clause = clause;
  ASSIGN_OR_RETURN(auto e, BindExpr(*expr, ctx));
  if (e->op == ExprOp::kConstant && e->constant.is_null()) return nullptr;  // LIMIT ALL / NULL.
  if (e->op != ExprOp::kConstant || e->type.id != TypeId::kInt64 || e->constant.int64_value() < 0) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat(clause, " must be a non-negative integer constant")),
                   expr->location);
  }
  return e;
}

absl::StatusOr<Binder::Bound> Binder::BindOrderLimit(const ast::SelectStmt& stmt, Bound input) {
  if (!stmt.order_by.empty()) {
    auto sort = NewNode(LogicalKind::kSort, std::move(input.plan));
    for (const ast::OrderItem& item : stmt.order_by) {
      ExprContext ctx;
      ctx.scope = &input.scope;
      ctx.clause = "ORDER BY";
      std::unique_ptr<Expr> key;
      if (item.expr->kind == ast::ExprKind::kLiteral && item.expr->value->type().id == TypeId::kInt64) {
        int64_t pos = item.expr->value->int64_value();
        if (pos < 1 || pos > static_cast<int64_t>(sort->fields.size())) {
          return ErrorAt(absl::InvalidArgumentError(absl::StrCat("ORDER BY position ", pos, " is not in select list")),
                         item.expr->location);
        }
        key = Expr::Column(static_cast<int>(pos - 1), sort->fields[pos - 1].type);
      } else {
        ASSIGN_OR_RETURN(key, BindExpr(*item.expr, ctx));
      }
      sort->sort_keys.push_back({std::move(key), item.descending, item.nulls_first.value_or(item.descending)});
    }
    input.plan = std::move(sort);
  }
  ASSIGN_OR_RETURN(auto limit, BindConstantInt(stmt.limit.get(), "LIMIT"));
  ASSIGN_OR_RETURN(auto offset, BindConstantInt(stmt.offset.get(), "OFFSET"));
  if (limit != nullptr || offset != nullptr) {
    auto node = NewNode(LogicalKind::kLimit, std::move(input.plan));
    if (limit != nullptr) node->limit = limit->constant.int64_value();
    if (offset != nullptr) node->offset = offset->constant.int64_value();
    input.plan = std::move(node);
  }
  return input;
}

absl::StatusOr<Binder::Bound> Binder::BindValues(const ast::SelectStmt& stmt) {
  Scope empty;
  ExprContext ctx;
  ctx.scope = &empty;
  ctx.clause = "VALUES";
  const size_t width = stmt.values[0].size();
  std::vector<ExprList> rows;
  for (const auto& row : stmt.values) {
    if (row.size() != width) {
      return ErrorAt(absl::InvalidArgumentError("VALUES lists must all be the same length"), stmt.location);
    }
    ExprList bound;
    for (const auto& e : row) {
      ASSIGN_OR_RETURN(auto b, BindExpr(*e, ctx));
      if (b->op != ExprOp::kConstant) {
        return ErrorAt(absl::InvalidArgumentError("VALUES may hold constants only"), e->location);
      }
      bound.push_back(std::move(b));
    }
    rows.push_back(std::move(bound));
  }
  auto node = std::make_unique<LogicalNode>();
  node->kind = LogicalKind::kValues;
  Bound out;
  for (size_t c = 0; c < width; ++c) {
    ExprList column;
    for (auto& row : rows) column.push_back(std::move(row[c]));
    std::optional<DataType> common;
    for (const auto& e : column) {
      if (e->constant.is_null() || (e->type.id == TypeId::kText && common.has_value())) continue;
      common = common.has_value() ? CommonType(*common, e->type) : e->type;
      if (!common.has_value()) {
        return ErrorAt(absl::InvalidArgumentError("VALUES types cannot be matched"), stmt.location);
      }
    }
    DataType type = common.value_or(DataType::Text());
    std::string name = absl::StrCat("column", c + 1);
    node->fields.push_back({name, type, true});
    out.scope.Add({"", name, type});
    for (size_t r = 0; r < column.size(); ++r) {
      ASSIGN_OR_RETURN(auto cast, CoerceTo(std::move(column[r]), type));
      if (node->rows.size() <= r) node->rows.emplace_back();
      node->rows[r].push_back(cast->constant);
    }
  }
  out.plan = std::move(node);
  return BindOrderLimit(stmt, std::move(out));
}

absl::StatusOr<Binder::Bound> Binder::BindSetOperation(const ast::SelectStmt& stmt) {
  ASSIGN_OR_RETURN(std::unique_ptr<LogicalNode> left, BindSelect(*stmt.left));
  ASSIGN_OR_RETURN(std::unique_ptr<LogicalNode> right, BindSelect(*stmt.right));
  const char* name = stmt.set_op == ast::SetOp::kUnion       ? "UNION"
                     : stmt.set_op == ast::SetOp::kIntersect ? "INTERSECT"
                                                             : "EXCEPT";
  if (left->fields.size() != right->fields.size()) {
    return ErrorAt(absl::InvalidArgumentError(absl::StrCat("each ", name, " query must have the same number of columns")),
                   stmt.location);
  }
  // Both sides are brought to common column types; a column that is only a
  // NULL literal takes the other side's type, as PostgreSQL resolves it.
  std::vector<DataType> types;
  for (size_t i = 0; i < left->fields.size(); ++i) {
    std::optional<DataType> t = IsNullColumn(*left, i)    ? right->fields[i].type
                                : IsNullColumn(*right, i) ? left->fields[i].type
                                                          : CommonType(left->fields[i].type, right->fields[i].type);
    if (!t.has_value()) {
      return ErrorAt(absl::InvalidArgumentError(absl::StrCat(name, " types ", left->fields[i].type.ToString(), " and ",
                                                             right->fields[i].type.ToString(), " cannot be matched")),
                     stmt.location);
    }
    types.push_back(*t);
  }
  auto conform = [&](std::unique_ptr<LogicalNode> side) -> absl::StatusOr<std::unique_ptr<LogicalNode>> {
    bool same = true;
    for (size_t i = 0; i < types.size(); ++i) same = same && side->fields[i].type == types[i];
    if (same) return side;
    auto project = NewNode(LogicalKind::kProject, std::move(side));
    for (size_t i = 0; i < types.size(); ++i) {
      ASSIGN_OR_RETURN(auto e, CoerceTo(Expr::Column(static_cast<int>(i), project->fields[i].type), types[i]));
      project->exprs.push_back(std::move(e));
      project->fields[i].type = types[i];
    }
    return project;
  };
  ASSIGN_OR_RETURN(left, conform(std::move(left)));
  ASSIGN_OR_RETURN(right, conform(std::move(right)));
  auto setop = std::make_unique<LogicalNode>();
  setop->kind = LogicalKind::kSetOp;
  setop->fields = left->fields;
  for (size_t i = 0; i < setop->fields.size(); ++i) {
    setop->fields[i].nullable = left->fields[i].nullable || right->fields[i].nullable;
  }
  switch (stmt.set_op) {
    case ast::SetOp::kUnion:
      setop->set_op = LogicalSetOp::kUnionAll;
      break;
    case ast::SetOp::kIntersect:
      setop->set_op = stmt.set_all ? LogicalSetOp::kIntersectAll : LogicalSetOp::kIntersect;
      break;
    case ast::SetOp::kExcept:
      setop->set_op = stmt.set_all ? LogicalSetOp::kExceptAll : LogicalSetOp::kExcept;
      break;
    case ast::SetOp::kNone:
      break;
  }
  setop->inputs.push_back(std::move(left));
  setop->inputs.push_back(std::move(right));
  Bound out;
  out.plan = std::move(setop);
  if (stmt.set_op == ast::SetOp::kUnion && !stmt.set_all) out.plan = NewNode(LogicalKind::kDistinct, std::move(out.plan));
  for (const Field& f : out.plan->fields) out.scope.Add({"", f.name, f.type});
  return BindOrderLimit(stmt, std::move(out));
}

}  // namespace tessera
