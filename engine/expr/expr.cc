#include "engine/expr/expr.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "engine/types/datetime.h"
#include "re2/re2.h"

namespace tessera {
namespace {

std::string Quote(absl::string_view text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "''"}}), "'");
}

std::string ConstantToString(const Value& v) {
  if (v.is_null()) return "NULL";
  switch (v.type().id) {
    case TypeId::kText:
      return Quote(v.text_value());
    case TypeId::kDate:
      return absl::StrCat("DATE ", Quote(v.ToString()));
    case TypeId::kTimestamp:
      return absl::StrCat("TIMESTAMP ", Quote(v.ToString()));
    default:
      return v.ToString();
  }
}

// PostgreSQL's interval output: "1 year 2 mons 3 days 04:05:06.5".
std::string IntervalToString(const Interval& interval) {
  std::vector<std::string> parts;
  auto add = [&](int64_t n, absl::string_view unit) {
    if (n != 0) parts.push_back(absl::StrCat(n, " ", unit, n == 1 ? "" : "s"));
  };
  add(interval.months / 12, "year");
  add(interval.months % 12, "mon");
  add(interval.days, "day");
  if (interval.micros != 0 || parts.empty()) {
    const uint64_t magnitude =
        interval.micros < 0 ? 0 - static_cast<uint64_t>(interval.micros) : interval.micros;
    const uint64_t seconds = magnitude / kMicrosPerSecond, fraction = magnitude % kMicrosPerSecond;
    std::string time = absl::StrFormat("%s%02d:%02d:%02d", interval.micros < 0 ? "-" : "",
                                       seconds / 3600, seconds / 60 % 60, seconds % 60);
    if (fraction != 0) {
      std::string digits = absl::StrFormat("%06d", fraction);
      digits.erase(digits.find_last_not_of('0') + 1);
      absl::StrAppend(&time, ".", digits);
    }
    parts.push_back(std::move(time));
  }
  return absl::StrJoin(parts, " ");
}


const char* PostfixTest(ExprOp op) {
  switch (op) {
    case ExprOp::kIsNull:
      return "IS NULL";
    case ExprOp::kIsNotNull:
      return "IS NOT NULL";
    case ExprOp::kIsTrue:
      return "IS TRUE";
    case ExprOp::kIsNotTrue:
      return "IS NOT TRUE";
    case ExprOp::kIsFalse:
      return "IS FALSE";
    case ExprOp::kIsNotFalse:
      return "IS NOT FALSE";
    default:
      return nullptr;
  }
}

const char* FunctionName(ExprOp op) {
  switch (op) {
    case ExprOp::kCoalesce:
      return "coalesce";
    case ExprOp::kNullIf:
      return "nullif";
    case ExprOp::kGreatest:
      return "greatest";
    case ExprOp::kLeast:
      return "least";
    case ExprOp::kConcat:
      return "concat";
    case ExprOp::kLower:
      return "lower";
    case ExprOp::kUpper:
      return "upper";
    case ExprOp::kLength:
      return "length";
    case ExprOp::kSubstr:
      return "substr";
    case ExprOp::kTrim:
      return "btrim";
    case ExprOp::kLTrim:
      return "ltrim";
    case ExprOp::kRTrim:
      return "rtrim";
    case ExprOp::kReplace:
      return "replace";
    case ExprOp::kPosition:
      return "strpos";
    case ExprOp::kAbs:
      return "abs";
    case ExprOp::kRound:
      return "round";
    case ExprOp::kFloor:
      return "floor";
    case ExprOp::kCeil:
      return "ceil";
    default:
      return "?";
  }
}

}  // namespace

const char* InfixSymbol(ExprOp op) {
  switch (op) {
    case ExprOp::kAdd:
      return "+";
    case ExprOp::kSubtract:
    case ExprOp::kDateDiffDays:
    case ExprOp::kTimestampDiff:
      return "-";
    case ExprOp::kMultiply:
      return "*";
    case ExprOp::kDivide:
      return "/";
    case ExprOp::kModulo:
      return "%";
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
    case ExprOp::kAnd:
      return "AND";
    case ExprOp::kOr:
      return "OR";
    case ExprOp::kIsDistinctFrom:
      return "IS DISTINCT FROM";
    case ExprOp::kIsNotDistinctFrom:
      return "IS NOT DISTINCT FROM";
    default:
      return nullptr;
  }
}

std::unique_ptr<Expr> Expr::Column(int index, DataType type) {
  auto e = std::make_unique<Expr>();
  e->op = ExprOp::kColumn;
  e->type = type;
  e->column = index;
  return e;
}

std::unique_ptr<Expr> Expr::Constant(Value value) {
  auto e = std::make_unique<Expr>();
  e->op = ExprOp::kConstant;
  e->type = value.type();
  e->constant = std::move(value);
  return e;
}

std::unique_ptr<Expr> Expr::Call(ExprOp op, DataType type,
                                 std::vector<std::unique_ptr<Expr>> args) {
  auto e = std::make_unique<Expr>();
  e->op = op;
  e->type = type;
  e->args = std::move(args);
  return e;
}

std::unique_ptr<Expr> Expr::Clone() const {
  auto e = std::make_unique<Expr>();
  e->op = op;
  e->type = type;
  e->column = column;
  e->constant = constant;
  e->args.reserve(args.size());
  for (const auto& arg : args) e->args.push_back(arg->Clone());
  e->field = field;
  e->interval = interval;
  e->regex = regex;  // Immutable once compiled, so shared.
  e->skip_nulls = skip_nulls;
  e->case_insensitive = case_insensitive;
  e->display = display;
  return e;
}

std::string Expr::ToString() const {
  if (!display.empty()) return display;
  auto arg = [&](size_t k) { return k < args.size() ? args[k]->ToString() : std::string("?"); };
  auto joined_args = [&](size_t from) {
    std::vector<std::string> parts;
    for (size_t k = from; k < args.size(); ++k) parts.push_back(args[k]->ToString());
    return absl::StrJoin(parts, ", ");
  };

  if (const char* symbol = InfixSymbol(op)) {
    std::vector<std::string> parts;
    for (const auto& a : args) parts.push_back(a->ToString());
    return absl::StrCat("(", absl::StrJoin(parts, absl::StrCat(" ", symbol, " ")), ")");
  }
  if (const char* test = PostfixTest(op)) return absl::StrCat("(", arg(0), " ", test, ")");

  switch (op) {
    case ExprOp::kColumn:
      return absl::StrCat("#", column);
    case ExprOp::kConstant:
      return ConstantToString(constant);
    case ExprOp::kNegate:
      return absl::StrCat("(-", arg(0), ")");
    case ExprOp::kNot:
      return absl::StrCat("(NOT ", arg(0), ")");
    case ExprOp::kLike: {
      const bool ilike =
          case_insensitive || (regex != nullptr && !regex->options().case_sensitive());
      std::string out = absl::StrCat(arg(0), ilike ? " ILIKE " : " LIKE ");
      if (args.size() >= 2) {
        absl::StrAppend(&out, arg(1));
      } else if (regex != nullptr) {
        // Without the pattern's text, the regular expression it became.
        absl::StrAppend(&out, "/", regex->pattern(), "/");
      }
      if (!field.empty() && field != "\\") {
        absl::StrAppend(&out, " ESCAPE ", field[0] == '\0' ? "''" : Quote(field));
      }
      return out;
    }
    case ExprOp::kInList:
      return absl::StrCat("(", arg(0), " IN (", joined_args(1), "))");
    case ExprOp::kCase: {
      std::string out = "CASE";
      for (size_t k = 0; k + 1 < args.size(); k += 2) {
        absl::StrAppend(&out, " WHEN ", arg(k), " THEN ", arg(k + 1));
      }
      if (args.size() % 2 == 1) absl::StrAppend(&out, " ELSE ", args.back()->ToString());
      return absl::StrCat(out, " END");
    }
    case ExprOp::kCast:
      return absl::StrCat("CAST(", arg(0), " AS ", type.ToString(), ")");
    case ExprOp::kConcat:
      if (!skip_nulls) {
        std::vector<std::string> parts;
        for (const auto& a : args) parts.push_back(a->ToString());
        return absl::StrCat("(", absl::StrJoin(parts, " || "), ")");
      }
      return absl::StrCat("concat(", joined_args(0), ")");
    case ExprOp::kDateTrunc:
      return absl::StrCat("date_trunc(", Quote(field), ", ", arg(0), ")");
    case ExprOp::kExtract:
      return absl::StrCat("extract(", field, " FROM ", arg(0), ")");
    case ExprOp::kAddInterval:
    case ExprOp::kSubtractInterval:
      return absl::StrCat("(", arg(0), op == ExprOp::kAddInterval ? " + " : " - ", "INTERVAL ",
                          Quote(IntervalToString(interval)), ")");
    default:
      return absl::StrCat(FunctionName(op), "(", joined_args(0), ")");
  }
}

const char* AggregateOpName(AggregateOp op) {
  switch (op) {
    case AggregateOp::kCountStar:
    case AggregateOp::kCount:
      return "count";
    case AggregateOp::kSum:
      return "sum";
    case AggregateOp::kAvg:
      return "avg";
    case AggregateOp::kMin:
      return "min";
    case AggregateOp::kMax:
      return "max";
    case AggregateOp::kPercentileCont:
      return "percentile_cont";
    case AggregateOp::kPercentileDisc:
      return "percentile_disc";
    case AggregateOp::kMode:
      return "mode";
  }
  return "?";
}

bool IsOrderedSetAggregate(AggregateOp op) {
  return op == AggregateOp::kPercentileCont || op == AggregateOp::kPercentileDisc || op == AggregateOp::kMode;
}

const char* WindowOpName(WindowOp op) {
  switch (op) {
    case WindowOp::kRowNumber:
      return "row_number";
    case WindowOp::kRank:
      return "rank";
    case WindowOp::kDenseRank:
      return "dense_rank";
    case WindowOp::kLag:
      return "lag";
    case WindowOp::kLead:
      return "lead";
    case WindowOp::kCountStar:
    case WindowOp::kCount:
      return "count";
    case WindowOp::kSum:
      return "sum";
    case WindowOp::kAvg:
      return "avg";
    case WindowOp::kMin:
      return "min";
    case WindowOp::kMax:
      return "max";
  }
  return "?";
}

}  // namespace tessera
