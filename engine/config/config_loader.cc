#include "engine/config/config_loader.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "planner/parser/parser.h"

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

// "line N: " for a field of the `index`-th entry of the repeated field
// `list` ("source", "view"), so that a check made after parsing still points
// at the line to fix.
std::string LineOf(const google::protobuf::TextFormat::ParseInfoTree* tree, const char* list, int index,
                   const char* field_name) {
  using google::protobuf::TextFormat;
  const google::protobuf::FieldDescriptor* list_field = config::TesseraConfig::descriptor()->FindFieldByName(list);
  TextFormat::ParseLocation loc = tree->GetLocation(list_field, index);
  if (field_name != nullptr) {
    const TextFormat::ParseInfoTree* nested = tree->GetTreeForNested(list_field, index);
    const google::protobuf::FieldDescriptor* f = list_field->message_type()->FindFieldByName(field_name);
    if (nested != nullptr && f != nullptr && nested->GetLocation(f, -1).line >= 0) {
      loc = nested->GetLocation(f, -1);
    }
  }
  if (loc.line < 0) return "";
  return absl::StrCat("line ", loc.line + 1, ": ");
}

absl::Status ValidateViews(const config::TesseraConfig& cfg, absl::string_view path,
                           const google::protobuf::TextFormat::ParseInfoTree* tree) {
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < cfg.view_size(); ++i) {
    const config::View& v = cfg.view(i);
    auto error = [&](const char* field, absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", LineOf(tree, "view", i, field), what));
    };
    if (!IsValidSourceName(v.name())) {
      return error("name", absl::StrCat("view #", i + 1, ": name \"", v.name(),
                                        "\" must start with a lower-case letter and hold only a-z, 0-9 and '_'"));
    }
    std::string where = absl::StrCat("view \"", v.name(), "\"");
    if (!names.insert(v.name()).second) return error("name", absl::StrCat(where, " is defined twice"));
    absl::StatusOr<std::vector<ast::Statement>> parsed = ParseSql(v.sql());
    if (!parsed.ok()) return error("sql", absl::StrCat(where, ": ", parsed.status().message()));
    if (parsed->size() != 1 || parsed->front().kind != ast::Statement::Kind::kSelect) {
      return error("sql", absl::StrCat(where, ": sql must be one SELECT statement"));
    }
  }
  return absl::OkStatus();
}

absl::Status Validate(const config::TesseraConfig& cfg, absl::string_view path,
                      const google::protobuf::TextFormat::ParseInfoTree* tree) {
  absl::flat_hash_set<std::string> names;
  for (int i = 0; i < cfg.source_size(); ++i) {
    const config::Source& s = cfg.source(i);
    auto error = [&](const char* field, absl::string_view what) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", LineOf(tree, "source", i, field), what));
    };
    if (!IsValidSourceName(s.name())) {
      return error("name", absl::StrCat("source #", i + 1, ": name \"", s.name(),
                                        "\" must start with a lower-case letter and hold only a-z, 0-9 and '_'"));
    }
    std::string where = absl::StrCat("source \"", s.name(), "\"");
    if (!names.insert(s.name()).second) return error("name", absl::StrCat(where, " is defined twice"));
    switch (s.kind_case()) {
      case config::Source::kOdbc:
        if (s.odbc().connection_string().empty()) {
          return error("odbc", absl::StrCat(where, ": odbc.connection_string is empty"));
        }
        if (s.odbc().dialect() == config::SQL_DIALECT_UNSPECIFIED) {
          return error("odbc", absl::StrCat(where, ": odbc.dialect is missing (SQLITE, POSTGRESQL or MARIADB)"));
        }
        break;
      case config::Source::kGrpc: {
        const std::string& address = s.grpc().address();
        size_t colon = address.rfind(':');
        if (address.empty()) return error("grpc", absl::StrCat(where, ": grpc.address is empty"));
        if (colon == std::string::npos || colon == 0 || colon + 1 == address.size() ||
            address.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
          return error("grpc", absl::StrCat(where, ": grpc.address \"", address, "\" is not HOST:PORT"));
        }
        break;
      }
      case config::Source::KIND_NOT_SET:
        return error(nullptr,
                     absl::StrCat(where, " says nothing of how to reach it (add odbc { ... } or grpc { ... })"));
    }
  }
  return ValidateViews(cfg, path, tree);
}

}  // namespace

absl::StatusOr<config::TesseraConfig> ParseConfig(absl::string_view text, absl::string_view path) {
  config::TesseraConfig cfg;
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  google::protobuf::TextFormat::ParseInfoTree locations;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&locations);
  if (!parser.ParseFromString(std::string(text), &cfg)) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", errors.message()));
  }
  RETURN_IF_ERROR(Validate(cfg, path, &locations));
  return cfg;
}

absl::StatusOr<config::TesseraConfig> LoadConfig(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read configuration file ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  ASSIGN_OR_RETURN(config::TesseraConfig cfg, ParseConfig(text.str(), path));
  // Files the configuration names are found beside it, wherever it is read from.
  size_t slash = path.rfind('/');
  std::string folder = slash == std::string::npos ? "." : path.substr(0, slash);
  for (std::string& file : *cfg.mutable_code_map_file()) {
    if (!file.empty() && file[0] != '/') file = absl::StrCat(folder, "/", file);
  }
  return cfg;
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
