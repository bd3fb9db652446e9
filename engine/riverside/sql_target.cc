#include "engine/riverside/sql_target.h"

#include <cstdio>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_connection.h"
#include "engine/common/status_macros.h"
#include "engine/riverside/output_file.h"

namespace tessera::riverside {
namespace {

absl::Status WriteTables(odbc::Connection& connection, const std::string& schema,
                         absl::string_view target, const SourceLoad& source) {
  SqlTableWriter writer(connection, schema, std::string(target));
  for (const TableLoad& table : source.tables) RETURN_IF_ERROR(writer.Write(table));
  return absl::OkStatus();
}

absl::Status WithContext(const absl::Status& status, absl::string_view what) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(what, ": ", status.message()));
}

}  // namespace

absl::Status LoadIntoSqlite(const std::string& data_dir, const SourceLoad& source) {
  std::string path = absl::StrCat(data_dir, "/", source.source, ".db");
  std::string temp = absl::StrCat(data_dir, "/.", source.source, ".db.building");
  std::remove(temp.c_str());
  std::remove(absl::StrCat(temp, "-journal").c_str());
  {
    absl::StatusOr<std::unique_ptr<odbc::Connection>> connection =
        odbc::Connection::Open(source.source, absl::StrCat("Driver=SQLite3;Database=", temp),
                               DialectKind::kSqlite, odbc::AccessMode::kReadWrite);
    if (!connection.ok()) {
      return WithContext(connection.status(),
                         absl::StrCat("cannot create SQLite file \"", temp, "\""));
    }
    // The file is private until renamed, so a crash just leaves a temporary
    // file behind: no journal and no fsync needed. Neither setting changes
    // the bytes of the finished file.
    RETURN_IF_ERROR((*connection)->Execute("PRAGMA journal_mode = OFF"));
    RETURN_IF_ERROR((*connection)->Execute("PRAGMA synchronous = OFF"));
    absl::Status status = WriteTables(**connection, "", "SQLite", source);
    if (!status.ok()) {
      connection->reset();
      std::remove(temp.c_str());
      return status;
    }
  }
  return RenameFile(temp, path);
}

absl::Status LoadIntoServer(DialectKind dialect, const std::string& connection_string,
                            const SourceLoad& source) {
  const Dialect& d = DialectFor(dialect);
  absl::StatusOr<std::unique_ptr<odbc::Connection>> opened = odbc::Connection::Open(
      source.source, connection_string, dialect, odbc::AccessMode::kReadWrite);
  if (!opened.ok()) {
    return WithContext(opened.status(), absl::StrCat("cannot connect to ", d.name(),
                                                     " to load source ", source.source));
  }
  std::unique_ptr<odbc::Connection> connection = *std::move(opened);
  std::string container = dialect == DialectKind::kMariaDb ? "DATABASE" : "SCHEMA";
  absl::Status status = connection->Execute(
      absl::StrCat("CREATE ", container, " IF NOT EXISTS ", d.QuoteIdentifier(source.source)));
  RETURN_IF_ERROR(WithContext(
      status, absl::StrCat("cannot create ", d.name(), " ", absl::AsciiStrToLower(container), " \"",
                           source.source, "\"")));
  if (dialect == DialectKind::kPostgres) {
    // Losing the last commits in a server crash is harmless for generated
    // data that is simply generated again.
    RETURN_IF_ERROR(connection->Execute("SET synchronous_commit = off"));
  }
  return WriteTables(*connection, source.source, d.name(), source);
}

}  // namespace tessera::riverside
