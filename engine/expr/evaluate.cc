// Evaluation entry points and the dispatch of each node to the file that
// computes its kind of operator; also evaluation over a subset of rows,
// which the lazy operators (CASE, COALESCE, AND, OR) build on.

#include "engine/expr/evaluate.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/node_eval.h"

namespace tessera {
namespace expr_internal {
namespace {

absl::StatusOr<Operand> Dispatch(const Expr& expr, const EvalContext& ctx) {
  switch (expr.op) {
    case ExprOp::kColumn:
      if (expr.column < 0 || expr.column >= ctx.batch->num_columns()) {
        return absl::InternalError(absl::StrCat("column reference #", expr.column,
                                                " outside a batch of ",
                                                ctx.batch->num_columns(), " columns"));
      }
      return Operand::Borrow(ctx.batch->column(expr.column));
    case ExprOp::kConstant:
      // An untyped NULL literal takes the type the binder gave the node.
      if (expr.constant.is_null()) return Operand::FromValue(Value::Null(expr.type));
      return Operand::FromValue(expr.constant);

    case ExprOp::kAdd:
    case ExprOp::kSubtract:
    case ExprOp::kMultiply:
    case ExprOp::kDivide:
    case ExprOp::kModulo:
    case ExprOp::kNegate:
      return EvalArithmetic(expr, ctx);

    case ExprOp::kEqual:
    case ExprOp::kNotEqual:
    case ExprOp::kLess:
    case ExprOp::kLessEqual:
    case ExprOp::kGreater:
    case ExprOp::kGreaterEqual:
      return EvalComparison(expr, ctx);

    case ExprOp::kAnd:
    case ExprOp::kOr:
    case ExprOp::kNot:
    case ExprOp::kIsNull:
    case ExprOp::kIsNotNull:
    case ExprOp::kIsTrue:
    case ExprOp::kIsNotTrue:
    case ExprOp::kIsFalse:
    case ExprOp::kIsNotFalse:
    case ExprOp::kIsDistinctFrom:
    case ExprOp::kIsNotDistinctFrom:
      return EvalLogic(expr, ctx);

    case ExprOp::kLike:
      return EvalLike(expr, ctx);
    case ExprOp::kInList:
      return EvalInList(expr, ctx);
    case ExprOp::kCase:
    case ExprOp::kCoalesce:
    case ExprOp::kNullIf:
    case ExprOp::kGreatest:
    case ExprOp::kLeast:
      return EvalConditional(expr, ctx);
    case ExprOp::kCast:
      return EvalCast(expr, ctx);

    case ExprOp::kConcat:
    case ExprOp::kLower:
    case ExprOp::kUpper:
    case ExprOp::kLength:
    case ExprOp::kSubstr:
    case ExprOp::kTrim:
    case ExprOp::kLTrim:
    case ExprOp::kRTrim:
    case ExprOp::kReplace:
    case ExprOp::kPosition:
      return EvalTextFunction(expr, ctx);

    case ExprOp::kAbs:
    case ExprOp::kRound:
    case ExprOp::kFloor:
    case ExprOp::kCeil:
      return EvalNumericFunction(expr, ctx);

    case ExprOp::kDateTrunc:
    case ExprOp::kExtract:
    case ExprOp::kAddInterval:
    case ExprOp::kSubtractInterval:
    case ExprOp::kDateDiffDays:
    case ExprOp::kTimestampDiff:
      return EvalDatetimeFunction(expr, ctx);
  }
  return absl::InternalError(absl::StrCat("unknown expression operator ", static_cast<int>(expr.op)));
}

void MarkColumns(const Expr& expr, std::vector<bool>* used) {
  if (expr.op == ExprOp::kColumn && expr.column >= 0 &&
      expr.column < static_cast<int>(used->size())) {
    (*used)[expr.column] = true;
  }
  for (const auto& arg : expr.args) MarkColumns(*arg, used);
}

}  // namespace

absl::StatusOr<Operand> EvalNode(const Expr& expr, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(Operand result, Dispatch(expr, ctx));
  if (!result.is_single() && result.column().size() != ctx.rows()) {
    return absl::InternalError(absl::StrCat("expression ", expr.ToString(), " gave ",
                                            result.column().size(), " values for ", ctx.rows(),
                                            " rows"));
  }
  if (result.type() != expr.type) return CastOperand(std::move(result), expr.type, ctx.rows());
  return result;
}

absl::StatusOr<Operand> EvalOnRows(const Expr& expr, const EvalContext& ctx,
                                   const std::vector<int64_t>& rows) {
  if (static_cast<int64_t>(rows.size()) == ctx.rows()) return EvalNode(expr, ctx);
  if (rows.empty()) return Operand::Own(ColumnVector(expr.type));

  // A batch of just those rows, holding only the columns `expr` reads.
  RowBatch subset(ctx.batch->shared_schema());
  std::vector<bool> used(ctx.batch->num_columns(), false);
  MarkColumns(expr, &used);
  for (int c = 0; c < ctx.batch->num_columns(); ++c) {
    if (used[c]) subset.column(c) = Gather(ctx.batch->column(c), rows);
  }
  subset.SetNumRows(static_cast<int64_t>(rows.size()));
  ASSIGN_OR_RETURN(Operand result, EvalNode(expr, EvalContext{&subset}));
  // A bare column reference borrows from `subset`, which ends here.
  for (int c = 0; c < subset.num_columns(); ++c) {
    if (&result.column() == &subset.column(c)) return Operand::Own(std::move(subset.column(c)));
  }
  return result;
}

bool CanFail(const Expr& expr) {
  switch (expr.op) {
    case ExprOp::kColumn:
    case ExprOp::kConstant:
    case ExprOp::kEqual:
    case ExprOp::kNotEqual:
    case ExprOp::kLess:
    case ExprOp::kLessEqual:
    case ExprOp::kGreater:
    case ExprOp::kGreaterEqual:
    case ExprOp::kAnd:
    case ExprOp::kOr:
    case ExprOp::kNot:
    case ExprOp::kIsNull:
    case ExprOp::kIsNotNull:
    case ExprOp::kIsTrue:
    case ExprOp::kIsNotTrue:
    case ExprOp::kIsFalse:
    case ExprOp::kIsNotFalse:
    case ExprOp::kIsDistinctFrom:
    case ExprOp::kIsNotDistinctFrom:
    case ExprOp::kInList:
    case ExprOp::kCase:
    case ExprOp::kCoalesce:
    case ExprOp::kNullIf:
    case ExprOp::kGreatest:
    case ExprOp::kLeast:
    case ExprOp::kConcat:
    case ExprOp::kLower:
    case ExprOp::kUpper:
    case ExprOp::kLength:
    case ExprOp::kTrim:
    case ExprOp::kLTrim:
    case ExprOp::kRTrim:
    case ExprOp::kReplace:
    case ExprOp::kPosition:
    case ExprOp::kDateDiffDays:
    case ExprOp::kTimestampDiff:
      break;
    case ExprOp::kLike:
      if (expr.regex == nullptr) return true;
      break;
    default:
      return true;
  }
  for (const auto& arg : expr.args) {
    if (CanFail(*arg)) return true;
  }
  // A node whose arguments cannot fail may still need a cast to its type.
  return false;
}

}  // namespace expr_internal

absl::StatusOr<ColumnVector> Evaluate(const Expr& expr, const RowBatch& input) {
  ASSIGN_OR_RETURN(expr_internal::Operand result,
                   expr_internal::EvalNode(expr, expr_internal::EvalContext{&input}));
  return std::move(result).ToColumn(input.num_rows());
}

absl::StatusOr<std::vector<int64_t>> SelectTrue(const Expr& predicate, const RowBatch& input) {
  if (predicate.type.id != TypeId::kBool) {
    return absl::InternalError(absl::StrCat("filter predicate ", predicate.ToString(), " is of type ",
                                            predicate.type.ToString(), ", not boolean"));
  }
  ASSIGN_OR_RETURN(expr_internal::Operand result,
                   expr_internal::EvalNode(predicate, expr_internal::EvalContext{&input}));
  std::vector<int64_t> selected;
  const int64_t rows = input.num_rows();
  if (result.is_single()) {
    if (!result.IsNull(0) && result.Int(0) != 0) {
      selected.resize(rows);
      for (int64_t i = 0; i < rows; ++i) selected[i] = i;
    }
    return selected;
  }
  selected.reserve(rows);
  for (int64_t i = 0; i < rows; ++i) {
    if (!result.IsNull(i) && result.Int(i) != 0) selected.push_back(i);
  }
  return selected;
}

}  // namespace tessera
