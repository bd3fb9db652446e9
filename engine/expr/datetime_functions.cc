// Date and time functions: date_trunc, extract, date/timestamp ± interval,
// date - date and timestamp - timestamp, with PostgreSQL's calendar rules.
//
// Dates and timestamps have no time zone. A date given where a timestamp is
// needed is its midnight, so date_trunc and interval arithmetic on a date
// give a timestamp, as in PostgreSQL.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "engine/common/status_macros.h"
#include "engine/expr/kernels.h"
#include "engine/expr/node_eval.h"
#include "engine/types/datetime.h"

namespace tessera::expr_internal {
namespace {

// PostgreSQL's timestamps span 4713 BC to 294276 AD; beyond roughly this many
// days from 1970 the microsecond count would leave int64.
constexpr int64_t kMaxTimestampDays = 106751990;

int64_t FloorDiv(int64_t x, int64_t y) {
  int64_t q = x / y;
  if ((x % y != 0) && ((x < 0) != (y < 0))) --q;
  return q;
}

// Monday = 1 ... Sunday = 7; 1970-01-01 was a Thursday.
int64_t IsoDayOfWeek(int64_t days) {
  int64_t monday_based = (days + 3) % 7;
  if (monday_based < 0) monday_based += 7;
  return monday_based + 1;
}

absl::CivilDay AddMonths(absl::CivilDay day, int64_t months) {
  const absl::CivilMonth month = absl::CivilMonth(day) + months;
  const int last = (absl::CivilDay(month + 1) - 1).day();
  return absl::CivilDay(month.year(), month.month(), std::min(day.day(), last));
}

// micros + interval * sign, months first (clamped to the month's end), then
// days, then time, as PostgreSQL's timestamp + interval.
Fault AddInterval(int64_t micros, const Interval& interval, int sign, int64_t* out) {
  constexpr int64_t kMaxMonths = 12 * 300000;
  if (interval.months > kMaxMonths || interval.months < -kMaxMonths ||
      interval.days > kMaxTimestampDays || interval.days < -kMaxTimestampDays) {
    return Fault::kTimestampOutOfRange;
  }
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  const int64_t time_of_day = micros - days * kMicrosPerDay;
  if (interval.months != 0) {
    days = DaysFromCivil(AddMonths(CivilFromDays(days), sign * interval.months));
  }
  days += sign * interval.days;
  if (days > kMaxTimestampDays || days < -kMaxTimestampDays) return Fault::kTimestampOutOfRange;
  const __int128 result = static_cast<__int128>(days) * kMicrosPerDay + time_of_day +
                          static_cast<__int128>(sign) * interval.micros;
  if (!FitsInt64(result)) return Fault::kTimestampOutOfRange;
  *out = static_cast<int64_t>(result);
  return Fault::kNone;
}

enum class Unit {
  kMicroseconds, kMilliseconds, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter,
  kYear, kDecade, kCentury, kMillennium,
  // extract only:
  kDow, kIsoDow, kDoy, kEpoch, kIsoYear,
};

bool ParseUnit(absl::string_view name, Unit* unit) {
  static const struct {
    const char* name;
    Unit unit;
  } kUnits[] = {
      {"microseconds", Unit::kMicroseconds}, {"microsecond", Unit::kMicroseconds},
      {"milliseconds", Unit::kMilliseconds}, {"millisecond", Unit::kMilliseconds},
      {"second", Unit::kSecond},             {"seconds", Unit::kSecond},
      {"minute", Unit::kMinute},             {"minutes", Unit::kMinute},
      {"hour", Unit::kHour},                 {"hours", Unit::kHour},
      {"day", Unit::kDay},                   {"days", Unit::kDay},
      {"week", Unit::kWeek},                 {"weeks", Unit::kWeek},
      {"month", Unit::kMonth},               {"months", Unit::kMonth},
      {"quarter", Unit::kQuarter},           {"year", Unit::kYear},
      {"years", Unit::kYear},                {"decade", Unit::kDecade},
      {"century", Unit::kCentury},           {"millennium", Unit::kMillennium},
      {"dow", Unit::kDow},                   {"isodow", Unit::kIsoDow},
      {"doy", Unit::kDoy},                   {"epoch", Unit::kEpoch},
      {"isoyear", Unit::kIsoYear},
  };
  for (const auto& u : kUnits) {
    if (name == u.name) {
      *unit = u.unit;
      return true;
    }
  }
  return false;
}

absl::Status UnitNotRecognized(absl::string_view field, const DataType& type) {
  return absl::InvalidArgumentError(
      absl::StrCat("unit \"", field, "\" not recognized for type ", type.ToString()));
}

absl::Status UnitNotSupported(absl::string_view field, const DataType& type) {
  return absl::InvalidArgumentError(
      absl::StrCat("unit \"", field, "\" not supported for type ", type.ToString()));
}

// The first year of the decade, century or millennium holding `year`
// (centuries and millennia start at year 1: 2001, not 2000).
int64_t TruncYear(Unit unit, int64_t year) {
  switch (unit) {
    case Unit::kDecade:
      return FloorDiv(year, 10) * 10;
    case Unit::kCentury:
      return year > 0 ? (year - 1) / 100 * 100 + 1 : -((-year) / 100 * 100) - 99;
    case Unit::kMillennium:
      return year > 0 ? (year - 1) / 1000 * 1000 + 1 : -((-year) / 1000 * 1000) - 999;
    default:
      return year;
  }
}

int64_t Truncate(Unit unit, int64_t micros) {
  auto floor_to = [&](int64_t step) { return FloorDiv(micros, step) * step; };
  switch (unit) {
    case Unit::kMicroseconds:
      return micros;
    case Unit::kMilliseconds:
      return floor_to(1000);
    case Unit::kSecond:
      return floor_to(kMicrosPerSecond);
    case Unit::kMinute:
      return floor_to(60 * kMicrosPerSecond);
    case Unit::kHour:
      return floor_to(3600 * kMicrosPerSecond);
    case Unit::kDay:
      return floor_to(kMicrosPerDay);
    case Unit::kWeek: {
      const int64_t days = FloorDiv(micros, kMicrosPerDay);
      return (days - (IsoDayOfWeek(days) - 1)) * kMicrosPerDay;
    }
    default:
      break;
  }
  const absl::CivilDay day = CivilFromDays(FloorDiv(micros, kMicrosPerDay));
  int64_t year = day.year();
  int month = 1;
  if (unit == Unit::kMonth) month = day.month();
  if (unit == Unit::kQuarter) month = (day.month() - 1) / 3 * 3 + 1;
  year = TruncYear(unit, year);
  return DaysFromCivil(absl::CivilDay(year, month, 1)) * kMicrosPerDay;
}

bool TruncatableUnit(Unit unit) {
  switch (unit) {
    case Unit::kDow:
    case Unit::kIsoDow:
    case Unit::kDoy:
    case Unit::kEpoch:
    case Unit::kIsoYear:
      return false;
    default:
      return true;
  }
}

// The ISO 8601 year and week of a day: weeks start on Monday, and week 1 is
// the one holding the year's first Thursday.
void IsoWeek(int64_t days, int64_t* iso_year, int64_t* week) {
  const int64_t thursday = days - IsoDayOfWeek(days) + 4;
  const absl::CivilDay t = CivilFromDays(thursday);
  *iso_year = t.year();
  *week = (absl::GetYearDay(t) - 1) / 7 + 1;
}

// extract(unit FROM timestamp), `micros` since 1970.
double ExtractField(Unit unit, int64_t micros) {
  const int64_t days = FloorDiv(micros, kMicrosPerDay);
  const int64_t time_of_day = micros - days * kMicrosPerDay;
  const int64_t second_micros = time_of_day % (60 * kMicrosPerSecond);
  switch (unit) {
    case Unit::kMicroseconds:
      return static_cast<double>(second_micros);
    case Unit::kMilliseconds:
      return static_cast<double>(second_micros) / 1000.0;
    case Unit::kSecond:
      return static_cast<double>(second_micros) / kMicrosPerSecond;
    case Unit::kMinute:
      return static_cast<double>(time_of_day / (60 * kMicrosPerSecond) % 60);
    case Unit::kHour:
      return static_cast<double>(time_of_day / (3600 * kMicrosPerSecond));
    case Unit::kEpoch:
      return static_cast<double>(micros) / kMicrosPerSecond;
    case Unit::kDow:
      return static_cast<double>(IsoDayOfWeek(days) % 7);
    case Unit::kIsoDow:
      return static_cast<double>(IsoDayOfWeek(days));
    case Unit::kWeek:
    case Unit::kIsoYear: {
      int64_t iso_year, week;
      IsoWeek(days, &iso_year, &week);
      return static_cast<double>(unit == Unit::kWeek ? week : iso_year);
    }
    default:
      break;
  }
  const absl::CivilDay day = CivilFromDays(days);
  const int64_t year = day.year();
  switch (unit) {
    case Unit::kDay:
      return day.day();
    case Unit::kDoy:
      return absl::GetYearDay(day);
    case Unit::kMonth:
      return day.month();
    case Unit::kQuarter:
      return (day.month() - 1) / 3 + 1;
    case Unit::kYear:
      return static_cast<double>(year);
    case Unit::kDecade:
      return static_cast<double>(FloorDiv(year, 10));
    case Unit::kCentury:
      return static_cast<double>(year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100));
    case Unit::kMillennium:
      return static_cast<double>(year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000));
    default:
      return 0;
  }
}

bool TimeOfDayUnit(Unit unit) {
  return unit == Unit::kMicroseconds || unit == Unit::kMilliseconds || unit == Unit::kSecond ||
         unit == Unit::kMinute || unit == Unit::kHour;
}

absl::StatusOr<Operand> AsTimestamp(Operand v, int64_t rows) {
  if (v.type().id == TypeId::kTimestamp) return v;
  if (v.type().id != TypeId::kDate) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a date or timestamp, not ", v.type().ToString()));
  }
  return CastOperand(std::move(v), DataType::Timestamp(), rows);
}

absl::StatusOr<Operand> DateTrunc(const Expr& expr, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[0], ctx));
  const DataType source = v.type();
  Unit unit;
  if (!ParseUnit(expr.field, &unit) || !TruncatableUnit(unit)) {
    return UnitNotRecognized(expr.field, source);
  }
  ASSIGN_OR_RETURN(Operand ts, AsTimestamp(std::move(v), ctx.rows()));
  return UnaryKernel(ts, ctx.rows(), DataType::Timestamp(), [&](int64_t i, ColumnVector* out) {
    out->AppendInt64(Truncate(unit, ts.Int(i)));
    return Fault::kNone;
  });
}

absl::StatusOr<Operand> Extract(const Expr& expr, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[0], ctx));
  const DataType source = v.type();
  Unit unit;
  if (!ParseUnit(expr.field, &unit)) return UnitNotRecognized(expr.field, source);
  if (source.id == TypeId::kDate && TimeOfDayUnit(unit)) {
    return UnitNotSupported(expr.field, source);
  }
  ASSIGN_OR_RETURN(Operand ts, AsTimestamp(std::move(v), ctx.rows()));
  return UnaryKernel(ts, ctx.rows(), DataType::Double(), [&](int64_t i, ColumnVector* out) {
    out->AppendDouble(ExtractField(unit, ts.Int(i)));
    return Fault::kNone;
  });
}

absl::StatusOr<Operand> IntervalArithmetic(const Expr& expr, const EvalContext& ctx) {
  ASSIGN_OR_RETURN(Operand v, EvalNode(*expr.args[0], ctx));
  ASSIGN_OR_RETURN(Operand ts, AsTimestamp(std::move(v), ctx.rows()));
  const int sign = expr.op == ExprOp::kAddInterval ? 1 : -1;
  const Interval interval = expr.interval;
  return UnaryKernel(ts, ctx.rows(), DataType::Timestamp(), [&](int64_t i, ColumnVector* out) {
    int64_t r;
    const Fault fault = AddInterval(ts.Int(i), interval, sign, &r);
    if (fault == Fault::kNone) out->AppendInt64(r);
    return fault;
  });
}

}  // namespace

absl::StatusOr<Operand> EvalDatetimeFunction(const Expr& expr, const EvalContext& ctx) {
  const size_t arity =
      expr.op == ExprOp::kDateDiffDays || expr.op == ExprOp::kTimestampDiff ? 2 : 1;
  if (expr.args.size() != arity) {
    return absl::InternalError(absl::StrCat("wrong number of arguments: ", expr.ToString()));
  }
  switch (expr.op) {
    case ExprOp::kDateTrunc:
      return DateTrunc(expr, ctx);
    case ExprOp::kExtract:
      return Extract(expr, ctx);
    case ExprOp::kAddInterval:
    case ExprOp::kSubtractInterval:
      return IntervalArithmetic(expr, ctx);
    case ExprOp::kDateDiffDays: {
      ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
      ASSIGN_OR_RETURN(Operand b, EvalNode(*expr.args[1], ctx));
      if (a.type().id != TypeId::kDate || b.type().id != TypeId::kDate) {
        return absl::InvalidArgumentError(absl::StrCat("operator does not exist: ",
                                                       a.type().ToString(), " - ",
                                                       b.type().ToString()));
      }
      return ArithmeticOperands(ExprOp::kSubtract, a, b, ctx.rows());
    }
    default: {  // kTimestampDiff
      ASSIGN_OR_RETURN(Operand a, EvalNode(*expr.args[0], ctx));
      ASSIGN_OR_RETURN(Operand b, EvalNode(*expr.args[1], ctx));
      ASSIGN_OR_RETURN(Operand ta, AsTimestamp(std::move(a), ctx.rows()));
      ASSIGN_OR_RETURN(Operand tb, AsTimestamp(std::move(b), ctx.rows()));
      return ArithmeticOperands(ExprOp::kSubtract, ta, tb, ctx.rows());
    }
  }
}

}  // namespace tessera::expr_internal
