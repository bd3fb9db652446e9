// File: planner/optimizer/constant_folding.cc

#include "planner/optimizer/constant_folding.h"

#include "engine/expr/evaluate.h"
#include "engine/types/row_batch.h"

namespace tessera {
namespace {

bool AllConstant(const Expr& e) {
  for (const auto& a : e.args) {
    if (a->op != ExprOp::kConstant) return false;
  }
  return true;
}

}  // namespace

std::unique_ptr<Expr> FoldConstants(std::unique_ptr<Expr> expr) {
  for (auto& arg : expr->args) arg = FoldConstants(std::move(arg));
  if (expr->op == ExprOp::kColumn || expr->op == ExprOp::kConstant || !AllConstant(*expr)) return expr;
  RowBatch one_row(std::make_shared<const Schema>());
  one_row.SetNumRows(1);
  absl::StatusOr<ColumnVector> value = Evaluate(*expr, one_row);
  if (!value.ok() || value->size() != 1) return expr;
  return Expr::Constant(value->GetValue(0));
}

}  // namespace tessera
