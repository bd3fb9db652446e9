#include "planner/binder/expr_rewrite.h"

namespace tessera {

bool ExprEquals(const Expr& a, const Expr& b) {
  if (a.op != b.op || a.type != b.type || a.column != b.column || a.field != b.field ||
      a.skip_nulls != b.skip_nulls || a.args.size() != b.args.size()) {
    return false;
  }
  if (a.op == ExprOp::kConstant && !(a.constant == b.constant)) return false;
  if (a.interval.months != b.interval.months || a.interval.days != b.interval.days ||
      a.interval.micros != b.interval.micros) {
    return false;
  }
  if (a.case_insensitive != b.case_insensitive || a.display != b.display) return false;
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!ExprEquals(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

void ForEachColumn(const Expr& expr, const std::function<void(int)>& fn) {
  if (expr.op == ExprOp::kColumn) fn(expr.column);
  for (const auto& arg : expr.args) ForEachColumn(*arg, fn);
}

absl::Status RemapColumns(Expr& expr, const std::function<absl::StatusOr<int>(int)>& fn) {
  if (expr.op == ExprOp::kColumn) {
    absl::StatusOr<int> mapped = fn(expr.column);
    if (!mapped.ok()) return mapped.status();
    expr.column = *mapped;
  }
  for (auto& arg : expr.args) {
    absl::Status s = RemapColumns(*arg, fn);
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

std::unique_ptr<Expr> Rewrite(std::unique_ptr<Expr> expr,
                              const std::function<std::unique_ptr<Expr>(const Expr&)>& fn) {
  if (std::unique_ptr<Expr> replacement = fn(*expr)) return replacement;
  for (auto& arg : expr->args) arg = Rewrite(std::move(arg), fn);
  return expr;
}

std::unique_ptr<Expr> InlineColumns(std::unique_ptr<Expr> expr, const std::vector<std::unique_ptr<Expr>>& columns) {
  return Rewrite(std::move(expr), [&](const Expr& e) -> std::unique_ptr<Expr> {
    return e.op == ExprOp::kColumn ? columns[e.column]->Clone() : nullptr;
  });
}

std::vector<std::unique_ptr<Expr>> SplitConjuncts(std::unique_ptr<Expr> predicate) {
  std::vector<std::unique_ptr<Expr>> out;
  if (predicate == nullptr) return out;
  if (predicate->op == ExprOp::kAnd) {
    for (auto& arg : predicate->args) {
      for (auto& part : SplitConjuncts(std::move(arg))) out.push_back(std::move(part));
    }
    return out;
  }
  out.push_back(std::move(predicate));
  return out;
}

std::unique_ptr<Expr> JoinConjuncts(std::vector<std::unique_ptr<Expr>> conjuncts) {
  if (conjuncts.empty()) return nullptr;
  if (conjuncts.size() == 1) return std::move(conjuncts[0]);
  return Expr::Call(ExprOp::kAnd, DataType::Bool(), std::move(conjuncts));
}

}  // namespace tessera
