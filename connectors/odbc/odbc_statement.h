// File: connectors/odbc/odbc_statement.h
//
// An owned ODBC statement handle, freed when it goes out of scope.

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_STATEMENT_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_STATEMENT_H_

#include "connectors/odbc/odbc_api.h"

#include "absl/status/statusor.h"
#include "connectors/odbc/odbc_connection.h"

namespace tessera::odbc {

class Statement {
 public:
  static absl::StatusOr<Statement> Allocate(Connection& connection);

  Statement(Statement&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = SQL_NULL_HSTMT; }
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  SQLHSTMT handle() const { return stmt_; }

 private:
  explicit Statement(SQLHSTMT stmt) : stmt_(stmt) {}
  SQLHSTMT stmt_;
};

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_STATEMENT_H_
