// File: engine/identity/nicknames.cc

#include "engine/identity/nicknames.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tessera::identity {

// Generated from nicknames.txt by the BUILD rule "nicknames_data".
extern const char kNicknamesText[];

absl::StatusOr<NicknameTable> NicknameTable::Parse(absl::string_view text) {
  NicknameTable table;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = line.substr(0, line.find('#'));
    std::vector<absl::string_view> names = absl::StrSplit(line, ' ', absl::SkipWhitespace());
    if (names.empty()) continue;
    if (names.size() < 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("nickname line has one name, needs a group of two or more at line ", line_number));
    }
    for (absl::string_view name : names) {
      for (char c : name) {
        if (!absl::ascii_islower(static_cast<unsigned char>(c))) {
          return absl::InvalidArgumentError(absl::StrCat(
              "nickname must be lower case letters at line ", line_number, ": \"", name, "\""));
        }
      }
      table.groups_[name].insert(line_number);
    }
  }
  return table;
}

const NicknameTable& NicknameTable::Default() {
  static const NicknameTable* table = [] {
    absl::StatusOr<NicknameTable> parsed = Parse(kNicknamesText);
    // The file is compiled in and tested; an error here is a build mistake.
    return new NicknameTable(parsed.ok() ? *std::move(parsed) : NicknameTable());
  }();
  return *table;
}

bool NicknameTable::Equivalent(absl::string_view a, absl::string_view b) const {
  auto ia = groups_.find(a);
  if (ia == groups_.end()) return false;
  auto ib = groups_.find(b);
  if (ib == groups_.end()) return false;
  for (int g : ia->second) {
    if (ib->second.contains(g)) return true;
  }
  return false;
}

}  // namespace tessera::identity
