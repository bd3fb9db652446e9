// File: connectors/odbc/odbc_connector.h
//
// A SQL database reached through unixODBC: SQLite files, PostgreSQL and
// MariaDB. It discovers tables through the ODBC catalog functions, runs
// generated sub-queries through pooled read-only connections, and streams
// results with block fetches (see odbc_scan.h).

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_CONNECTOR_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_CONNECTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "connectors/connector.h"
#include "connectors/dialect.h"
#include "connectors/odbc/connection_pool.h"
#include "connectors/odbc/odbc_scan.h"

namespace tessera::odbc {

struct OdbcSourceOptions {
  std::string name;
  std::string connection_string;
  DialectKind dialect = DialectKind::kSqlite;
  // The PostgreSQL schema or MariaDB database holding the source's tables;
  // empty for the connection's default.
  std::string schema;
  int max_idle_connections = 8;
  // Open connections at most (idle and in use); a scan waits up to
  // connection_wait for one to be free.
  int max_connections = 32;
  absl::Duration connection_wait = absl::Seconds(10);
  // Keyset page size for drivers that buffer whole results (MariaDB's, SQLite's).
  int64_t page_rows = 50000;
};

class OdbcConnector final : public Connector {
 public:
  // Connects lazily: a source that is down is reported by the first call
  // that needs it, not here.
  explicit OdbcConnector(OdbcSourceOptions options);

  const std::string& name() const override { return options_.name; }
  std::string description() const override;
  const Capabilities& capabilities() const override { return capabilities_; }
  const Dialect* dialect() const override { return &DialectFor(options_.dialect); }

  absl::StatusOr<std::vector<std::string>> ListTables() override;
  absl::StatusOr<TableInfo> DescribeTable(absl::string_view table) override;
  absl::StatusOr<std::unique_ptr<RowBatchStream>> Scan(const ScanRequest& request,
                                                       QueryContext& ctx) override;
  absl::Status CheckHealth() override;

  ConnectionPool& pool() { return pool_; }

 private:
  // Leases a connection and runs `fn` on it; if a reused idle connection
  // turns out to be dead, retries once on a fresh one.
  template <typename T, typename Fn>
  absl::StatusOr<T> WithConnection(Fn fn);

  const OdbcSourceOptions options_;
  Capabilities capabilities_;
  ConnectionPool pool_;
};

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_CONNECTOR_H_
