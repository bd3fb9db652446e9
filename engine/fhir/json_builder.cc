// File: engine/fhir/json_builder.cc

#include "engine/fhir/json_builder.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/format/json_escape.h"
#include "engine/types/double_format.h"

namespace tessera::json {

std::string Str(absl::string_view s) { return s.empty() ? "" : JsonQuote(s); }

std::string Num(double v) { return std::isfinite(v) ? FormatDouble(v) : ""; }

std::string Bool(bool v) { return v ? "true" : "false"; }

std::string Obj(const std::vector<Member>& members) {
  std::string out;
  for (const auto& [key, value] : members) {
    if (value.empty()) continue;
    absl::StrAppend(&out, out.empty() ? "{" : ",", JsonQuote(key), ":", value);
  }
  return out.empty() ? "" : out + "}";
}

std::string Arr(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (item.empty()) continue;
    absl::StrAppend(&out, out.empty() ? "[" : ",", item);
  }
  return out.empty() ? "" : out + "]";
}

}  // namespace tessera::json
