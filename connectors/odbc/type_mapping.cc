#include "connectors/odbc/type_mapping.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tessera::odbc {
namespace {

// Decimal digits text needs: sign, point, terminator and some slack.
constexpr SQLLEN kDecimalTextBytes = 48;

ColumnBinding TextBinding(SQLULEN column_size, SQLLEN max_bytes) {
  // Sizes are in characters; UTF-8 takes up to four bytes each. Drivers report
  // 0 or huge sizes for unbounded text, which get the largest bound buffer.
  SQLLEN bytes = column_size == 0 || column_size > static_cast<SQLULEN>(max_bytes)
                     ? max_bytes
                     : static_cast<SQLLEN>(column_size) * 4;
  return {DataType::Text(), SQL_C_CHAR, std::clamp<SQLLEN>(bytes, 16, max_bytes) + 1};
}

// The scale of a declared "decimal(p,s)" / "numeric(p,s)" that fits an
// int64, if `type_name` is one.
std::optional<int> DeclaredDecimalScale(absl::string_view type_name) {
  std::string name = absl::AsciiStrToLower(type_name);
  absl::string_view rest = name;
  if (!absl::ConsumePrefix(&rest, "decimal(") && !absl::ConsumePrefix(&rest, "numeric(")) return std::nullopt;
  int precision = 0, scale = 0;
  std::vector<std::string> parts = absl::StrSplit(absl::StripSuffix(rest, ")"), ',');
  if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &precision) || !absl::SimpleAtoi(parts[1], &scale) ||
      precision > 18 || scale < 0 || scale > kMaxDecimalScale) {
    return std::nullopt;
  }
  return scale;
}

}  // namespace

ColumnBinding BindingFor(SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                         SQLLEN max_text_bytes, absl::string_view type_name) {
  if (sql_type == SQL_VARCHAR || sql_type == SQL_CHAR || sql_type == SQL_WVARCHAR) {
    if (std::optional<int> scale = DeclaredDecimalScale(type_name); scale.has_value()) {
      if (*scale == 0) return {DataType::Decimal(0), SQL_C_SBIGINT, sizeof(int64_t)};
      return {DataType::Decimal(*scale), SQL_C_CHAR, kDecimalTextBytes};
    }
  }
  switch (sql_type) {
    case SQL_BIT:
      return {DataType::Bool(), SQL_C_BIT, sizeof(unsigned char)};
    case SQL_TINYINT:
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_BIGINT:
      return {DataType::Int64(), SQL_C_SBIGINT, sizeof(int64_t)};
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
      return {DataType::Double(), SQL_C_DOUBLE, sizeof(double)};
    case SQL_DECIMAL:
    case SQL_NUMERIC:
      // An int64 holds 18 digits; wider or unconstrained numerics (PostgreSQL's
      // bare "numeric") are carried as double.
      if (column_size > 0 && column_size <= 18 && decimal_digits >= 0 &&
          decimal_digits <= kMaxDecimalScale) {
        // A whole-number decimal stays a decimal (PostgreSQL divides it
        // exactly, not as integers); its values still arrive as integers.
        if (decimal_digits == 0) return {DataType::Decimal(0), SQL_C_SBIGINT, sizeof(int64_t)};
        return {DataType::Decimal(decimal_digits), SQL_C_CHAR, kDecimalTextBytes};
      }
      return {DataType::Double(), SQL_C_DOUBLE, sizeof(double)};
    case SQL_TYPE_DATE:
    case SQL_DATE:
      return {DataType::Date(), SQL_C_TYPE_DATE, sizeof(SQL_DATE_STRUCT)};
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
      return {DataType::Timestamp(), SQL_C_TYPE_TIMESTAMP, sizeof(SQL_TIMESTAMP_STRUCT)};
    default:
      return TextBinding(column_size, max_text_bytes);
  }
}

}  // namespace tessera::odbc
