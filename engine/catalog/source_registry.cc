#include "engine/catalog/source_registry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/grpc/grpc_connector.h"
#include "connectors/odbc/odbc_connector.h"

namespace tessera {
namespace {

DialectKind DialectFromConfig(config::SqlDialect dialect) {
  switch (dialect) {
    case config::POSTGRESQL:
      return DialectKind::kPostgres;
    case config::MARIADB:
      return DialectKind::kMariaDb;
    default:
      return DialectKind::kSqlite;
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<SourceRegistry>> SourceRegistry::Create(
    const config::TesseraConfig& config) {
  auto registry = std::make_unique<SourceRegistry>();
  for (const config::Source& source : config.source()) {
    std::unique_ptr<Connector> connector;
    switch (source.kind_case()) {
      case config::Source::kOdbc: {
        odbc::OdbcSourceOptions options;
        options.name = source.name();
        options.connection_string = source.odbc().connection_string();
        options.dialect = DialectFromConfig(source.odbc().dialect());
        options.schema = source.odbc().schema();
        if (source.odbc().max_idle_connections() > 0) {
          options.max_idle_connections = source.odbc().max_idle_connections();
        }
        if (source.odbc().page_rows() > 0) options.page_rows = source.odbc().page_rows();
        if (source.odbc().max_connections() > 0) options.max_connections = source.odbc().max_connections();
        connector = std::make_unique<odbc::OdbcConnector>(std::move(options));
        break;
      }
      case config::Source::kGrpc: {
        grpc_source::GrpcSourceOptions options;
        options.name = source.name();
        options.address = source.grpc().address();
        options.tls_ca_file = source.grpc().tls_ca_file();
        for (const config::DeclaredTable& t : source.grpc().table()) {
          TableInfo info;
          info.name = t.name();
          for (const config::DeclaredColumn& c : t.column()) {
            std::optional<DataType> type = DataTypeFromString(c.type());
            if (!type.has_value()) {
              return absl::InvalidArgumentError(absl::StrCat("source \"", source.name(), "\": table \"", t.name(),
                                                             "\": column \"", c.name(), "\" has the unknown type \"",
                                                             c.type(), "\""));
            }
            info.columns.push_back({c.name(), *type, !c.not_null(), c.type()});
          }
          info.primary_key.assign(t.primary_key().begin(), t.primary_key().end());
          options.declared_tables.push_back(std::move(info));
        }
        connector = std::make_unique<grpc_source::GrpcConnector>(std::move(options));
        break;
      }
      case config::Source::KIND_NOT_SET:
        return absl::InvalidArgumentError(absl::StrCat("source \"", source.name(), "\" has no kind"));
    }
    registry->names_.push_back(source.name());
    registry->sources_.emplace(source.name(), std::move(connector));
  }
  for (const config::View& view : config.view()) {
    registry->view_names_.push_back(view.name());
    registry->views_.emplace(view.name(), view);
  }
  for (const std::string& file : config.code_map_file()) {
    absl::Status status = registry->code_maps_.LoadFile(file);
    if (!status.ok()) return status;
  }
  return registry;
}

const config::View* SourceRegistry::FindView(absl::string_view name) const {
  auto it = views_.find(name);
  return it == views_.end() ? nullptr : &it->second;
}

absl::StatusOr<Connector*> SourceRegistry::Find(absl::string_view name) const {
  auto it = sources_.find(name);
  if (it == sources_.end()) {
    return absl::NotFoundError(absl::StrCat("no source named \"", name, "\" (sources: ",
                                            names_.empty() ? "none" : absl::StrJoin(names_, ", "), ")"));
  }
  return it->second.get();
}

}  // namespace tessera
