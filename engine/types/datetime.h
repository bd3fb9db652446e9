// File: engine/types/datetime.h
//
// Conversions between the engine's date and timestamp representations (days
// and microseconds since the Unix epoch, no time zone) and civil time or text.

#ifndef TESSERA_ENGINE_TYPES_DATETIME_H_
#define TESSERA_ENGINE_TYPES_DATETIME_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"

namespace tessera {

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

int64_t DaysFromCivil(absl::CivilDay day);

// Days since 1970-01-01 of a valid date, by arithmetic (H. Hinnant's
// days_from_civil) rather than through absl::CivilDay, whose constructor
// normalizes: for per-cell conversion of fields a driver already validated.
constexpr int64_t DaysFromYmd(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}
absl::CivilDay CivilFromDays(int64_t days);
int64_t MicrosFromCivil(absl::CivilSecond time);

// "YYYY-MM-DD".
std::string FormatDate(int64_t days);
// "YYYY-MM-DD HH:MM:SS", with ".ffffff" only when there are microseconds.
std::string FormatTimestamp(int64_t micros);

// Parses "YYYY-MM-DD"; anything else is InvalidArgument naming the text.
absl::StatusOr<int64_t> ParseDate(absl::string_view text);
// Parses "YYYY-MM-DD[ T]HH:MM:SS[.f...]" or a bare date (midnight).
absl::StatusOr<int64_t> ParseTimestamp(absl::string_view text);

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_DATETIME_H_
