#include "engine/config/home.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace tessera {

std::string ResolveHome(absl::string_view flag_value) {
  if (!flag_value.empty()) return std::string(flag_value);
  if (const char* env = std::getenv("TESSERA_HOME"); env != nullptr && *env != '\0') return env;
  const char* home = std::getenv("HOME");
  return absl::StrCat(home != nullptr && *home != '\0' ? home : ".", "/.tessera");
}

std::string HomeConfigPath(absl::string_view home) { return absl::StrCat(home, "/tessera.textproto"); }

std::string HomeDataDir(absl::string_view home) { return absl::StrCat(home, "/data"); }

}  // namespace tessera
