#include "engine/expr/parse_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "engine/types/datetime.h"

namespace tessera {
namespace {

absl::Status InvalidSyntax(absl::string_view type, absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("invalid input syntax for type ", type, ": \"", text, "\""));
}

absl::Status FieldOutOfRange(absl::string_view text) {
  return absl::InvalidArgumentError(
      absl::StrCat("date/time field value out of range: \"", text, "\""));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads 1 to `max_digits` digits at *pos.
bool ReadNumber(absl::string_view s, size_t* pos, size_t max_digits, int64_t* out) {
  size_t start = *pos;
  int64_t v = 0;
  while (*pos < s.size() && IsDigit(s[*pos]) && *pos - start < max_digits) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
  }
  *out = v;
  return *pos > start;
}

enum class DateTimeParse { kOk, kSyntax, kRange };

struct DateTime {
  int64_t days = 0;
  int64_t micros_of_day = 0;  // May be a whole day for 24:00:00.
};

// The shared grammar of dates and timestamps; `s` is already trimmed.
DateTimeParse ParseDateTime(absl::string_view s, DateTime* out) {
  size_t pos = 0;
  int64_t year, month, day;
  if (s.size() >= 8 && std::all_of(s.begin(), s.begin() + 8, IsDigit) &&
      (s.size() == 8 || !IsDigit(s[8]))) {
    // ISO 8601's basic form, YYYYMMDD (HL7 writes dates so).
    ReadNumber(s, &pos, 4, &year);
    ReadNumber(s, &pos, 2, &month);
    ReadNumber(s, &pos, 2, &day);
  } else if (!ReadNumber(s, &pos, 6, &year) || pos < 4 || pos >= s.size() || s[pos++] != '-' ||
             !ReadNumber(s, &pos, 2, &month) || pos >= s.size() || s[pos++] != '-' ||
             !ReadNumber(s, &pos, 2, &day)) {
    return DateTimeParse::kSyntax;
  }
  if (pos < s.size() && IsDigit(s[pos])) return DateTimeParse::kSyntax;
  int64_t hour = 0, minute = 0, second = 0, micros = 0;
  if (pos < s.size()) {
    if (s[pos] != ' ' && s[pos] != 'T') return DateTimeParse::kSyntax;
    ++pos;
    while (pos < s.size() && s[pos] == ' ') ++pos;
    size_t run = 0;
    while (pos + run < s.size() && IsDigit(s[pos + run])) ++run;
    bool has_seconds = false;
    if (run == 4 || run == 6) {
      // The basic form, HHMM[SS].
      ReadNumber(s, &pos, 2, &hour);
      ReadNumber(s, &pos, 2, &minute);
      has_seconds = run == 6 && ReadNumber(s, &pos, 2, &second);
    } else {
      if (!ReadNumber(s, &pos, 2, &hour) || pos >= s.size() || s[pos++] != ':' ||
          !ReadNumber(s, &pos, 2, &minute)) {
        return DateTimeParse::kSyntax;
      }
      if (pos < s.size() && s[pos] == ':') {
        ++pos;
        if (!ReadNumber(s, &pos, 2, &second)) return DateTimeParse::kSyntax;
        has_seconds = true;
      }
    }
    if (has_seconds && pos < s.size() && s[pos] == '.') {
      ++pos;
      // Six digits, rounded by the seventh.
      int64_t scale = 100000;
      size_t digits = 0;
      for (; pos < s.size() && IsDigit(s[pos]); ++pos, ++digits) {
        if (digits < 6) {
          micros += (s[pos] - '0') * scale;
          scale /= 10;
        } else if (digits == 6 && s[pos] >= '5') {
          micros += 1;
        }
      }
    }
    if (pos != s.size()) return DateTimeParse::kSyntax;
    if (minute > 59 || second > 60 || hour > 24 ||
        (hour == 24 && (minute > 0 || second > 0 || micros > 0))) {
      return DateTimeParse::kRange;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1) return DateTimeParse::kRange;
  absl::CivilDay civil(year, month, day);
  if (civil.month() != month || civil.day() != day) return DateTimeParse::kRange;
  out->days = DaysFromCivil(civil);
  out->micros_of_day = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + micros;
  return DateTimeParse::kOk;
}

absl::string_view Trim(absl::string_view text) { return absl::StripAsciiWhitespace(text); }

}  // namespace

absl::StatusOr<bool> ParseBooleanText(absl::string_view text) {
  const std::string s = absl::AsciiStrToLower(Trim(text));
  // Each word, and how many of its letters a prefix needs to be unique.
  struct Word {
    const char* word;
    size_t min_length;
    bool value;
  };
  static constexpr Word kWords[] = {{"true", 1, true}, {"false", 1, false}, {"yes", 1, true},
                                    {"no", 1, false},  {"on", 2, true},     {"off", 2, false},
                                    {"1", 1, true},    {"0", 1, false}};
  for (const Word& w : kWords) {
    if (s.size() >= w.min_length && absl::StartsWith(w.word, s)) return w.value;
  }
  return InvalidSyntax("boolean", text);
}

absl::StatusOr<int64_t> ParseBigintText(absl::string_view text) {
  absl::string_view s = Trim(text);
  size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';
  if (pos == s.size()) return InvalidSyntax("bigint", text);
  // Accumulate negatively so that INT64_MIN is reachable.
  int64_t value = 0;
  bool overflow = false;
  for (; pos < s.size(); ++pos) {
    if (!IsDigit(s[pos])) return InvalidSyntax("bigint", text);
    overflow = overflow || __builtin_mul_overflow(value, 10, &value) ||
               __builtin_sub_overflow(value, s[pos] - '0', &value);
  }
  if (!negative && !overflow) overflow = __builtin_mul_overflow(value, -1, &value);
  if (overflow) {
    return absl::InvalidArgumentError(
        absl::StrCat("value \"", text, "\" is out of range for type bigint"));
  }
  return value;
}

absl::StatusOr<double> ParseDoubleText(absl::string_view text) {
  absl::string_view s = Trim(text);
  bool negative = false;
  absl::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (absl::EqualsIgnoreCase(body, "infinity") || absl::EqualsIgnoreCase(body, "inf")) {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (absl::EqualsIgnoreCase(s, "nan")) return std::numeric_limits<double>::quiet_NaN();
  if (body.empty() || body[0] == '+' || body[0] == '-') return InvalidSyntax("double precision", text);
  double value = 0;
  auto [end, ec] = std::from_chars(body.data(), body.data() + body.size(), value,
                                   std::chars_format::general);
  if (end != body.data() + body.size() || ec == std::errc::invalid_argument || std::isnan(value)) {
    return InvalidSyntax("double precision", text);
  }
  if (ec == std::errc::result_out_of_range) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", text, "\" is out of range for type double precision"));
  }
  return negative ? -value : value;
}

absl::StatusOr<int64_t> ParseNumericText(absl::string_view text, int scale) {
  absl::string_view s = Trim(text);
  size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';
  // The digits as an integer (leading zeros dropped) times 10^exponent.
  std::string digits;
  int64_t exponent = 0;
  bool seen_digit = false, seen_point = false;
  for (; pos < s.size(); ++pos) {
    const char c = s[pos];
    if (IsDigit(c)) {
      seen_digit = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return InvalidSyntax("numeric", text);
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) exp_negative = s[pos++] == '-';
    int64_t e = 0;
    if (!ReadNumber(s, &pos, 4, &e)) return InvalidSyntax("numeric", text);
    exponent += exp_negative ? -e : e;
  }
  if (pos != s.size()) return InvalidSyntax("numeric", text);

  // unscaled = digits * 10^(exponent + scale), rounded half away from zero.
  const int64_t shift = exponent + scale;
  __int128 value = 0;
  const int64_t kept = std::min<int64_t>(digits.size(), digits.size() + shift);
  const absl::Status overflow = absl::InvalidArgumentError("numeric field overflow");
  for (int64_t i = 0; i < kept; ++i) {
    value = value * 10 + (digits[i] - '0');
    if (value > std::numeric_limits<int64_t>::max()) return overflow;
  }
  if (shift < 0) {
    if (kept >= 0 && kept < static_cast<int64_t>(digits.size()) && digits[kept] >= '5') ++value;
  } else {
    for (int64_t i = 0; i < shift && value != 0; ++i) {
      value *= 10;
      if (value > std::numeric_limits<int64_t>::max()) return overflow;
    }
  }
  if (value > std::numeric_limits<int64_t>::max()) return overflow;
  return static_cast<int64_t>(negative ? -value : value);
}

absl::StatusOr<int64_t> ParseDateText(absl::string_view text) {
  DateTime dt;
  switch (ParseDateTime(Trim(text), &dt)) {
    case DateTimeParse::kOk:
      return dt.days;
    case DateTimeParse::kSyntax:
      return InvalidSyntax("date", text);
    case DateTimeParse::kRange:
      break;
  }
  return FieldOutOfRange(text);
}

absl::StatusOr<int64_t> ParseTimestampText(absl::string_view text) {
  DateTime dt;
  switch (ParseDateTime(Trim(text), &dt)) {
    case DateTimeParse::kOk:
      break;
    case DateTimeParse::kSyntax:
      return InvalidSyntax("timestamp", text);
    case DateTimeParse::kRange:
      return FieldOutOfRange(text);
  }
  // PostgreSQL's timestamps end in the year 294276.
  constexpr int64_t kMaxDays = 106751991;  // Days in 2^63 microseconds.
  if (dt.days > kMaxDays - 1 || dt.days < -kMaxDays + 1) {
    return absl::InvalidArgumentError(absl::StrCat("timestamp out of range: \"", text, "\""));
  }
  return dt.days * kMicrosPerDay + dt.micros_of_day;
}

}  // namespace tessera
