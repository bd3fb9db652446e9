#include "planner/binder/interval_parser.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/types/datetime.h"

namespace tessera {

absl::StatusOr<Interval> ParseInterval(absl::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat("invalid input syntax for type interval: \"", text, "\""));
  };
  std::vector<std::string> words =
      absl::StrSplit(absl::AsciiStrToLower(text), ' ', absl::SkipWhitespace());
  if (words.empty() || words.size() % 2 != 0) return bad();
  Interval out;
  for (size_t i = 0; i < words.size(); i += 2) {
    int64_t n;
    if (!absl::SimpleAtoi(words[i], &n)) return bad();
    std::string unit = words[i + 1];
    if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
    if (unit == "year" || unit == "yr" || unit == "y") {
      out.months += 12 * n;
    } else if (unit == "mon" || unit == "month") {
      out.months += n;
    } else if (unit == "week" || unit == "w") {
      out.days += 7 * n;
    } else if (unit == "day" || unit == "d") {
      out.days += n;
    } else if (unit == "hour" || unit == "hr" || unit == "h") {
      out.micros += n * 3600 * kMicrosPerSecond;
    } else if (unit == "minute" || unit == "min" || unit == "m") {
      out.micros += n * 60 * kMicrosPerSecond;
    } else if (unit == "second" || unit == "sec" || unit == "s") {
      out.micros += n * kMicrosPerSecond;
    } else {
      return bad();
    }
  }
  return out;
}

}  // namespace tessera
