// File: engine/config/home.h
//
// Where the embedded default lives: the sample data and the configuration
// that `tessera gen` writes and every other command reads when given no
// --config. One folder, so that the commands work from anywhere.

#ifndef TESSERA_ENGINE_CONFIG_HOME_H_
#define TESSERA_ENGINE_CONFIG_HOME_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tessera {

// `flag_value` when set, else $TESSERA_HOME, else $HOME/.tessera.
std::string ResolveHome(absl::string_view flag_value);

// The configuration file inside a home folder.
std::string HomeConfigPath(absl::string_view home);

// The folder inside a home that holds the generated sample data.
std::string HomeDataDir(absl::string_view home);

}  // namespace tessera

#endif  // TESSERA_ENGINE_CONFIG_HOME_H_
