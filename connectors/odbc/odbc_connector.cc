#include "connectors/odbc/odbc_connector.h"

#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_catalog.h"
#include "engine/common/status_macros.h"

namespace tessera::odbc {

OdbcConnector::OdbcConnector(OdbcSourceOptions options)
    : options_(std::move(options)),
      pool_(options_.name, options_.connection_string, options_.dialect, options_.schema,
            options_.max_idle_connections, options_.max_connections, options_.connection_wait) {
  // Every SQL database computes all of these; what the planner may push is
  // further limited by where the dialects' semantics differ.
  capabilities_ = {.projection = true, .filter = true, .limit = true, .order_by = true,
                   .aggregate = true, .join = true, .sql = true};
}

std::string OdbcConnector::description() const {
  return absl::StrCat(DialectFor(options_.dialect).name(), " via ODBC");
}

template <typename T, typename Fn>
absl::StatusOr<T> OdbcConnector::WithConnection(Fn fn) {
  bool reused = false;
  absl::StatusOr<T> result;
  {
    ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire(&reused));
    result = fn(std::move(lease));
  }
  if (!result.ok() && reused && result.status().code() == absl::StatusCode::kUnavailable) {
    // The idle connections may all predate a source restart.
    pool_.Clear();
    ASSIGN_OR_RETURN(ConnectionPool::Lease lease, pool_.Acquire());
    result = fn(std::move(lease));
  }
  return result;
}

absl::StatusOr<std::vector<std::string>> OdbcConnector::ListTables() {
  return WithConnection<std::vector<std::string>>([&](ConnectionPool::Lease lease) {
    absl::StatusOr<std::vector<std::string>> tables = ListCatalogTables(*lease, options_.schema);
    if (!tables.ok() && tables.status().code() == absl::StatusCode::kUnavailable) lease->MarkBroken();
    return tables;
  });
}

absl::StatusOr<TableInfo> OdbcConnector::DescribeTable(absl::string_view table) {
  return WithConnection<TableInfo>([&](ConnectionPool::Lease lease) {
    absl::StatusOr<TableInfo> info = DescribeCatalogTable(*lease, options_.schema, table);
    if (!info.ok() && info.status().code() == absl::StatusCode::kUnavailable) lease->MarkBroken();
    return info;
  });
}

absl::StatusOr<std::unique_ptr<RowBatchStream>> OdbcConnector::Scan(const ScanRequest& request,
                                                                    QueryContext& ctx) {
  ScanOptions scan_options;
  // MariaDB's and SQLite's drivers hold a whole result in memory before the
  // first fetch; psqlODBC streams through a cursor.
  if (options_.dialect != DialectKind::kPostgres) scan_options.page_rows = options_.page_rows;
  return WithConnection<std::unique_ptr<RowBatchStream>>(
      [&](ConnectionPool::Lease lease) -> absl::StatusOr<std::unique_ptr<RowBatchStream>> {
        ASSIGN_OR_RETURN(std::unique_ptr<OdbcScan> scan,
                         OdbcScan::Start(std::move(lease), request, scan_options, ctx));
        return std::unique_ptr<RowBatchStream>(std::move(scan));
      });
}

absl::Status OdbcConnector::CheckHealth() {
  return WithConnection<bool>([&](ConnectionPool::Lease lease) -> absl::StatusOr<bool> {
           RETURN_IF_ERROR(lease->Ping());
           return true;
         })
      .status();
}

}  // namespace tessera::odbc
