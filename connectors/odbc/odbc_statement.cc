#include "connectors/odbc/odbc_statement.h"

#include "connectors/odbc/odbc_api.h"

#include "connectors/odbc/odbc_error.h"
#include "engine/common/status_macros.h"

namespace tessera::odbc {

absl::StatusOr<Statement> Statement::Allocate(Connection& connection) {
  SQLHSTMT stmt = SQL_NULL_HSTMT;
  SQLRETURN rc = SQLAllocHandle(SQL_HANDLE_STMT, connection.handle(), &stmt);
  RETURN_IF_ERROR(CheckOdbc(rc, SQL_HANDLE_DBC, connection.handle(), connection.source_name(),
                            "SQLAllocHandle(statement)"));
  return Statement(stmt);
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != SQL_NULL_HSTMT) SQLFreeHandle(SQL_HANDLE_STMT, stmt_);
    stmt_ = other.stmt_;
    other.stmt_ = SQL_NULL_HSTMT;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != SQL_NULL_HSTMT) SQLFreeHandle(SQL_HANDLE_STMT, stmt_);
}

}  // namespace tessera::odbc
