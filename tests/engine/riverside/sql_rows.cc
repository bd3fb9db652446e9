#include "tests/engine/riverside/sql_rows.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_api.h"
#include "connectors/odbc/odbc_connection.h"
#include "connectors/odbc/odbc_error.h"
#include "connectors/odbc/odbc_statement.h"
#include "engine/common/status_macros.h"

namespace tessera::riverside::testing {

absl::StatusOr<std::vector<SqlRow>> QueryRows(const std::string& connection_string,
                                              DialectKind dialect, absl::string_view sql) {
  ASSIGN_OR_RETURN(
      std::unique_ptr<odbc::Connection> connection,
      odbc::Connection::Open("test", connection_string, dialect, odbc::AccessMode::kReadOnly));
  ASSIGN_OR_RETURN(odbc::Statement statement, odbc::Statement::Allocate(*connection));
  SQLHSTMT stmt = statement.handle();
  std::string text(sql);
  SQLRETURN rc = SQLExecDirect(stmt, reinterpret_cast<SQLCHAR*>(text.data()),
                               static_cast<SQLINTEGER>(text.size()));
  RETURN_IF_ERROR(odbc::CheckOdbc(rc, SQL_HANDLE_STMT, stmt, "test", text));
  SQLSMALLINT columns = 0;
  SQLNumResultCols(stmt, &columns);
  std::vector<SqlRow> rows;
  while (true) {
    rc = SQLFetch(stmt);
    if (rc == SQL_NO_DATA) break;
    RETURN_IF_ERROR(odbc::CheckOdbc(rc, SQL_HANDLE_STMT, stmt, "test", "SQLFetch"));
    SqlRow row(columns);
    for (SQLSMALLINT c = 1; c <= columns; ++c) {
      std::string value;
      char buffer[4096];
      SQLLEN indicator = 0;
      while (true) {
        rc = SQLGetData(stmt, c, SQL_C_CHAR, buffer, sizeof(buffer), &indicator);
        if (rc == SQL_NO_DATA) break;
        RETURN_IF_ERROR(odbc::CheckOdbc(rc, SQL_HANDLE_STMT, stmt, "test", "SQLGetData"));
        if (indicator == SQL_NULL_DATA) break;
        // A truncated chunk fills the buffer minus its terminator.
        size_t chunk = indicator == SQL_NO_TOTAL || indicator >= static_cast<SQLLEN>(sizeof(buffer))
                           ? sizeof(buffer) - 1
                           : static_cast<size_t>(indicator);
        value.append(buffer, chunk);
        if (rc == SQL_SUCCESS) break;
      }
      if (indicator != SQL_NULL_DATA) row[c - 1] = std::move(value);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string SqliteConnection(const std::string& path) {
  return absl::StrCat("Driver=SQLite3;Database=", path);
}

}  // namespace tessera::riverside::testing
