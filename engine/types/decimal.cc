#include "engine/types/decimal.h"

#include <cstdlib>
#include <algorithm>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace tessera {

int64_t PowerOfTen(int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::string FormatDecimal(int64_t unscaled, int scale) {
  bool negative = unscaled < 0;
  // Work in unsigned to format INT64_MIN correctly.
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(unscaled) : unscaled;
  std::string digits = absl::StrCat(magnitude);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, scale + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - scale, ".");
  }
  return negative ? absl::StrCat("-", digits) : digits;
}

namespace {

// The common shape drivers produce, "[-]digits[.digits]" with no more
// fraction digits than `scale` and at most 18 digits once scaled, without
// 128-bit arithmetic. False leaves the text to the general parser.
bool ParseShortDecimal(absl::string_view text, int scale, int64_t* out) {
  size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  int64_t v = 0;
  int digits = 0, fraction = -1;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      v = v * 10 + (c - '0');
      if (++digits > 18) return false;
      if (fraction >= 0) ++fraction;
    } else if (c == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return false;
    }
  }
  int pad = scale - std::max(fraction, 0);
  if (digits == 0 || pad < 0 || digits + pad > 18) return false;
  v *= PowerOfTen(pad);
  *out = text[0] == '-' ? -v : v;
  return true;
}

}  // namespace

absl::StatusOr<int64_t> ParseDecimal(absl::string_view text, int scale) {
  if (int64_t fast; ParseShortDecimal(text, scale, &fast)) return fast;
  auto invalid = [&] { return absl::InvalidArgumentError(absl::StrCat("invalid decimal \"", text, "\"")); };
  size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  // The magnitude of INT64_MIN is one more than INT64_MAX.
  const __int128 limit = static_cast<__int128>(std::numeric_limits<int64_t>::max()) + (negative ? 1 : 0);
  __int128 value = 0;
  int fraction_digits = 0;
  bool seen_point = false, seen_digit = false, round_up = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c == ' ') break;
    if (c < '0' || c > '9') return invalid();
    seen_digit = true;
    if (seen_point && fraction_digits >= scale) {
      // Only the first dropped digit decides rounding.
      if (fraction_digits == scale) round_up = c >= '5';
      ++fraction_digits;
      continue;
    }
    value = value * 10 + (c - '0');
    if (seen_point) ++fraction_digits;
    if (value > limit) return invalid();
  }
  for (; i < text.size(); ++i) {
    if (text[i] != ' ') return invalid();
  }
  if (!seen_digit) return invalid();
  for (int f = std::min(fraction_digits, scale); f < scale; ++f) value *= 10;
  if (round_up) value += 1;
  if (value > limit) return invalid();
  return static_cast<int64_t>(negative ? -value : value);
}

}  // namespace tessera
