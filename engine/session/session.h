// File: engine/session/session.h
//
// Runs SQL against the federation: one statement at a time through the
// planner and the operators, its rows streamed to a ResultWriter. The
// console, `tessera query` and the server all run queries through here.

#ifndef TESSERA_ENGINE_SESSION_SESSION_H_
#define TESSERA_ENGINE_SESSION_SESSION_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/catalog/catalog.h"
#include "engine/catalog/source_registry.h"
#include "engine/exec/query_context.h"
#include "engine/format/result_writer.h"
#include "planner/binder/view_cache.h"
#include "planner/optimizer/optimizer.h"
#include "planner/parser/ast.h"

namespace tessera {

struct SessionOptions {
  // Bytes one query may hold in hash tables, sort buffers and queues.
  int64_t memory_limit_bytes = int64_t{2} << 30;
  OptimizerOptions optimizer;
  // The source whose tables may be named without "source.", if any.
  std::string default_source;
};

// How one sub-query sent to a source went.
struct SourceScanStats {
  std::string source;
  int64_t rows_fetched = 0;
  absl::Duration first_batch;  // From the scan's start to its first batch.
  absl::Duration scan_time;    // Reading the scan's rows, waits included.
};

struct StatementResult {
  int64_t rows = 0;
  absl::Duration elapsed;
  int64_t peak_memory_bytes = 0;
  // Every remote scan of the plan, in plan order.
  std::vector<SourceScanStats> scans;
};

class Session {
 public:
  Session(SourceRegistry* sources, SessionOptions options = {});

  // Parses `sql` into its statements.
  absl::StatusOr<std::vector<ast::Statement>> Parse(absl::string_view sql) const;

  // Runs one statement of `sql`. EXPLAIN produces one text column,
  // "QUERY PLAN", with a line per row. A query still running at ctx's
  // deadline is cancelled (at its sources too) and fails with
  // DeadlineExceeded.
  absl::StatusOr<StatementResult> Execute(const ast::Statement& statement, absl::string_view sql,
                                          QueryContext& ctx, ResultWriter& writer);

  Catalog& catalog() { return catalog_; }
  const BoundViewCache& view_cache() const { return views_; }

 private:
  absl::StatusOr<StatementResult> ExecuteUntilDeadline(const ast::Statement& statement, absl::string_view sql,
                                                       QueryContext& ctx, ResultWriter& writer);

  SourceRegistry* sources_;
  SessionOptions options_;
  Catalog catalog_;
  // Views bound by earlier statements, for the next ones.
  BoundViewCache views_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_SESSION_SESSION_H_
