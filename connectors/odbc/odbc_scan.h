// File: connectors/odbc/odbc_scan.h
//
// Streams one sub-query's result from an ODBC source as row batches. Rows are
// block-fetched into column-wise bound buffers (SQL_ATTR_ROW_ARRAY_SIZE), one
// driver call per batch, and converted column by column. Memory stays bounded:
// the buffers hold one block, psqlODBC streams through a server-side cursor,
// and for drivers that buffer a whole result (MariaDB's, SQLite's) a request with a
// paging key is read in keyset pages.

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_SCAN_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_SCAN_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/odbc/connection_pool.h"
#include "connectors/odbc/odbc_statement.h"
#include "connectors/odbc/type_mapping.h"

namespace tessera::odbc {

struct ScanOptions {
  // Rows per keyset page when paging; 0 disables paging.
  int64_t page_rows = 0;
  // Upper bound on the bound buffers' size; wide rows get fewer rows a block.
  int64_t max_buffer_bytes = 8 << 20;
};

class OdbcScan final : public RowBatchStream {
 public:
  // Executes the request on the leased connection and binds its columns.
  // Cancelling `ctx` stops the statement, also while it is executing.
  static absl::StatusOr<std::unique_ptr<OdbcScan>> Start(ConnectionPool::Lease lease,
                                                         const ScanRequest& request,
                                                         const ScanOptions& options,
                                                         QueryContext& ctx);
  ~OdbcScan() override;

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::StatusOr<bool> Next(RowBatch& batch) override;
  int64_t rows_fetched() const override { return rows_fetched_; }

  // Rows the driver hands over per fetch call.
  int64_t block_rows() const { return block_rows_; }

  // The most of its bind buffer a finished scan leaves with its connection
  // (see Connection::BindBuffer): enough for a point lookup of a wide
  // SQLite row, while a scan that wrote more gives the buffer back.
  static constexpr int64_t kMaxKeptBindBytes = int64_t{2} << 20;

 private:
  struct BoundColumn {
    std::string name;
    ColumnBinding binding;
    // block_rows_ cells of binding.width bytes, in the connection's bind
    // buffer (Connection::BindBuffer), and a length or SQL_NULL_DATA per
    // cell. Left uninitialized: a block is sized for the widest results
    // (megabytes), and zeroing it cost more than a small lookup's whole
    // fetch; the driver writes every cell it returns.
    char* cells = nullptr;
    std::unique_ptr<SQLLEN[]> indicators;
  };

  OdbcScan(ConnectionPool::Lease lease, Statement stmt, const ScanRequest& request,
           const ScanOptions& options);

  // Runs on the cancelling thread: SQLCancel is the one ODBC call meant to
  // be made while another thread is inside the statement.
  void Cancel();

  // The SQL of the page after `last_key` (the first page when empty).
  std::string PageSql(const std::optional<Value>& last_key) const;
  absl::Status Execute(const std::string& sql);
  absl::Status DescribeAndBind();
  absl::Status ConvertBlock(SQLULEN rows, RowBatch& batch);
  // Reads one whole text cell that did not fit its bound buffer, by
  // positioning on its row and reading it piecewise with SQLGetData.
  absl::StatusOr<std::string> FetchLongText(SQLULEN row, size_t column);
  // Whether the driver supports FetchLongText (see type_mapping.h).
  bool long_values_by_position() const { return lease_->dialect().kind() == DialectKind::kPostgres; }
  absl::Status Fail(absl::Status status);

  ConnectionPool::Lease lease_;
  Statement stmt_;
  const ScanRequest request_;
  const ScanOptions options_;
  std::shared_ptr<const Schema> schema_;
  std::vector<BoundColumn> columns_;
  int64_t block_rows_ = 0;
  SQLLEN row_width_ = 0;  // Bytes of one row's cells and length indicators.
  SQLULEN rows_in_block_ = 0;
  SQLULEN most_rows_in_a_block_ = 0;

  // Paging state: rows read from the current page and the key of the last row.
  bool paging_ = false;
  int paging_key_index_ = -1;
  int64_t page_rows_read_ = 0;
  std::optional<Value> last_key_;

  int64_t rows_fetched_ = 0;
  bool done_ = false;
  std::atomic<bool> cancelled_{false};
  // SQLite's driver implements SQLCancel by closing the cursor, freeing what
  // a fetch (or another SQLCancel) on another thread is using; there,
  // fetches and SQLCancel hold this lock, and Cancel skips SQLCancel while a
  // fetch runs (Next sees cancelled_ right after it).
  bool cancel_closes_cursor_ = false;
  std::recursive_mutex fetch_mu_;
  // SQLCancel, under fetch_mu_ where the driver needs it.
  void CancelStatement();
  // Destroyed first (declared last), so Cancel never runs on a freed scan.
  std::unique_ptr<QueryContext::Registration> cancel_registration_;
};

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_SCAN_H_
