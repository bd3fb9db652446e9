#include "engine/types/datetime.h"

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace tessera {
namespace {

const absl::CivilDay kEpochDay(1970, 1, 1);

// Reads exactly `width` decimal digits at `pos`.
bool ReadDigits(absl::string_view text, size_t pos, size_t width, int* out) {
  if (pos + width > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

int64_t DaysFromCivil(absl::CivilDay day) { return day - kEpochDay; }

absl::CivilDay CivilFromDays(int64_t days) { return kEpochDay + days; }

int64_t MicrosFromCivil(absl::CivilSecond time) {
  absl::CivilDay day(time);
  int64_t seconds = (time - absl::CivilSecond(day));
  return DaysFromCivil(day) * kMicrosPerDay + seconds * kMicrosPerSecond;
}

std::string FormatDate(int64_t days) {
  absl::CivilDay d = CivilFromDays(days);
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string FormatTimestamp(int64_t micros) {
  int64_t days = micros / kMicrosPerDay;
  int64_t rest = micros % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  int64_t seconds = rest / kMicrosPerSecond;
  int64_t fraction = rest % kMicrosPerSecond;
  std::string out = absl::StrFormat("%s %02d:%02d:%02d", FormatDate(days), seconds / 3600,
                                    (seconds / 60) % 60, seconds % 60);
  if (fraction != 0) absl::StrAppendFormat(&out, ".%06d", fraction);
  return out;
}

absl::StatusOr<int64_t> ParseDate(absl::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ReadDigits(text, 0, 4, &y) ||
      !ReadDigits(text, 5, 2, &m) || !ReadDigits(text, 8, 2, &d)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid date \"", text, "\" (expected YYYY-MM-DD)"));
  }
  absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d) {
    return absl::InvalidArgumentError(absl::StrCat("date out of range: \"", text, "\""));
  }
  return DaysFromCivil(day);
}

absl::StatusOr<int64_t> ParseTimestamp(absl::string_view text) {
  auto invalid = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid timestamp \"", text, "\" (expected YYYY-MM-DD HH:MM:SS)"));
  };
  if (text.size() < 10) return invalid();
  auto days = ParseDate(text.substr(0, 10));
  if (!days.ok()) return invalid();
  if (text.size() == 10) return *days * kMicrosPerDay;
  int h, mi, s;
  if (text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' ||
      text[16] != ':' || !ReadDigits(text, 11, 2, &h) || !ReadDigits(text, 14, 2, &mi) ||
      !ReadDigits(text, 17, 2, &s) || h > 23 || mi > 59 || s > 60) {
    return invalid();
  }
  int64_t micros = 0;
  if (text.size() > 19) {
    if (text[19] != '.') return invalid();
    int64_t scale = 100000;
    for (size_t i = 20; i < text.size(); ++i) {
      if (text[i] < '0' || text[i] > '9') return invalid();
      micros += (text[i] - '0') * scale;
      scale /= 10;
    }
  }
  return *days * kMicrosPerDay + ((h * 60 + mi) * 60 + s) * kMicrosPerSecond + micros;
}

}  // namespace tessera
