#include "engine/riverside/formats.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"

namespace tessera::riverside {
namespace {

// US daylight saving time (since 2007): from 2:00 on the second Sunday of
// March to 2:00 on the first Sunday of November.
bool IsEasternDaylightTime(absl::CivilSecond t) {
  auto nth_sunday = [](int64_t year, int month, int n) {
    absl::CivilDay first(year, month, 1);
    int offset =
        (7 - static_cast<int>(absl::GetWeekday(first)) + static_cast<int>(absl::Weekday::sunday)) %
        7;
    return first + offset + 7 * (n - 1);
  };
  absl::CivilSecond start = absl::CivilSecond(nth_sunday(t.year(), 3, 2)) + 2 * 3600;
  absl::CivilSecond end = absl::CivilSecond(nth_sunday(t.year(), 11, 1)) + 2 * 3600;
  return t >= start && t < end;
}

}  // namespace

std::string FormatThousands(int64_t n) {
  std::string digits = absl::StrCat(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string UsDate(int64_t day) {
  absl::CivilDay d = CivilFromDays(day);
  return absl::StrFormat("%02d/%02d/%04d", d.month(), d.day(), d.year());
}

std::string UtcIso8601(int64_t local_seconds) {
  absl::CivilSecond local = absl::CivilSecond(1970, 1, 1) + local_seconds;
  absl::CivilSecond utc = local + (IsEasternDaylightTime(local) ? 4 : 5) * 3600;
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", utc.year(), utc.month(), utc.day(),
                         utc.hour(), utc.minute(), utc.second());
}

std::string PhoneDashed(absl::string_view d) {
  if (d.size() != 10) return std::string(d);
  return absl::StrCat(d.substr(0, 3), "-", d.substr(3, 3), "-", d.substr(6));
}

std::string PhoneParens(absl::string_view d) {
  if (d.size() != 10) return std::string(d);
  return absl::StrCat("(", d.substr(0, 3), ") ", d.substr(3, 3), "-", d.substr(6));
}

std::string PhoneE164(absl::string_view d) {
  if (d.empty()) return "";
  return absl::StrCat("+1", d);
}

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppend(&out, absl::StrFormat("\\u%04x", static_cast<int>(c)));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string CsvField(absl::string_view text) {
  if (text.find_first_of(",\"\r\n") == absl::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

}  // namespace tessera::riverside
