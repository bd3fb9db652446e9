#include "planner/binder/type_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/expr/cast.h"

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

absl::StatusOr<std::unique_ptr<Expr>> CoerceTo(std::unique_ptr<Expr> expr, const DataType& type) {
  if (expr->type == type) return expr;
  if (expr->op == ExprOp::kConstant) {
    absl::StatusOr<Value> v = CastValue(expr->constant, type);
    if (!v.ok()) return v.status();
    return Expr::Constant(*v);
  }
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(expr));
  return Expr::Call(ExprOp::kCast, type, std::move(args));
}

}  // namespace tessera
