#include "tests/testing/backends.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"

namespace tessera::testing {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

Backend SqliteBackend() {
  std::string dir = Env("TEST_TMPDIR");
  if (dir.empty()) dir = "/tmp";
  return {"sqlite", DialectKind::kSqlite, absl::StrCat("Driver=SQLite3;Database=", dir, "/backend.db"), ""};
}

}  // namespace

bool ServersRequired() { return Env("TESSERA_REQUIRE_SERVERS") == "1"; }

absl::StatusOr<Backend> FindBackend(const std::string& name) {
  if (name == "sqlite") return SqliteBackend();
  const char* var = name == "postgresql" ? "TESSERA_PG_CONN" : "TESSERA_MARIADB_CONN";
  std::string conn = Env(var);
  if (conn.empty()) {
    return absl::UnavailableError(absl::StrCat(name, " is not configured: set ", var,
                                               " (scripts/check does)"));
  }
  DialectKind dialect = name == "postgresql" ? DialectKind::kPostgres : DialectKind::kMariaDb;
  return Backend{name, dialect, conn, "tessera_test"};
}

std::vector<Backend> AvailableBackends() {
  std::vector<Backend> out;
  for (const char* name : {"sqlite", "postgresql", "mariadb"}) {
    absl::StatusOr<Backend> b = FindBackend(name);
    if (b.ok()) out.push_back(*b);
  }
  return out;
}

absl::StatusOr<std::unique_ptr<odbc::Connection>> OpenFixtureConnection(const Backend& backend) {
  ASSIGN_OR_RETURN(std::unique_ptr<odbc::Connection> conn,
                   odbc::Connection::Open(backend.name, backend.connection_string, backend.dialect,
                                          odbc::AccessMode::kReadWrite));
  if (backend.schema.empty()) return conn;
  const Dialect& d = DialectFor(backend.dialect);
  std::string create = backend.dialect == DialectKind::kPostgres ? "CREATE SCHEMA IF NOT EXISTS "
                                                                 : "CREATE DATABASE IF NOT EXISTS ";
  RETURN_IF_ERROR(conn->Execute(absl::StrCat(create, d.QuoteIdentifier(backend.schema))));
  return odbc::Connection::Open(backend.name, backend.connection_string, backend.dialect,
                                odbc::AccessMode::kReadWrite, backend.schema);
}

}  // namespace tessera::testing
