// File: connectors/connector.h
//
// The one interface every kind of source implements (ODBC databases, gRPC
// services, in-memory tables for tests). The planner asks a connector what it
// is, what it can compute and which tables it has; the executor asks it to run
// one sub-query and streams the answer back as row batches.

#ifndef TESSERA_CONNECTORS_CONNECTOR_H_
#define TESSERA_CONNECTORS_CONNECTOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/table_scan.h"
#include "engine/exec/query_context.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"

namespace tessera {

class Dialect;

// What a source computes itself. The planner pushes an operation into a
// source only where the source declares it, and does the rest locally.
struct Capabilities {
  bool projection = false;
  bool filter = false;
  bool limit = false;
  bool order_by = false;
  bool aggregate = false;
  bool join = false;
  // Generated SQL is the way to talk to this source (otherwise the source
  // takes structured scan requests).
  bool sql = false;
  // Without SQL: which filter conditions the source evaluates (with
  // `filter`). Such a source never computes joins or aggregates.
  FilterSupport filter_support;
};

struct ColumnInfo {
  std::string name;
  DataType type;
  bool nullable = true;
  std::string native_type;  // The source's own spelling, e.g. "varchar(64)".
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;
  std::vector<std::string> primary_key;  // Column names, in key order.
  std::optional<int64_t> estimated_rows;
};

// One sub-query for a source.
struct ScanRequest {
  // The statement to run, generated from the plan through the source's
  // Dialect (or, for `tessera query --source`, the operator's own text).
  std::string sql;
  // A unique, non-NULL column of the result that the connector may use to
  // page a large result (`key > last ORDER BY key LIMIT n`) when its driver
  // cannot stream. Empty when the result must be read in one piece.
  std::string paging_key;
  // For a source without SQL (capabilities().sql false), the sub-query in
  // structured form; `sql` is then empty.
  std::optional<TableScan> table_scan;
};

// The sub-query as EXPLAIN shows it: its SQL, or its structured form.
inline std::string ScanRequestText(const ScanRequest& request) {
  return request.table_scan.has_value() ? TableScanToString(*request.table_scan) : request.sql;
}

// The rows of one sub-query, batch by batch. Not thread-safe: cancellation
// reaches a stream through its QueryContext.
class RowBatchStream {
 public:
  virtual ~RowBatchStream() = default;

  virtual const std::shared_ptr<const Schema>& schema() const = 0;

  // Fills `batch` (which must have schema()) with the next rows and returns
  // true, or returns false once the result is exhausted. After an error or
  // false, Next must not be called again. Once the query's context is
  // cancelled, a running or later Next returns Cancelled promptly.
  virtual absl::StatusOr<bool> Next(RowBatch& batch) = 0;

  // Rows returned so far.
  virtual int64_t rows_fetched() const = 0;
};

class Connector {
 public:
  virtual ~Connector() = default;

  // The source's name as queries write it ("lab" in lab.lab_result).
  virtual const std::string& name() const = 0;

  // What kind of source this is, for messages and EXPLAIN ("SQLite via ODBC").
  virtual std::string description() const = 0;

  virtual const Capabilities& capabilities() const = 0;

  // The SQL dialect of a source with capabilities().sql, else nullptr.
  virtual const Dialect* dialect() const = 0;

  // The source's tables, discovered from the source itself.
  virtual absl::StatusOr<std::vector<std::string>> ListTables() = 0;
  virtual absl::StatusOr<TableInfo> DescribeTable(absl::string_view table) = 0;

  // Starts one sub-query. Rows arrive through the returned stream, which must
  // not outlive `ctx`. Cancelling `ctx` stops the sub-query at the source,
  // including while this call is still waiting for the first row.
  virtual absl::StatusOr<std::unique_ptr<RowBatchStream>> Scan(const ScanRequest& request,
                                                               QueryContext& ctx) = 0;

  // Proves the source is reachable now (a connection and a trivial query).
  virtual absl::Status CheckHealth() = 0;
};

}  // namespace tessera

#endif  // TESSERA_CONNECTORS_CONNECTOR_H_
