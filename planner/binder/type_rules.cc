#include "planner/binder/type_rules.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/double_format.h"

namespace tessera {

absl::StatusOr<DataType> ParseTypeName(absl::string_view raw) {
  std::string name = absl::AsciiStrToLower(absl::StripAsciiWhitespace(raw));
  std::string base = name.substr(0, name.find('('));
  absl::StripTrailingAsciiWhitespace(&base);
  if (base == "integer" || base == "int" || base == "int4" || base == "bigint" || base == "int8" ||
      base == "smallint" || base == "int2") {
    return DataType::Int64();
  }
  if (base == "double precision" || base == "float8" || base == "float" || base == "real" ||
      base == "float4") {
    return DataType::Double();
  }
  if (base == "numeric" || base == "decimal") {
    // numeric(p,s) with a scale that fits; a bare numeric is carried as double.
    size_t open = name.find('(');
    if (open == std::string::npos) return DataType::Double();
    std::vector<std::string> parts =
        absl::StrSplit(absl::StripSuffix(name.substr(open + 1), ")"), ',');
    int precision = 0, scale = 0;
    if (parts.empty() || !absl::SimpleAtoi(parts[0], &precision) ||
        (parts.size() > 1 && !absl::SimpleAtoi(absl::StripAsciiWhitespace(parts[1]), &scale))) {
      return absl::InvalidArgumentError(absl::StrCat("invalid type \"", raw, "\""));
    }
    if (precision > 18 || scale > kMaxDecimalScale) return DataType::Double();
    return DataType::Decimal(scale);
  }
  if (base == "text" || base == "varchar" || base == "character varying" || base == "char" ||
      base == "character" || base == "bpchar" || base == "name") {
    return DataType::Text();
  }
  if (base == "date") return DataType::Date();
  if (base == "timestamp" || base == "timestamp without time zone") return DataType::Timestamp();
  if (base == "boolean" || base == "bool") return DataType::Bool();
  return absl::InvalidArgumentError(absl::StrCat("type \"", raw, "\" is not supported"));
}

bool IsNumeric(const DataType& t) {
  return t.id == TypeId::kInt64 || t.id == TypeId::kDouble || t.id == TypeId::kDecimal;
}

std::optional<DataType> CommonType(const DataType& a, const DataType& b) {
  if (a == b) return a;
  if (IsNumeric(a) && IsNumeric(b)) {
    if (a.id == TypeId::kDouble || b.id == TypeId::kDouble) return DataType::Double();
    int scale = std::max(a.id == TypeId::kDecimal ? a.scale : 0, b.id == TypeId::kDecimal ? b.scale : 0);
    return DataType::Decimal(scale);
  }
  if ((a.id == TypeId::kDate && b.id == TypeId::kTimestamp) ||
      (a.id == TypeId::kTimestamp && b.id == TypeId::kDate)) {
    return DataType::Timestamp();
  }
  return std::nullopt;
}

absl::StatusOr<Value> CastConstant(const Value& value, const DataType& type) {
  if (value.is_null()) return Value::Null(type);
  if (value.type() == type) return value;
  const DataType& from = value.type();
  auto bad = [&](absl::string_view type_name) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid input syntax for type ", type_name, ": \"", value.ToString(), "\""));
  };
  switch (type.id) {
    case TypeId::kText:
      return Value::Text(value.ToString());
    case TypeId::kInt64:
      if (from.id == TypeId::kText) {
        int64_t v;
        if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(value.text_value()), &v)) return bad("bigint");
        return Value::Int64(v);
      }
      if (from.id == TypeId::kDouble) return Value::Int64(static_cast<int64_t>(std::nearbyint(value.double_value())));
      if (from.id == TypeId::kDecimal) {
        int64_t p = PowerOfTen(from.scale);
        int64_t q = value.int64_value() / p, r = value.int64_value() % p;
        if (2 * std::abs(r) >= p) q += value.int64_value() < 0 ? -1 : 1;
        return Value::Int64(q);
      }
      if (from.id == TypeId::kBool) return Value::Int64(value.bool_value() ? 1 : 0);
      break;
    case TypeId::kDouble:
      if (from.id == TypeId::kText) {
        double v;
        if (!absl::SimpleAtod(absl::StripAsciiWhitespace(value.text_value()), &v)) return bad("double precision");
        return Value::Double(v);
      }
      if (from.id == TypeId::kInt64) return Value::Double(static_cast<double>(value.int64_value()));
      if (from.id == TypeId::kDecimal) {
        return Value::Double(static_cast<double>(value.int64_value()) / PowerOfTen(from.scale));
      }
      break;
    case TypeId::kDecimal: {
      std::string text = from.id == TypeId::kDouble ? FormatDouble(value.double_value()) : value.ToString();
      if (from.id == TypeId::kText) text = std::string(absl::StripAsciiWhitespace(text));
      absl::StatusOr<int64_t> v = ParseDecimal(text, type.scale);
      if (!v.ok()) return bad("numeric");
      return Value::Decimal(*v, type.scale);
    }
    case TypeId::kDate:
      if (from.id == TypeId::kText) {
        absl::StatusOr<int64_t> d = ParseDate(absl::StripAsciiWhitespace(value.text_value()));
        if (!d.ok()) return bad("date");
        return Value::DateFromDays(*d);
      }
      if (from.id == TypeId::kTimestamp) {
        int64_t micros = value.int64_value();
        int64_t days = micros / kMicrosPerDay - (micros % kMicrosPerDay < 0 ? 1 : 0);
        return Value::DateFromDays(days);
      }
      break;
    case TypeId::kTimestamp:
      if (from.id == TypeId::kText) {
        absl::StatusOr<int64_t> t = ParseTimestamp(absl::StripAsciiWhitespace(value.text_value()));
        if (!t.ok()) return bad("timestamp");
        return Value::TimestampFromMicros(*t);
      }
      if (from.id == TypeId::kDate) return Value::TimestampFromMicros(value.int64_value() * kMicrosPerDay);
      break;
    case TypeId::kBool:
      if (from.id == TypeId::kText) {
        std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(value.text_value()));
        if (t == "true" || t == "t" || t == "yes" || t == "y" || t == "on" || t == "1") return Value::Bool(true);
        if (t == "false" || t == "f" || t == "no" || t == "n" || t == "off" || t == "0") return Value::Bool(false);
        return bad("boolean");
      }
      if (from.id == TypeId::kInt64) return Value::Bool(value.int64_value() != 0);
      break;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("cannot cast type ", from.ToString(), " to ", type.ToString()));
}

absl::StatusOr<std::unique_ptr<Expr>> CoerceTo(std::unique_ptr<Expr> expr, const DataType& type) {
  if (expr->type == type) return expr;
  if (expr->op == ExprOp::kConstant) {
    absl::StatusOr<Value> v = CastConstant(expr->constant, type);
    if (!v.ok()) return v.status();
    return Expr::Constant(*v);
  }
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(expr));
  return Expr::Call(ExprOp::kCast, type, std::move(args));
}

}  // namespace tessera
