#include "engine/config/config_loader.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace tessera {
namespace {

// Collects the first parse error with its position.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (message_.empty()) {
      // The parser counts from zero; editors count from one.
      message_ = absl::StrCat("line ", line + 1, ", column ", column + 1, ": ", message);
    }
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

bool IsValidSourceName(absl::string_view name) {
  if (name.empty() || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

absl::Status Validate(const config::TesseraConfig& cfg, absl::string_view path) {
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < cfg.source_size(); ++i) {
    const config::Source& s = cfg.source(i);
    std::string where = absl::StrCat(path, ": source #", i + 1);
    if (!IsValidSourceName(s.name())) {
      return absl::InvalidArgumentError(absl::StrCat(
          where, ": name \"", s.name(),
          "\" must start with a lower-case letter and hold only a-z, 0-9 and '_'"));
    }
    where = absl::StrCat(path, ": source \"", s.name(), "\"");
    if (!names.insert(s.name()).second) {
      return absl::InvalidArgumentError(absl::StrCat(where, " is defined twice"));
    }
    switch (s.kind_case()) {
      case config::Source::kOdbc:
        if (s.odbc().connection_string().empty()) {
          return absl::InvalidArgumentError(absl::StrCat(where, ": odbc.connection_string is empty"));
        }
        if (s.odbc().dialect() == config::SQL_DIALECT_UNSPECIFIED) {
          return absl::InvalidArgumentError(
              absl::StrCat(where, ": odbc.dialect is missing (SQLITE, POSTGRESQL or MARIADB)"));
        }
        break;
      case config::Source::KIND_NOT_SET:
        return absl::InvalidArgumentError(absl::StrCat(where, " says nothing of how to reach it (add odbc { ... })"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<config::TesseraConfig> ParseConfig(absl::string_view text, absl::string_view path) {
  config::TesseraConfig cfg;
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &cfg)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", errors.message()));
  }
  RETURN_IF_ERROR(Validate(cfg, path));
  return cfg;
}

absl::StatusOr<config::TesseraConfig> LoadConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read configuration file ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseConfig(text.str(), path);
}

absl::Status SaveConfig(const config::TesseraConfig& cfg, const std::string& path) {
  std::string text;
  if (!google::protobuf::TextFormat::PrintToString(cfg, &text)) {
    return absl::InternalError("cannot render the configuration as text");
  }
  std::string tmp = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "# Tessera configuration (schema: proto/config.proto).\n" << text;
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot rename ", tmp, " to ", path));
  }
  return absl::OkStatus();
}

}  // namespace tessera
