// File: engine/config/config_loader.h
//
// Reads and checks the engine's configuration (proto/config.proto) from a
// protobuf text-format file. Every mistake is reported with the file and line.

#ifndef TESSERA_ENGINE_CONFIG_CONFIG_LOADER_H_
#define TESSERA_ENGINE_CONFIG_CONFIG_LOADER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/config.pb.h"

namespace tessera {

// Parses `text`, naming `path` in errors, and validates the result.
absl::StatusOr<config::TesseraConfig> ParseConfig(absl::string_view text, absl::string_view path);

// Reads the file at `path` and parses it.
absl::StatusOr<config::TesseraConfig> LoadConfig(const std::string& path);

// Writes `config` in text format to `path` (through a temporary file and a
// rename, so a reader never sees half a file).
absl::Status SaveConfig(const config::TesseraConfig& config, const std::string& path);

}  // namespace tessera

#endif  // TESSERA_ENGINE_CONFIG_CONFIG_LOADER_H_
