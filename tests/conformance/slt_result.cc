#include "tests/conformance/slt_result.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/types/decimal.h"
#include "tests/conformance/md5.h"

namespace tessera::slt {
namespace {

// SQLite's conversion of text to an integer: optional leading spaces and a
// sign, then the digits up to the first non-digit (0 when there are none),
// clamped to the int64 range.
int64_t LeadingInteger(absl::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  uint64_t magnitude = 0;
  bool overflow = false;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    if (magnitude > (std::numeric_limits<uint64_t>::max() - 9) / 10) overflow = true;
    if (!overflow) magnitude = magnitude * 10 + (text[i] - '0');
  }
  constexpr uint64_t kMaxPositive = std::numeric_limits<int64_t>::max();
  if (negative) {
    if (overflow || magnitude > kMaxPositive + 1) return std::numeric_limits<int64_t>::min();
    return magnitude == kMaxPositive + 1 ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(magnitude);
  }
  if (overflow || magnitude > kMaxPositive) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(magnitude);
}

// SQLite's conversion of text to a real: the longest prefix that reads as a
// decimal number (no "inf", "nan" or hex), 0.0 when there is none.
double LeadingReal(absl::string_view text) {
  size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  size_t begin = i;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
  auto digits = [&] {
    size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    return i > start;
  };
  bool any = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    any = digits() || any;
  }
  if (!any) return 0.0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    size_t mark = i++;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    if (!digits()) i = mark;
  }
  std::string prefix(text.substr(begin, i - begin));
  return std::strtod(prefix.c_str(), nullptr);
}

// SQLite's double-to-integer cast: toward zero, saturating at the int64 range.
int64_t TruncateReal(double v) {
  if (std::isnan(v)) return 0;
  if (v <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  if (v >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(v);
}

// printf("%.3f") as SQLite's own printf does it: at most 16 significant
// digits, later digits printed as zeros.
std::string FormatReal(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  char buf[400];
  std::snprintf(buf, sizeof(buf), "%.15e", v);
  // buf is "[-]d.ddddddddddddddde[+-]XX".
  absl::string_view sci(buf);
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  int exponent = 0;
  if (e == absl::string_view::npos || !absl::SimpleAtoi(sci.substr(e + 1), &exponent) || exponent + 1 + 3 <= 16) {
    std::snprintf(buf, sizeof(buf), "%.3f", v);
    return buf;
  }
  std::string digits = absl::StrCat(sci.substr(0, 1), sci.substr(2, e - 2));  // 16 digits.
  std::string whole = digits.substr(0, std::min<size_t>(digits.size(), exponent + 1));
  whole.append(exponent + 1 - whole.size(), '0');
  std::string fraction = exponent + 1 < 16 ? digits.substr(exponent + 1) : "";
  fraction.resize(3, '0');
  return absl::StrCat(negative ? "-" : "", whole, ".", fraction);
}

std::string RenderInteger(const ColumnVector& column, int64_t row) {
  int64_t v = 0;
  switch (column.type().id) {
    case TypeId::kBool:
    case TypeId::kInt64:
      v = column.GetInt64(row);
      break;
    case TypeId::kDecimal:
      v = column.GetInt64(row) / PowerOfTen(column.type().scale);
      break;
    case TypeId::kDouble:
      v = TruncateReal(column.GetDouble(row));
      break;
    case TypeId::kText:
      v = LeadingInteger(column.GetText(row));
      break;
    case TypeId::kDate:
    case TypeId::kTimestamp:
      v = LeadingInteger(column.FormatCell(row));
      break;
  }
  // sqlite3_column_int: the low 32 bits.
  return absl::StrCat(static_cast<int32_t>(static_cast<uint32_t>(v)));
}

std::string RenderReal(const ColumnVector& column, int64_t row) {
  double v = 0;
  switch (column.type().id) {
    case TypeId::kBool:
    case TypeId::kInt64:
      v = static_cast<double>(column.GetInt64(row));
      break;
    case TypeId::kDecimal:
      v = static_cast<double>(column.GetInt64(row)) / static_cast<double>(PowerOfTen(column.type().scale));
      break;
    case TypeId::kDouble:
      v = column.GetDouble(row);
      break;
    case TypeId::kText:
      v = LeadingReal(column.GetText(row));
      break;
    case TypeId::kDate:
    case TypeId::kTimestamp:
      v = LeadingReal(column.FormatCell(row));
      break;
  }
  return FormatReal(v);
}

std::string RenderText(const ColumnVector& column, int64_t row) {
  std::string text =
      column.type().id == TypeId::kText ? std::string(column.GetText(row)) : column.FormatCell(row);
  if (text.empty()) return "(empty)";
  for (char& c : text) {
    if (c < ' ' || c > '~') c = '@';
  }
  return text;
}

// Whether `expected` is one "N values hashing to H" line; sets N and H.
bool IsHashLine(const std::vector<std::string>& expected, std::string* count, std::string* hash) {
  if (expected.size() != 1) return false;
  std::vector<std::string> words = absl::StrSplit(expected[0], ' ');
  if (words.size() != 5 || words[1] != "values" || words[2] != "hashing" || words[3] != "to") return false;
  if (count != nullptr) *count = words[0];
  if (hash != nullptr) *hash = words[4];
  return true;
}

}  // namespace

std::string RenderCell(const ColumnVector& column, int64_t row, char type_letter) {
  if (column.IsNull(row)) return "NULL";
  switch (type_letter) {
    case 'I':
      return RenderInteger(column, row);
    case 'R':
      return RenderReal(column, row);
    default:
      return RenderText(column, row);
  }
}

std::vector<std::string> SortAndFlatten(std::vector<std::vector<std::string>> rows, SortMode mode) {
  // std::string compares bytes as unsigned char, which is strcmp in the C locale.
  if (mode == SortMode::kRowSort) std::sort(rows.begin(), rows.end());
  std::vector<std::string> values;
  for (std::vector<std::string>& row : rows) {
    for (std::string& v : row) values.push_back(std::move(v));
  }
  if (mode == SortMode::kValueSort) std::sort(values.begin(), values.end());
  return values;
}

std::string HashValues(const std::vector<std::string>& values) {
  Md5 md5;
  for (const std::string& v : values) {
    md5.Update(v);
    md5.Update("\n");
  }
  return md5.HexDigest();
}

std::string HashLine(const std::vector<std::string>& values) {
  return absl::StrCat(values.size(), " values hashing to ", HashValues(values));
}

Comparison CompareValues(const std::vector<std::string>& values, const std::vector<std::string>& expected,
                         int hash_threshold) {
  Comparison c;
  const bool hashed = hash_threshold > 0 && values.size() > static_cast<size_t>(hash_threshold);
  c.actual = hashed ? std::vector<std::string>{HashLine(values)} : values;
  if (c.actual == expected) {
    c.matches = true;
    return c;
  }
  std::string expected_count;
  if (IsHashLine(expected, &expected_count, nullptr)) {
    c.detail = expected_count != absl::StrCat(values.size())
                   ? absl::StrCat("expected ", expected_count, " values, got ", values.size())
                   : "same number of values, different hash";
    return c;
  }
  for (size_t i = 0; i < std::min(values.size(), expected.size()); ++i) {
    if (values[i] != expected[i]) {
      c.detail = absl::StrCat("value ", i + 1, " differs: expected \"", expected[i], "\", got \"", values[i], "\"");
      return c;
    }
  }
  c.detail = absl::StrCat(values.size() < expected.size() ? "too few" : "too many", " values: expected ",
                          expected.size(), ", got ", values.size());
  return c;
}

std::string ExpectedHash(const std::vector<std::string>& expected) {
  std::string hash;
  if (IsHashLine(expected, nullptr, &hash)) return hash;
  return HashValues(expected);
}

}  // namespace tessera::slt
