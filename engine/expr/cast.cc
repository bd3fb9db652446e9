// CAST: one kernel per (from, to) pair, chosen once per batch.

#include "engine/expr/cast.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"
#include "engine/expr/parse_text.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"

namespace tessera {
namespace expr_internal {
namespace {

absl::Status CannotCast(const DataType& from, const DataType& to) {
  return absl::InvalidArgumentError(
      absl::StrCat("cannot cast type ", from.ToString(), " to ", to.ToString()));
}

// Rows of text parsed by `parse` (returning StatusOr) and appended by `append`.
template <typename Parse, typename Append>
absl::StatusOr<Operand> ParseKernel(const Operand& v, int64_t rows, const DataType& to,
                                    Parse parse, Append append) {
  const int64_t n = v.is_single() ? 1 : rows;
  ColumnVector out(to);
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (v.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    auto parsed = parse(v.Text(i));
    if (!parsed.ok()) return parsed.status();
    append(*parsed, &out);
  }
  return Result(std::move(out), rows);
}

absl::StatusOr<Operand> FromText(const Operand& v, const DataType& to, int64_t rows) {
  auto append_int = [](int64_t x, ColumnVector* out) { out->AppendInt64(x); };
  switch (to.id) {
    case TypeId::kBool:
      return ParseKernel(v, rows, to, ParseBooleanText,
                         [](bool x, ColumnVector* out) { out->AppendBool(x); });
    case TypeId::kInt64:
      return ParseKernel(v, rows, to, ParseBigintText, append_int);
    case TypeId::kDouble:
      return ParseKernel(v, rows, to, ParseDoubleText,
                         [](double x, ColumnVector* out) { out->AppendDouble(x); });
    case TypeId::kDecimal:
      return ParseKernel(
          v, rows, to, [&](absl::string_view s) { return ParseNumericText(s, to.scale); },
          append_int);
    case TypeId::kDate:
      return ParseKernel(v, rows, to, ParseDateText, append_int);
    case TypeId::kTimestamp:
      return ParseKernel(v, rows, to, ParseTimestampText, append_int);
    case TypeId::kText:
      break;
  }
  return CannotCast(v.type(), to);
}

absl::StatusOr<Operand> ToText(const Operand& v, int64_t rows) {
  const DataType text = DataType::Text();
  if (v.type().id == TypeId::kInt64) {
    return UnaryKernel(v, rows, text, [&](int64_t i, ColumnVector* out) {
      char buf[24];
      auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v.Int(i));
      out->AppendText(absl::string_view(buf, end - buf));
      return Fault::kNone;
    });
  }
  return UnaryKernel(v, rows, text, [&](int64_t i, ColumnVector* out) {
    out->AppendText(v.column().FormatCell(v.Row(i)));
    return Fault::kNone;
  });
}

// PostgreSQL's float8 -> numeric: print with 15 significant digits, then read
// that text as a decimal of `scale` (rounding half away from zero).
absl::StatusOr<int64_t> DoubleToDecimal(double x, int scale) {
  if (std::isnan(x)) return absl::InvalidArgumentError("cannot convert NaN to numeric");
  if (std::isinf(x)) return absl::InvalidArgumentError("cannot convert infinity to numeric");
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.14e", x);
  return ParseNumericText(buf, scale);
}

// PostgreSQL's numeric -> float8 reads the decimal's text, which is the
// correctly rounded double; so is one IEEE division while both the unscaled
// value and the power of ten are exact doubles.
double DecimalToDouble(int64_t unscaled, int scale) {
  static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  constexpr int64_t kExact = int64_t{1} << 53;
  if (unscaled > -kExact && unscaled < kExact && scale >= 0 && scale <= 22) {
    return static_cast<double>(unscaled) / kPowers[scale];
  }
  return std::strtod(FormatDecimal(unscaled, scale).c_str(), nullptr);
}

absl::StatusOr<Operand> ToDecimal(const Operand& v, const DataType& to, int64_t rows) {
  const DataType& from = v.type();
  switch (from.id) {
    case TypeId::kInt64:
    case TypeId::kDecimal: {
      const int from_scale = from.id == TypeId::kDecimal ? from.scale : 0;
      if (to.scale >= from_scale) {
        const __int128 factor = Pow10(to.scale - from_scale);
        return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
          const __int128 r = v.Int(i) * factor;
          if (!FitsInt64(r)) return Fault::kNumericOverflow;
          out->AppendInt64(static_cast<int64_t>(r));
          return Fault::kNone;
        });
      }
      const __int128 divisor = Pow10(from_scale - to.scale);
      return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
        out->AppendInt64(static_cast<int64_t>(DivideRounded(v.Int(i), divisor)));
        return Fault::kNone;
      });
    }
    case TypeId::kDouble: {
      const int64_t n = v.is_single() ? 1 : rows;
      ColumnVector out(to);
      out.Reserve(n);
      for (int64_t i = 0; i < n; ++i) {
        if (v.IsNull(i)) {
          out.AppendNull();
          continue;
        }
        ASSIGN_OR_RETURN(int64_t unscaled, DoubleToDecimal(v.Double(i), to.scale));
        out.AppendInt64(unscaled);
      }
      return Result(std::move(out), rows);
    }
    default:
      return CannotCast(from, to);
  }
}

absl::StatusOr<Operand> ToBigint(const Operand& v, int64_t rows) {
  const DataType to = DataType::Int64();
  switch (v.type().id) {
    case TypeId::kBool:
      return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
        out->AppendInt64(v.Int(i) != 0 ? 1 : 0);
        return Fault::kNone;
      });
    case TypeId::kDecimal: {
      const __int128 divisor = Pow10(v.type().scale);
      return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
        out->AppendInt64(static_cast<int64_t>(DivideRounded(v.Int(i), divisor)));
        return Fault::kNone;
      });
    }
    case TypeId::kDouble:
      return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
        const double r = std::rint(v.Double(i));
        // In range exactly when -2^63 <= r < 2^63 (NaN fails both).
        if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) {
          return Fault::kBigintOutOfRange;
        }
        out->AppendInt64(static_cast<int64_t>(r));
        return Fault::kNone;
      });
    default:
      return CannotCast(v.type(), to);
  }
}

absl::StatusOr<Operand> ToDouble(const Operand& v, int64_t rows) {
  const DataType to = DataType::Double();
  switch (v.type().id) {
    case TypeId::kInt64:
      return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
        out->AppendDouble(static_cast<double>(v.Int(i)));
        return Fault::kNone;
      });
    case TypeId::kDecimal: {
      const int scale = v.type().scale;
      return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
        out->AppendDouble(DecimalToDouble(v.Int(i), scale));
        return Fault::kNone;
      });
    }
    default:
      return CannotCast(v.type(), to);
  }
}

absl::StatusOr<Operand> ToBool(const Operand& v, int64_t rows) {
  if (v.type().id != TypeId::kInt64) return CannotCast(v.type(), DataType::Bool());
  return UnaryKernel(v, rows, DataType::Bool(), [&](int64_t i, ColumnVector* out) {
    out->AppendBool(v.Int(i) != 0);
    return Fault::kNone;
  });
}

absl::StatusOr<Operand> BetweenDateAndTimestamp(const Operand& v, const DataType& to,
                                                int64_t rows) {
  if (to.id == TypeId::kTimestamp) {
    return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
      int64_t micros;
      if (__builtin_mul_overflow(v.Int(i), kMicrosPerDay, &micros)) {
        return Fault::kTimestampOutOfRange;
      }
      out->AppendInt64(micros);
      return Fault::kNone;
    });
  }
  return UnaryKernel(v, rows, to, [&](int64_t i, ColumnVector* out) {
    const int64_t micros = v.Int(i);
    // Floor division: the day a time before 1970 falls in.
    int64_t days = micros / kMicrosPerDay;
    if (micros % kMicrosPerDay < 0) --days;
    out->AppendInt64(days);
    return Fault::kNone;
  });
}

}  // namespace

absl::StatusOr<Operand> CastOperand(Operand value, const DataType& type, int64_t rows) {
  const DataType& from = value.type();
  if (from == type) return value;
  if (from.id == TypeId::kText) return FromText(value, type, rows);
  switch (type.id) {
    case TypeId::kText:
      return ToText(value, rows);
    case TypeId::kDecimal:
      return ToDecimal(value, type, rows);
    case TypeId::kInt64:
      return ToBigint(value, rows);
    case TypeId::kDouble:
      return ToDouble(value, rows);
    case TypeId::kBool:
      return ToBool(value, rows);
    case TypeId::kDate:
    case TypeId::kTimestamp:
      if (from.id == TypeId::kDate || from.id == TypeId::kTimestamp) {
        return BetweenDateAndTimestamp(value, type, rows);
      }
      break;
  }
  return CannotCast(from, type);
}

absl::StatusOr<Operand> EvalCast(const Expr& expr, const EvalContext& ctx) {
  if (expr.args.size() != 1) return absl::InternalError("CAST takes one argument");
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[0], ctx));
  return CastOperand(std::move(v), expr.type, ctx.rows());
}

}  // namespace expr_internal

absl::StatusOr<Value> CastValue(const Value& value, const DataType& type) {
  ColumnVector column(value.type());
  column.AppendValue(value);
  ASSIGN_OR_RETURN(ColumnVector cast, CastColumn(column, type));
  return cast.GetValue(0);
}

absl::StatusOr<ColumnVector> CastColumn(const ColumnVector& column, const DataType& type) {
  ASSIGN_OR_RETURN(expr_internal::Operand cast,
                   expr_internal::CastOperand(expr_internal::Operand::Borrow(column), type,
                                              column.size()));
  return std::move(cast).ToColumn(column.size());
}

}  // namespace tessera
