#include "connectors/odbc/odbc_connection.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/odbc/odbc_error.h"
#include "connectors/odbc/odbc_statement.h"
#include "engine/common/status_macros.h"

namespace tessera::odbc {
namespace {

// Seconds to wait for a source to accept a connection before reporting it
// down, so that an unreachable server never hangs a query.
constexpr SQLULEN kLoginTimeoutSeconds = 10;

// One ODBC environment serves every connection of the process.
absl::StatusOr<SQLHENV> SharedEnvironment() {
  static SQLHENV env = []() -> SQLHENV {
    SQLHENV e = SQL_NULL_HENV;
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &e))) return SQL_NULL_HENV;
    SQLSetEnvAttr(e, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
    return e;
  }();
  if (env == SQL_NULL_HENV) return absl::InternalError("cannot allocate an ODBC environment");
  return env;
}

bool HasKey(const std::string& connection_string, absl::string_view key) {
  for (absl::string_view part : absl::StrSplit(connection_string, ';')) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
    if (absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(kv.first), key)) return true;
  }
  return false;
}

// Driver options that make each driver stream, type and encode results the
// way the engine expects; a key the configuration already sets is kept.
std::string WithDriverDefaults(const std::string& connection_string, DialectKind dialect) {
  std::vector<std::pair<absl::string_view, absl::string_view>> defaults;
  switch (dialect) {
    case DialectKind::kPostgres:
      // UseDeclareFetch streams through a cursor instead of buffering the
      // whole result; BoolsAsChar=0 reports booleans as SQL_BIT; text is
      // VARCHAR rather than an 8190-byte LONGVARCHAR.
      defaults = {{"UseDeclareFetch", "1"}, {"Fetch", "8192"},      {"BoolsAsChar", "0"},
                  {"TextAsLongVarchar", "0"}, {"UnknownSizes", "2"}, {"MaxVarcharSize", "65535"}};
      break;
    case DialectKind::kMariaDb:
      defaults = {{"CHARSET", "utf8mb4"}};
      break;
    case DialectKind::kSqlite:
      // Timeout waits out a writer's lock instead of failing at once. The
      // driver's StepAPI mode would stream, but it breaks block fetches.
      defaults = {{"Timeout", "5000"}};
      break;
  }
  std::string out = connection_string;
  for (const auto& [key, value] : defaults) {
    if (HasKey(connection_string, key)) continue;
    if (!out.empty() && out.back() != ';') out += ';';
    absl::StrAppend(&out, key, "=", value, ";");
  }
  return out;
}

// Session settings run after connecting. A read-only session makes the source
// itself refuse writes, whatever SQL reaches it.
std::vector<std::string> SessionSetup(DialectKind dialect, AccessMode mode,
                                      absl::string_view schema) {
  const Dialect& d = DialectFor(dialect);
  bool read_only = mode == AccessMode::kReadOnly;
  std::vector<std::string> setup;
  switch (dialect) {
    case DialectKind::kPostgres:
      if (!schema.empty()) setup.push_back(absl::StrCat("SET search_path TO ", d.QuoteIdentifier(schema)));
      if (read_only) setup.push_back("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
      break;
    case DialectKind::kMariaDb:
      // Literals are rendered with backslash escapes, so the session must read them.
      setup.push_back("SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
      if (!schema.empty()) setup.push_back(absl::StrCat("USE ", d.QuoteIdentifier(schema)));
      if (read_only) setup.push_back("SET SESSION TRANSACTION READ ONLY");
      break;
    case DialectKind::kSqlite:
      // A SQLite file is its own schema.
      if (read_only) setup.push_back("PRAGMA query_only = 1");
      break;
  }
  return setup;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(std::string source_name,
                                                             const std::string& connection_string,
                                                             DialectKind dialect, AccessMode mode,
                                                             absl::string_view schema) {
  ASSIGN_OR_RETURN(SQLHENV env, SharedEnvironment());
  std::unique_ptr<Connection> conn(new Connection(std::move(source_name), dialect, mode));
  conn->env_ = env;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_DBC, env, &conn->dbc_);
  RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_ENV, env, conn->source_name_, "SQLAllocHandle(connection)"));
  SQLSetConnectAttr(conn->dbc_, SQL_ATTR_LOGIN_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(kLoginTimeoutSeconds), 0);
  std::string full = WithDriverDefaults(connection_string, dialect);
  rc = SQLDriverConnect(conn->dbc_, nullptr, reinterpret_cast<SQLCHAR*>(full.data()),
                        static_cast<SQLSMALLINT>(full.size()), nullptr, 0, nullptr,
                        SQL_DRIVER_NOPROMPT);
  absl::Status status = CheckOdbc(rc, SQL_HANDLE_DBC, conn->dbc_, conn->source_name_, "connect");
  if (!status.ok()) {
    // The driver manager reports a driver it cannot load with no more than a
    // warning state: that is a configuration mistake, not an outage.
    if (absl::StrContains(status.message(), "[Driver Manager]Can't open lib")) {
      return absl::InvalidArgumentError(absl::StrCat(
          status.message(), " (is the ODBC driver named in the connection string installed?)"));
    }
    // Otherwise a connection that was never made means the source is
    // unreachable, unless the driver named a more specific cause.
    if (status.code() == absl::StatusCode::kUnknown) {
      return absl::UnavailableError(status.message());
    }
    return status;
  }
  conn->connected_ = true;
  for (const std::string& sql : SessionSetup(dialect, mode, schema)) {
    RETURN_IF_ERROR(conn->Execute(sql));
  }
  return conn;
}

Connection::~Connection() {
  if (dbc_ != SQL_NULL_HDBC) {
    if (connected_) SQLDisconnect(dbc_);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc_);
  }
}

absl::Status Connection::Execute(absl::string_view sql) {
  ASSIGN_OR_RETURN(Statement stmt, Statement::Allocate(*this));
  SQLRETURN rc = SQLExecDirect(stmt.handle(), reinterpret_cast<SQLCHAR*>(const_cast<char*>(sql.data())),
                               static_cast<SQLINTEGER>(sql.size()));
  absl::Status status = CheckOdbc(rc, SQL_HANDLE_STMT, stmt.handle(), source_name_, "execute");
  if (status.code() == absl::StatusCode::kUnavailable) MarkBroken();
  return status;
}

absl::Status Connection::Begin() {
  SQLRETURN rc = SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT,
                                   reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_OFF), 0);
  return CheckOdbc(rc, SQL_HANDLE_DBC, dbc_, source_name_, "begin transaction");
}

absl::Status Connection::Commit() {
  SQLRETURN rc = SQLEndTran(SQL_HANDLE_DBC, dbc_, SQL_COMMIT);
  RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_DBC, dbc_, source_name_, "commit"));
  rc = SQLSetConnectAttr(dbc_, SQL_ATTR_AUTOCOMMIT, reinterpret_cast<SQLPOINTER>(SQL_AUTOCOMMIT_ON), 0);
  return CheckOdbc(rc, SQL_HANDLE_DBC, dbc_, source_name_, "restore autocommit");
}

absl::Status Connection::Ping() { return Execute("SELECT 1"); }

char* Connection::BindBuffer(size_t bytes) {
  if (bytes > bind_buffer_bytes_) {
    bind_buffer_.reset(new char[bytes]);  // Not zero-filled: see the header.
    bind_buffer_bytes_ = bytes;
  }
  return bind_buffer_.get();
}

void Connection::ReleaseBindBuffer() {
  bind_buffer_.reset();
  bind_buffer_bytes_ = 0;
}

}  // namespace tessera::odbc
