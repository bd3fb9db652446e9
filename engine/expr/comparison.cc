// The comparison operators = <> < <= > >=, three-valued: NULL when either
// side is NULL. Values of one type compare directly; mixed types compare by
// value: bigint with decimal exactly (aligned in 128 bits), any number with
// double as doubles, a date with a timestamp as the timestamp of its
// midnight, and text with another type as that type (the binder normally
// converts first; this keeps a stray mix correct rather than wrong).

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/compare.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"

namespace tessera::expr_internal {
namespace {

const char* Symbol(ExprOp op) {
  switch (op) {
    case ExprOp::kEqual:
      return "=";
    case ExprOp::kNotEqual:
      return "<>";
    case ExprOp::kLess:
      return "<";
    case ExprOp::kLessEqual:
      return "<=";
    case ExprOp::kGreater:
      return ">";
    case ExprOp::kGreaterEqual:
      return ">=";
    default:
      return "?";
  }
}

// One loop per operator, each with `compare(i)` (-1, 0, 1) inlined.
template <typename Compare>
absl::StatusOr<Operand> CompareKernel(ExprOp op, const Operand& a, const Operand& b,
                                      int64_t rows, Compare compare) {
  auto loop = [&](auto predicate) {
    return BinaryKernel(a, b, rows, DataType::Bool(), [&](int64_t i, ColumnVector* out) {
      out->AppendBool(predicate(compare(i)));
      return Fault::kNone;
    });
  };
  switch (op) {
    case ExprOp::kEqual:
      return loop([](int c) { return c == 0; });
    case ExprOp::kNotEqual:
      return loop([](int c) { return c != 0; });
    case ExprOp::kLess:
      return loop([](int c) { return c < 0; });
    case ExprOp::kLessEqual:
      return loop([](int c) { return c <= 0; });
    case ExprOp::kGreater:
      return loop([](int c) { return c > 0; });
    case ExprOp::kGreaterEqual:
      return loop([](int c) { return c >= 0; });
    default:
      return absl::InternalError("not a comparison operator");
  }
}

template <typename T>
int Sign(T x, T y) {
  return (x > y) - (x < y);
}

bool IsExact(const DataType& t) { return t.id == TypeId::kInt64 || t.id == TypeId::kDecimal; }
bool IsNumber(const DataType& t) { return IsExact(t) || t.id == TypeId::kDouble; }
bool IsDatetime(const DataType& t) {
  return t.id == TypeId::kDate || t.id == TypeId::kTimestamp;
}

}  // namespace

absl::StatusOr<Operand> CompareOperands(ExprOp op, const Operand& a, const Operand& b,
                                        int64_t rows) {
  const DataType& ta = a.type();
  const DataType& tb = b.type();
  if (ta == tb) {
    switch (ta.id) {
      case TypeId::kDouble:
        return CompareKernel(op, a, b, rows,
                             [&](int64_t i) { return CompareDoubles(a.Double(i), b.Double(i)); });
      case TypeId::kText:
        return CompareKernel(op, a, b, rows, [&](int64_t i) {
          const int c = a.Text(i).compare(b.Text(i));
          return (c > 0) - (c < 0);
        });
      default:
        return CompareKernel(op, a, b, rows, [&](int64_t i) { return Sign(a.Int(i), b.Int(i)); });
    }
  }
  if (IsExact(ta) && IsExact(tb)) {
    const int sa = ta.id == TypeId::kDecimal ? ta.scale : 0;
    const int sb = tb.id == TypeId::kDecimal ? tb.scale : 0;
    const int scale = std::max(sa, sb);
    const __int128 ma = Pow10(scale - sa), mb = Pow10(scale - sb);
    return CompareKernel(op, a, b, rows,
                         [&](int64_t i) { return Sign(a.Int(i) * ma, b.Int(i) * mb); });
  }
  if (IsNumber(ta) && IsNumber(tb)) {
    ASSIGN_OR_RETURN(Operand da, CastOperand(a.Alias(), DataType::Double(), rows));
    ASSIGN_OR_RETURN(Operand db, CastOperand(b.Alias(), DataType::Double(), rows));
    return CompareOperands(op, da, db, rows);
  }
  if (IsDatetime(ta) && IsDatetime(tb)) {
    ASSIGN_OR_RETURN(Operand xa, CastOperand(a.Alias(), DataType::Timestamp(), rows));
    ASSIGN_OR_RETURN(Operand xb, CastOperand(b.Alias(), DataType::Timestamp(), rows));
    return CompareOperands(op, xa, xb, rows);
  }
  if (ta.id == TypeId::kText) {
    ASSIGN_OR_RETURN(Operand converted, CastOperand(a.Alias(), tb, rows));
    return CompareOperands(op, converted, b, rows);
  }
  if (tb.id == TypeId::kText) {
    ASSIGN_OR_RETURN(Operand converted, CastOperand(b.Alias(), ta, rows));
    return CompareOperands(op, a, converted, rows);
  }
  return absl::InvalidArgumentError(absl::StrCat("operator does not exist: ", ta.ToString(), " ",
                                                 Symbol(op), " ", tb.ToString()));
}

absl::StatusOr<Operand> EvalComparison(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.size() != 2) {
    return absl::InternalError(absl::StrCat("operator ", Symbol(expr.op), " takes two arguments"));
  }
  ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
  ASSIGN_OR_RETURN(Operand b, EvalNode(*expr.args[1], ctx));
  return CompareOperands(expr.op, a, b, ctx.rows());
}

}  // namespace tessera::expr_internal
