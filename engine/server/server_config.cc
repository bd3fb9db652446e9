#include "engine/server/server_config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/config/config_loader.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace tessera::server {
namespace {

using google::protobuf::TextFormat;

class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (message_.empty()) message_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// Resolves and reads the files a ServerConfig names, with the line of each
// field in errors.
class Resolver {
 public:
  Resolver(const std::string& path, const TextFormat::ParseInfoTree& tree)
      : path_(path), folder_(std::filesystem::path(path).parent_path()), tree_(tree) {}

  // "PATH: line N: " for a field of the ServerConfig.
  std::string Where(const char* field) const {
    const auto* f = config::ServerConfig::descriptor()->FindFieldByName(field);
    TextFormat::ParseLocation loc = tree_.GetLocation(f, -1);
    if (loc.line < 0) return absl::StrCat(path_, ": ");
    return absl::StrCat(path_, ": line ", loc.line + 1, ": ");
  }

  std::string Resolve(const std::string& name) const {
    std::filesystem::path p(name);
    if (p.is_absolute() || name.empty()) return name;
    return (folder_ / p).string();
  }

  absl::StatusOr<std::string> Read(const char* field, const std::string& name) const {
    std::string full = Resolve(name);
    std::ifstream in(full);
    if (!in) return absl::NotFoundError(absl::StrCat(Where(field), field, ": cannot read ", full));
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().empty()) return absl::InvalidArgumentError(absl::StrCat(Where(field), field, ": ", full, " is empty"));
    return text.str();
  }

 private:
  std::string path_;
  std::filesystem::path folder_;
  const TextFormat::ParseInfoTree& tree_;
};

}  // namespace

absl::StatusOr<ServerSettings> ParseServerConfig(absl::string_view text, const std::string& path) {
  config::ServerConfig cfg;
  TextFormat::Parser parser;
  FirstErrorCollector errors;
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &cfg)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", errors.message()));
  }
  Resolver files(path, tree);
  ServerSettings settings;
  if (!cfg.listen_address().empty()) settings.listen_address = cfg.listen_address();
  if (cfg.tls_cert_file().empty() != cfg.tls_key_file().empty()) {
    const char* given = cfg.tls_cert_file().empty() ? "tls_key_file" : "tls_cert_file";
    return absl::InvalidArgumentError(absl::StrCat(files.Where(given), "TLS needs both tls_cert_file and tls_key_file"));
  }
  if (!cfg.tls_cert_file().empty()) {
    ASSIGN_OR_RETURN(settings.tls_cert_pem, files.Read("tls_cert_file", cfg.tls_cert_file()));
    ASSIGN_OR_RETURN(settings.tls_key_pem, files.Read("tls_key_file", cfg.tls_key_file()));
  }
  if (!cfg.client_ca_file().empty()) {
    if (!settings.tls()) {
      return absl::InvalidArgumentError(
          absl::StrCat(files.Where("client_ca_file"), "client certificates need TLS (tls_cert_file, tls_key_file)"));
    }
    ASSIGN_OR_RETURN(settings.client_ca_pem, files.Read("client_ca_file", cfg.client_ca_file()));
  }
  settings.token_file = files.Resolve(cfg.token_file());
  if (cfg.sources_config().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": sources_config is missing (the configuration file of the sources to serve)"));
  }
  settings.sources_path = files.Resolve(cfg.sources_config());
  absl::StatusOr<config::TesseraConfig> sources = LoadConfig(settings.sources_path);
  if (!sources.ok()) {
    return absl::Status(sources.status().code(),
                        absl::StrCat(files.Where("sources_config"), sources.status().message()));
  }
  settings.sources = *std::move(sources);
  if (cfg.query_memory_limit_bytes() < 0) {
    return absl::InvalidArgumentError(absl::StrCat(files.Where("query_memory_limit_bytes"), "must not be negative"));
  }
  if (cfg.query_memory_limit_bytes() > 0) settings.query_memory_limit_bytes = cfg.query_memory_limit_bytes();
  if (cfg.max_concurrent_queries() < 0) {
    return absl::InvalidArgumentError(absl::StrCat(files.Where("max_concurrent_queries"), "must not be negative"));
  }
  if (cfg.max_concurrent_queries() > 0) settings.max_concurrent_queries = cfg.max_concurrent_queries();
  return settings;
}

absl::StatusOr<ServerSettings> LoadServerConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read server configuration file ", path));
  std::stringstream text;
  text << in.rdbuf();
  return ParseServerConfig(text.str(), path);
}

}  // namespace tessera::server
