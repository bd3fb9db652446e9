// File: engine/cli/open_sources.h
//
// Loads the configuration a command names (--config, else the embedded
// default in the home folder) and builds its sources.

#ifndef TESSERA_ENGINE_CLI_OPEN_SOURCES_H_
#define TESSERA_ENGINE_CLI_OPEN_SOURCES_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "engine/catalog/source_registry.h"

namespace tessera::cli {

// `config_flag` is the --config value (may be empty); `home_flag` the --home.
absl::StatusOr<std::unique_ptr<SourceRegistry>> OpenSources(const std::string& config_flag,
                                                            const std::string& home_flag);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_OPEN_SOURCES_H_
