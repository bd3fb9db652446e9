// File: planner/parser/spelling.cc

#include "planner/parser/spelling.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "engine/types/data_type.h"
#include "engine/types/decimal.h"

namespace tessera::parser_internal {
namespace {

// The most digits a decimal literal may have: the int64 behind a decimal
// holds 18 in full.
constexpr int kMaxDecimalDigits = 18;

// True for "7", "-1.5": a number and nothing else.
bool IsPlainNumber(absl::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  bool digit = false;
  bool point = false;
  for (char c : text) {
    if (absl::ascii_isdigit(c)) {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

}  // namespace

Value NumericLiteralValue(absl::string_view text) {
  bool has_point = text.find('.') != absl::string_view::npos;
  bool has_exponent = text.find_first_of("eE") != absl::string_view::npos;
  if (!has_point && !has_exponent) {
    int64_t integer = 0;
    if (absl::SimpleAtoi(text, &integer)) return Value::Int64(integer);
  } else if (!has_exponent) {
    absl::string_view digits = text;
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
    size_t point = digits.find('.');
    absl::string_view whole = digits.substr(0, point);
    while (!whole.empty() && whole[0] == '0') whole.remove_prefix(1);
    int scale = static_cast<int>(digits.size() - point - 1);
    if (scale <= kMaxDecimalScale && static_cast<int>(whole.size()) + scale <= kMaxDecimalDigits) {
      absl::StatusOr<int64_t> unscaled = ParseDecimal(text, scale);
      if (unscaled.ok()) return Value::Decimal(*unscaled, scale);
    }
  }
  double real = 0;
  if (!absl::SimpleAtod(text, &real)) real = std::strtod(std::string(text).c_str(), nullptr);
  return Value::Double(real);
}

std::string WrittenTypeName(absl::string_view internal_name) {
  static constexpr std::pair<absl::string_view, absl::string_view> kNames[] = {
      {"int2", "smallint"},
      {"int4", "integer"},
      {"int", "integer"},
      {"int8", "bigint"},
      {"float4", "real"},
      {"float8", "double precision"},
      {"decimal", "numeric"},
      {"bool", "boolean"},
      {"bpchar", "char"},
      {"timestamptz", "timestamp with time zone"},
      {"timetz", "time with time zone"},
  };
  for (const auto& [internal, written] : kNames) {
    if (internal_name == internal) return std::string(written);
  }
  return std::string(internal_name);
}

std::optional<std::string> QualifiedIntervalText(absl::string_view text, int field_mask) {
  // 1 << MONTH (1), YEAR (2), DAY (3), HOUR (10), MINUTE (11), SECOND (12).
  static constexpr std::pair<int, absl::string_view> kFields[] = {
      {1 << 2, "year"},  {1 << 1, "month"},   {1 << 3, "day"},
      {1 << 10, "hour"}, {1 << 11, "minute"}, {1 << 12, "second"},
  };
  if (!IsPlainNumber(text)) return std::nullopt;
  for (const auto& [mask, unit] : kFields) {
    if (field_mask == mask) return absl::StrCat(text, " ", unit);
  }
  return std::nullopt;
}

}  // namespace tessera::parser_internal
