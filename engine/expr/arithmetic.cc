// Arithmetic operators: + - * / % and unary minus over bigint, decimal and
// double, plus the date forms PostgreSQL has for + and - (date ± integer,
// date - date, timestamp - timestamp).
//
// Operands of different numeric types are combined in the wider kind:
// bigint with decimal as decimal (a bigint is a decimal of scale 0), anything
// with double as double, and a decimal divided by anything as double. The
// result is the natural type of that computation; EvalNode casts it when the
// binder declared another.

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"
#include "engine/types/datetime.h"

namespace tessera::expr_internal {
namespace {

const char* Symbol(ExprOp op) {
  switch (op) {
    case ExprOp::kAdd:
      return "+";
    case ExprOp::kSubtract:
    case ExprOp::kNegate:
      return "-";
    case ExprOp::kMultiply:
      return "*";
    case ExprOp::kDivide:
      return "/";
    case ExprOp::kModulo:
      return "%";
    default:
      return "?";
  }
}

absl::Status NoSuchOperator(ExprOp op, const DataType& a, const DataType& b) {
  return absl::InvalidArgumentError(absl::StrCat("operator does not exist: ", a.ToString(), " ",
                                                 Symbol(op), " ", b.ToString()));
}

bool IsExact(const DataType& t) { return t.id == TypeId::kInt64 || t.id == TypeId::kDecimal; }
bool IsNumber(const DataType& t) { return IsExact(t) || t.id == TypeId::kDouble; }

absl::StatusOr<Operand> BigintArithmetic(ExprOp op, const Operand& a, const Operand& b,
                                         int64_t rows) {
  const DataType type = DataType::Int64();
  switch (op) {
    case ExprOp::kAdd:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        int64_t r;
        if (__builtin_add_overflow(a.Int(i), b.Int(i), &r)) return Fault::kBigintOutOfRange;
        out->AppendInt64(r);
        return Fault::kNone;
      });
    case ExprOp::kSubtract:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        int64_t r;
        if (__builtin_sub_overflow(a.Int(i), b.Int(i), &r)) return Fault::kBigintOutOfRange;
        out->AppendInt64(r);
        return Fault::kNone;
      });
    case ExprOp::kMultiply:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        int64_t r;
        if (__builtin_mul_overflow(a.Int(i), b.Int(i), &r)) return Fault::kBigintOutOfRange;
        out->AppendInt64(r);
        return Fault::kNone;
      });
    case ExprOp::kDivide:
      // C++ division truncates toward zero, as PostgreSQL's does.
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const int64_t x = a.Int(i), y = b.Int(i);
        if (y == 0) return Fault::kDivisionByZero;
        if (y == -1) {
          if (x == INT64_MIN) return Fault::kBigintOutOfRange;
          out->AppendInt64(-x);
        } else {
          out->AppendInt64(x / y);
        }
        return Fault::kNone;
      });
    case ExprOp::kModulo:
      // The remainder takes the dividend's sign, as in C and PostgreSQL.
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const int64_t x = a.Int(i), y = b.Int(i);
        if (y == 0) return Fault::kDivisionByZero;
        out->AppendInt64(y == -1 ? 0 : x % y);
        return Fault::kNone;
      });
    default:
      return absl::InternalError("not a binary arithmetic operator");
  }
}

// Decimal (or bigint as scale 0) with decimal. + - % align to the larger
// scale; * adds the scales, rounding past kMaxDecimalScale.
absl::StatusOr<Operand> DecimalArithmetic(ExprOp op, const Operand& a, const Operand& b,
                                          int64_t rows) {
  const int sa = a.type().id == TypeId::kDecimal ? a.type().scale : 0;
  const int sb = b.type().id == TypeId::kDecimal ? b.type().scale : 0;
  if (op == ExprOp::kMultiply) {
    const int drop = std::max(0, sa + sb - kMaxDecimalScale);
    const __int128 divisor = Pow10(drop);
    return BinaryKernel(a, b, rows, DataType::Decimal(sa + sb - drop),
                        [&](int64_t i, ColumnVector* out) {
                          __int128 p = static_cast<__int128>(a.Int(i)) * b.Int(i);
                          if (drop > 0) p = DivideRounded(p, divisor);
                          if (!FitsInt64(p)) return Fault::kNumericOverflow;
                          out->AppendInt64(static_cast<int64_t>(p));
                          return Fault::kNone;
                        });
  }
  const int scale = std::max(sa, sb);
  const __int128 ma = Pow10(scale - sa), mb = Pow10(scale - sb);
  const DataType type = DataType::Decimal(scale);
  switch (op) {
    case ExprOp::kAdd:
    case ExprOp::kSubtract: {
      const __int128 sign = op == ExprOp::kAdd ? 1 : -1;
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        __int128 r = a.Int(i) * ma + sign * (b.Int(i) * mb);
        if (!FitsInt64(r)) return Fault::kNumericOverflow;
        out->AppendInt64(static_cast<int64_t>(r));
        return Fault::kNone;
      });
    }
    case ExprOp::kModulo:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const __int128 y = b.Int(i) * mb;
        if (y == 0) return Fault::kDivisionByZero;
        out->AppendInt64(static_cast<int64_t>((a.Int(i) * ma) % y));
        return Fault::kNone;
      });
    default:
      return absl::InternalError("decimal division is computed in double");
  }
}

absl::StatusOr<Operand> DoubleArithmetic(ExprOp op, const Operand& a, const Operand& b,
                                         int64_t rows) {
  const DataType type = DataType::Double();
  // PostgreSQL reports a finite computation that leaves the double range.
  auto finish = [](double x, double y, double r, ColumnVector* out) {
    if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) return Fault::kDoubleOverflow;
    out->AppendDouble(r);
    return Fault::kNone;
  };
  switch (op) {
    case ExprOp::kAdd:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const double x = a.Double(i), y = b.Double(i);
        return finish(x, y, x + y, out);
      });
    case ExprOp::kSubtract:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const double x = a.Double(i), y = b.Double(i);
        return finish(x, y, x - y, out);
      });
    case ExprOp::kMultiply:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const double x = a.Double(i), y = b.Double(i), r = x * y;
        if (r == 0 && x != 0 && y != 0) return Fault::kDoubleUnderflow;
        return finish(x, y, r, out);
      });
    case ExprOp::kDivide:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const double x = a.Double(i), y = b.Double(i);
        if (y == 0) return Fault::kDivisionByZero;
        const double r = x / y;
        if (r == 0 && x != 0 && !std::isinf(y)) return Fault::kDoubleUnderflow;
        return finish(x, y, r, out);
      });
    case ExprOp::kModulo:
      return BinaryKernel(a, b, rows, type, [&](int64_t i, ColumnVector* out) {
        const double y = b.Double(i);
        if (y == 0) return Fault::kDivisionByZero;
        out->AppendDouble(std::fmod(a.Double(i), y));
        return Fault::kNone;
      });
    default:
      return absl::InternalError("not a binary arithmetic operator");
  }
}

// date ± bigint, bigint + date, date - date, timestamp - timestamp.
absl::StatusOr<Operand> DatetimeArithmetic(ExprOp op, const Operand& a, const Operand& b,
                                           int64_t rows) {
  const TypeId ta = a.type().id, tb = b.type().id;
  if (op == ExprOp::kAdd && ta == TypeId::kInt64 && tb == TypeId::kDate) {
    return DatetimeArithmetic(op, b, a, rows);
  }
  if (ta == TypeId::kDate && tb == TypeId::kInt64 &&
      (op == ExprOp::kAdd || op == ExprOp::kSubtract)) {
    const bool add = op == ExprOp::kAdd;
    return BinaryKernel(a, b, rows, DataType::Date(), [&](int64_t i, ColumnVector* out) {
      int64_t r;
      bool overflow = add ? __builtin_add_overflow(a.Int(i), b.Int(i), &r)
                          : __builtin_sub_overflow(a.Int(i), b.Int(i), &r);
      if (overflow) return Fault::kDateOutOfRange;
      out->AppendInt64(r);
      return Fault::kNone;
    });
  }
  if (op == ExprOp::kSubtract && ta == TypeId::kDate && tb == TypeId::kDate) {
    return BinaryKernel(a, b, rows, DataType::Int64(), [&](int64_t i, ColumnVector* out) {
      int64_t r;
      if (__builtin_sub_overflow(a.Int(i), b.Int(i), &r)) return Fault::kBigintOutOfRange;
      out->AppendInt64(r);
      return Fault::kNone;
    });
  }
  if (op == ExprOp::kSubtract && ta == TypeId::kTimestamp && tb == TypeId::kTimestamp) {
    return BinaryKernel(a, b, rows, DataType::Double(), [&](int64_t i, ColumnVector* out) {
      __int128 micros = static_cast<__int128>(a.Int(i)) - b.Int(i);
      out->AppendDouble(static_cast<double>(micros) / kMicrosPerSecond);
      return Fault::kNone;
    });
  }
  return NoSuchOperator(op, a.type(), b.type());
}

absl::StatusOr<Operand> Negate(const Operand& a, int64_t rows) {
  switch (a.type().id) {
    case TypeId::kInt64:
    case TypeId::kDecimal: {
      const Fault overflow =
          a.type().id == TypeId::kInt64 ? Fault::kBigintOutOfRange : Fault::kNumericOverflow;
      return UnaryKernel(a, rows, a.type(), [&](int64_t i, ColumnVector* out) {
        if (a.Int(i) == INT64_MIN) return overflow;
        out->AppendInt64(-a.Int(i));
        return Fault::kNone;
      });
    }
    case TypeId::kDouble:
      return UnaryKernel(a, rows, a.type(), [&](int64_t i, ColumnVector* out) {
        out->AppendDouble(-a.Double(i));
        return Fault::kNone;
      });
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("operator does not exist: - ", a.type().ToString()));
  }
}

}  // namespace

absl::StatusOr<Operand> ArithmeticOperands(ExprOp op, const Operand& a, const Operand& b,
                                           int64_t rows) {
  const DataType& ta = a.type();
  const DataType& tb = b.type();
  if (!IsNumber(ta) || !IsNumber(tb)) return DatetimeArithmetic(op, a, b, rows);
  if (ta.id == TypeId::kInt64 && tb.id == TypeId::kInt64) return BigintArithmetic(op, a, b, rows);
  if (IsExact(ta) && IsExact(tb) && op != ExprOp::kDivide) {
    return DecimalArithmetic(op, a, b, rows);
  }
  ASSIGN_OR_RETURN(Operand da, CastOperand(a.Alias(), DataType::Double(), rows));
  ASSIGN_OR_RETURN(Operand db, CastOperand(b.Alias(), DataType::Double(), rows));
  return DoubleArithmetic(op, da, db, rows);
}

absl::StatusOr<Operand> EvalArithmetic(const Expr& expr, const EvalContext& ctx) {
  if (expr.op == ExprOp::kNegate) {
    if (expr.args.size() != 1) return absl::InternalError("unary minus takes one argument");
    ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
    return Negate(a, ctx.rows());
  }
  if (expr.args.size() != 2) {
    return absl::InternalError(absl::StrCat("operator ", Symbol(expr.op), " takes two arguments"));
  }
  ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
  ASSIGN_OR_RETURN(Operand b, EvalNode(*expr.args[1], ctx));
  return ArithmeticOperands(expr.op, a, b, ctx.rows());
}

}  // namespace tessera::expr_internal
