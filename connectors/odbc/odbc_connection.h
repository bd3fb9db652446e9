// File: connectors/odbc/odbc_connection.h
//
// One ODBC connection (environment plus connection handle) to a source. The
// engine opens every connection read-only; only the sample-data generator and
// test fixtures open one for writing.

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_CONNECTION_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_CONNECTION_H_

#include "connectors/odbc/odbc_api.h"

#include <memory>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "connectors/dialect.h"

namespace tessera::odbc {

enum class AccessMode { kReadOnly, kReadWrite };

class Connection {
 public:
  // Connects with a driver connection string ("Driver=SQLite3;Database=...").
  // `source_name` names the source in every error this connection reports.
  // A read-only connection is put in the dialect's read-only session mode, so
  // the source itself refuses any write. A non-empty `schema` becomes the
  // session's default (PostgreSQL search_path, MariaDB database), so that
  // unqualified table names resolve inside it.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(std::string source_name,
                                                          const std::string& connection_string,
                                                          DialectKind dialect, AccessMode mode,
                                                          absl::string_view schema = "");
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs a statement that returns no rows (DDL, INSERT in fixtures).
  absl::Status Execute(absl::string_view sql);

  // Starts and ends a transaction; between them Execute does not autocommit.
  absl::Status Begin();
  absl::Status Commit();

  // A cheap round trip that proves the connection still works.
  absl::Status Ping();

  const std::string& source_name() const { return source_name_; }
  const Dialect& dialect() const { return DialectFor(dialect_); }
  AccessMode access_mode() const { return mode_; }
  SQLHDBC handle() const { return dbc_; }

  // Set once a statement failed with a connection-level SQLSTATE (08xxx): the
  // pool drops such a connection instead of reusing it.
  bool broken() const { return broken_; }
  void MarkBroken() { broken_ = true; }

  // Memory for the bound result columns of a statement on this connection:
  // at least `bytes`, uninitialised, valid until the next call or
  // ReleaseBindBuffer. It is kept for the next statement because drivers
  // write into it row by row (SQLite's pads every text cell to its 64 KB
  // width), and fresh memory costs a page fault for each 4 KB touched: most
  // of a point lookup's time. OdbcScan gives it back after a scan that
  // filled much of it, so an idle connection keeps little memory resident.
  char* BindBuffer(size_t bytes);
  void ReleaseBindBuffer();

 private:
  Connection(std::string source_name, DialectKind dialect, AccessMode mode)
      : source_name_(std::move(source_name)), dialect_(dialect), mode_(mode) {}

  std::string source_name_;
  DialectKind dialect_;
  AccessMode mode_;
  SQLHENV env_ = SQL_NULL_HENV;
  SQLHDBC dbc_ = SQL_NULL_HDBC;
  bool connected_ = false;
  bool broken_ = false;
  std::unique_ptr<char[]> bind_buffer_;
  size_t bind_buffer_bytes_ = 0;
};

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_CONNECTION_H_
