// abs, round, floor and ceil.
//
// round, floor and ceil of a decimal keep the argument's scale (round(2.345,
// 2) is 2.350 here), which holds the result exactly; EvalNode then converts
// to the type the binder declared (PostgreSQL's numeric(…, 2)), which is exact
// too. Decimals round half away from zero, as PostgreSQL's numeric does;
// doubles round half to even (rint), as PostgreSQL's float8 round does.

#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"
#include "engine/types/decimal.h"

namespace tessera::expr_internal {
namespace {

absl::Status NoSuchFunction(absl::string_view name, const DataType& type) {
  return absl::InvalidArgumentError(
      absl::StrCat("function ", name, "(", type.ToString(), ") does not exist"));
}

absl::StatusOr<Operand> Abs(const Operand& v, int64_t rows) {
  switch (v.type().id) {
    case TypeId::kInt64:
    case TypeId::kDecimal: {
      const Fault overflow =
          v.type().id == TypeId::kInt64 ? Fault::kBigintOutOfRange : Fault::kNumericOverflow;
      return UnaryKernel(v, rows, v.type(), [&](int64_t i, ColumnVector* out) {
        const int64_t x = v.Int(i);
        if (x == INT64_MIN) return overflow;
        out->AppendInt64(x < 0 ? -x : x);
        return Fault::kNone;
      });
    }
    case TypeId::kDouble:
      return UnaryKernel(v, rows, v.type(), [&](int64_t i, ColumnVector* out) {
        out->AppendDouble(std::fabs(v.Double(i)));
        return Fault::kNone;
      });
    default:
      return NoSuchFunction("abs", v.type());
  }
}

// An exact value (bigint, or decimal of `scale`) rounded to `digits` places
// after the point, half away from zero, kept at `scale`.
Fault RoundExact(int64_t x, int scale, int64_t digits, int64_t* out) {
  if (digits >= scale) {
    *out = x;
    return Fault::kNone;
  }
  const int64_t drop = scale - digits;
  if (drop > 36) {
    *out = 0;
    return Fault::kNone;
  }
  const __int128 unit = Pow10(static_cast<int>(drop));
  const __int128 r = DivideRounded(x, unit) * unit;
  if (!FitsInt64(r)) return Fault::kNumericOverflow;
  *out = static_cast<int64_t>(r);
  return Fault::kNone;
}

double RoundDouble(double x, int64_t digits) {
  if (digits == 0) return std::rint(x);
  const double p = std::pow(10.0, static_cast<double>(digits));
  const double scaled = x * p;
  if (!std::isfinite(scaled) || p == 0) return x;
  return std::rint(scaled) / p;
}

absl::StatusOr<Operand> Round(const Operand& v, const Operand* digits, int64_t rows) {
  const DataType& type = v.type();
  const bool exact = type.id == TypeId::kInt64 || type.id == TypeId::kDecimal;
  if (!exact && type.id != TypeId::kDouble) return NoSuchFunction("round", type);
  const int scale = type.id == TypeId::kDecimal ? type.scale : 0;
  if (digits == nullptr) {
    if (exact) {
      return UnaryKernel(v, rows, type, [&](int64_t i, ColumnVector* out) {
        int64_t r;
        const Fault f = RoundExact(v.Int(i), scale, 0, &r);
        out->AppendInt64(r);
        return f;
      });
    }
    return UnaryKernel(v, rows, type, [&](int64_t i, ColumnVector* out) {
      out->AppendDouble(std::rint(v.Double(i)));
      return Fault::kNone;
    });
  }
  if (digits->type().id != TypeId::kInt64) {
    return absl::InvalidArgumentError(absl::StrCat("function round(", type.ToString(), ", ",
                                                   digits->type().ToString(), ") does not exist"));
  }
  if (exact) {
    return BinaryKernel(v, *digits, rows, type, [&](int64_t i, ColumnVector* out) {
      int64_t r;
      const Fault f = RoundExact(v.Int(i), scale, digits->Int(i), &r);
      out->AppendInt64(r);
      return f;
    });
  }
  return BinaryKernel(v, *digits, rows, type, [&](int64_t i, ColumnVector* out) {
    out->AppendDouble(RoundDouble(v.Double(i), digits->Int(i)));
    return Fault::kNone;
  });
}

// floor (up = false) and ceil (up = true).
absl::StatusOr<Operand> FloorCeil(bool up, const Operand& v, int64_t rows) {
  switch (v.type().id) {
    case TypeId::kDecimal: {
      const int64_t unit = PowerOfTen(v.type().scale);
      return UnaryKernel(v, rows, v.type(), [&](int64_t i, ColumnVector* out) {
        const int64_t x = v.Int(i);
        int64_t q = x / unit;
        const int64_t rem = x % unit;
        if (up && rem > 0) ++q;
        if (!up && rem < 0) --q;
        const __int128 r = static_cast<__int128>(q) * unit;
        if (!FitsInt64(r)) return Fault::kNumericOverflow;
        out->AppendInt64(static_cast<int64_t>(r));
        return Fault::kNone;
      });
    }
    case TypeId::kDouble:
      return UnaryKernel(v, rows, v.type(), [&](int64_t i, ColumnVector* out) {
        out->AppendDouble(up ? std::ceil(v.Double(i)) : std::floor(v.Double(i)));
        return Fault::kNone;
      });
    default:
      return NoSuchFunction(up ? "ceil" : "floor", v.type());
  }
}

}  // namespace

absl::StatusOr<Operand> EvalNumericFunction(const Expr& expr, const EvalContext& ctx) {
  const size_t max_args = expr.op == ExprOp::kRound ? 2 : 1;
  if (expr.args.empty() || expr.args.size() > max_args) {
    return absl::InternalError(absl::StrCat("wrong number of arguments: ", expr.ToString()));
  }
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[0], ctx));
  switch (expr.op) {
    case ExprOp::kAbs:
      return Abs(v, ctx.rows());
    case ExprOp::kRound: {
      if (expr.args.size() == 1) return Round(v, nullptr, ctx.rows());
      ASSIGN_OR_RETURN(Operand digits, EvalNode(*expr.args[1], ctx));
      return Round(v, &digits, ctx.rows());
    }
    default:
      // Integers are their own floor and ceiling.
      if (v.type().id == TypeId::kInt64) return v;
      return FloorCeil(expr.op == ExprOp::kCeil, v, ctx.rows());
  }
}

}  // namespace tessera::expr_internal
