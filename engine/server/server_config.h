// File: engine/server/server_config.h
//
// What `tessera serve` runs with: a ServerConfig (proto/config.proto) read
// from a text-format file, its file names resolved next to it and the files
// read, so that every mistake (a missing key file, a key without its
// certificate) is reported at startup with the file and line, not at the
// first call.

#ifndef TESSERA_ENGINE_SERVER_SERVER_CONFIG_H_
#define TESSERA_ENGINE_SERVER_SERVER_CONFIG_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/config.pb.h"

namespace tessera::server {

struct ServerSettings {
  std::string listen_address = "127.0.0.1:7410";
  // PEM text, read from the configured files; empty without TLS.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::string client_ca_pem;  // Empty: clients need no certificate.
  std::string token_file;     // Empty: no bearer tokens.
  config::TesseraConfig sources;
  std::string sources_path;  // Where `sources` came from, for messages.
  int64_t query_memory_limit_bytes = int64_t{2} << 30;
  int max_concurrent_queries = 16;

  bool tls() const { return !tls_cert_pem.empty(); }
};

// Parses a ServerConfig from `text`, naming `path` in errors; relative file
// names are taken from `path`'s folder.
absl::StatusOr<ServerSettings> ParseServerConfig(absl::string_view text, const std::string& path);

// Reads the file at `path` and parses it.
absl::StatusOr<ServerSettings> LoadServerConfig(const std::string& path);

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_SERVER_CONFIG_H_
