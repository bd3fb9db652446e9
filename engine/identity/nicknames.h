// File: engine/identity/nicknames.h
//
// Which given names are the same name (Robert, Bob, Bobby), from the data
// file nicknames.txt compiled into the program.

#ifndef TESSERA_ENGINE_IDENTITY_NICKNAMES_H_
#define TESSERA_ENGINE_IDENTITY_NICKNAMES_H_

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::identity {

class NicknameTable {
 public:
  // Parses the nickname file format (see nicknames.txt): one group of
  // equivalent names per line. Malformed lines are reported with their number.
  static absl::StatusOr<NicknameTable> Parse(absl::string_view text);

  // The table compiled from nicknames.txt.
  static const NicknameTable& Default();

  // True when `a` and `b` (normalized given names) are different spellings of
  // one name according to the table: both on one line.
  bool Equivalent(absl::string_view a, absl::string_view b) const;

 private:
  // Each name's groups (line numbers).
  absl::flat_hash_map<std::string, absl::flat_hash_set<int>> groups_;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_NICKNAMES_H_
