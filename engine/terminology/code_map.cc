// File: engine/terminology/code_map.cc

#include "engine/terminology/code_map.h"

#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tessera {
namespace {

constexpr absl::string_view kHeader =
    "source,table,code_column,code,unit,standard_system,standard_code,standard_unit,factor,offset";

}  // namespace

absl::Status CodeMaps::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read code map file ", path));
  std::string line;
  int line_number = 0;
  auto error = [&](absl::string_view what) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": line ", line_number, ": ", what));
  };
  while (std::getline(in, line)) {
    ++line_number;
    absl::string_view text = absl::StripTrailingAsciiWhitespace(line);
    if (line_number == 1) {
      if (text != kHeader) return error(absl::StrCat("expected the header \"", kHeader, "\""));
      continue;
    }
    if (text.empty() || absl::StartsWith(text, "#")) continue;
    std::vector<std::string> f = absl::StrSplit(text, ',');
    if (f.size() != 10) return error(absl::StrCat("expected 10 fields, found ", f.size()));
    if (f[0].empty() || f[1].empty() || f[2].empty() || f[3].empty() || f[6].empty()) {
      return error("source, table, code_column, code and standard_code must not be empty");
    }
    CodeMapEntry e{f[3], f[4], f[5], f[6], f[7], 1, 0};
    if (!absl::SimpleAtod(f[8], &e.factor) || !absl::SimpleAtod(f[9], &e.offset)) {
      return error(absl::StrCat("factor \"", f[8], "\" and offset \"", f[9], "\" must be numbers"));
    }
    if (e.factor <= 0) return error(absl::StrCat("factor must be positive, not ", f[8]));
    std::string name = absl::StrCat(f[0], ".", f[1], ".", f[2]);
    CodeMap& map = maps_[name];
    map.name = name;
    for (const CodeMapEntry& other : map.entries) {
      if (other.code == e.code && other.unit == e.unit) {
        return error(absl::StrCat("code \"", e.code, "\" in unit \"", e.unit, "\" is mapped twice in ", name));
      }
    }
    map.entries.push_back(std::move(e));
  }
  if (line_number == 0) return absl::InvalidArgumentError(absl::StrCat(path, ": the file is empty"));
  return absl::OkStatus();
}

const CodeMap* CodeMaps::Find(absl::string_view name) const {
  auto it = maps_.find(name);
  return it == maps_.end() ? nullptr : &it->second;
}

std::vector<std::string> CodeMaps::names() const {
  std::vector<std::string> out;
  for (const auto& [name, map] : maps_) out.push_back(name);
  return out;
}

}  // namespace tessera
