#include "engine/session/session.h"

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/common/status_macros.h"
#include "engine/exec/explain.h"
#include "engine/exec/memory_tracker.h"
#include "engine/exec/remote_scan_operator.h"
#include "planner/parser/parser.h"
#include "planner/planner.h"

#include <thread>

#include "absl/synchronization/notification.h"

namespace tessera {
namespace {

// Drains `root`, handing each batch to `sink`.
absl::StatusOr<int64_t> Drain(Operator& root, ExecContext& ctx, const std::function<void(const RowBatch&)>& sink) {
  RETURN_IF_ERROR(root.Open(ctx));
  RowBatch batch(root.schema());
  int64_t rows = 0;
  while (true) {
    if (ctx.query->is_cancelled()) return absl::CancelledError("query cancelled");
    ASSIGN_OR_RETURN(bool more, root.Next(batch));
    if (!more) break;
    rows += batch.num_rows();
    sink(batch);
  }
  return rows;
}

void WriteLines(const std::vector<std::string>& lines, ResultWriter& writer) {
  auto schema = std::make_shared<const Schema>(std::vector<Field>{{"QUERY PLAN", DataType::Text(), false}});
  RowBatch batch(schema);
  for (const std::string& line : lines) batch.column(0).AppendText(line);
  batch.SetNumRows(static_cast<int64_t>(lines.size()));
  writer.Begin(*schema);
  writer.Write(batch);
  writer.End(batch.num_rows());
}

// Cancels a query when its deadline passes, until destroyed.
class DeadlineWatch {
 public:
  explicit DeadlineWatch(QueryContext& ctx) {
    if (ctx.deadline() == absl::InfiniteFuture()) return;
    thread_ = std::thread([this, &ctx] {
      if (!done_.WaitForNotificationWithDeadline(ctx.deadline())) ctx.Cancel();
    });
  }
  ~DeadlineWatch() {
    done_.Notify();
    if (thread_.joinable()) thread_.join();
  }

 private:
  absl::Notification done_;
  std::thread thread_;
};

// Appends the stats of every remote scan under `op`, depth first.
void CollectScans(const Operator& op, std::vector<SourceScanStats>& out) {
  if (const auto* scan = dynamic_cast<const RemoteScanOperator*>(&op)) {
    absl::Duration first = scan->time_to_first_batch();
    out.push_back({scan->source_name(), scan->rows_fetched(),
                   first == absl::InfiniteDuration() ? absl::ZeroDuration() : first, scan->stats().time});
  }
  for (const Operator* child : op.children()) CollectScans(*child, out);
}

}  // namespace

Session::Session(SourceRegistry* sources, SessionOptions options)
    : sources_(sources), options_(std::move(options)), catalog_(sources) {}

absl::StatusOr<std::vector<ast::Statement>> Session::Parse(absl::string_view sql) const { return ParseSql(sql); }

absl::StatusOr<StatementResult> Session::Execute(const ast::Statement& statement, absl::string_view sql,
                                                 QueryContext& ctx, ResultWriter& writer) {
  absl::StatusOr<StatementResult> result = ExecuteUntilDeadline(statement, sql, ctx, writer);
  if (!result.ok() && absl::Now() >= ctx.deadline()) {
    return absl::DeadlineExceededError("the query ran past its deadline and was cancelled at its sources");
  }
  return result;
}

absl::StatusOr<StatementResult> Session::ExecuteUntilDeadline(const ast::Statement& statement, absl::string_view sql,
                                                              QueryContext& ctx, ResultWriter& writer) {
  DeadlineWatch watch(ctx);
  absl::Time start = absl::Now();
  // Declared before the plan so that it outlives the operators, which give
  // their reservations back when destroyed (after a failure, still holding).
  MemoryTracker memory(options_.memory_limit_bytes);
  ASSIGN_OR_RETURN(PlannedQuery planned, PlanStatement(statement, catalog_, sql, start, options_.optimizer,
                                                       options_.default_source, &views_));
  ExecContext exec{&ctx, &memory};
  StatementResult result;
  if (planned.explain) {
    if (planned.analyze) {
      ASSIGN_OR_RETURN(result.rows, Drain(*planned.root, exec, [](const RowBatch&) {}));
    }
    std::vector<std::string> lines = ExplainLines(*planned.root, planned.analyze);
    if (planned.analyze) {
      lines.push_back(absl::StrFormat("Execution: %d rows in %.3f ms, peak memory %d KB", result.rows,
                                      absl::ToDoubleMilliseconds(absl::Now() - start), memory.peak() / 1024));
    }
    WriteLines(lines, writer);
    result.rows = static_cast<int64_t>(lines.size());
  } else {
    writer.Begin(*planned.root->schema());
    ASSIGN_OR_RETURN(result.rows, Drain(*planned.root, exec, [&](const RowBatch& b) { writer.Write(b); }));
    writer.End(result.rows);
  }
  result.elapsed = absl::Now() - start;
  result.peak_memory_bytes = memory.peak();
  CollectScans(*planned.root, result.scans);
  return result;
}

}  // namespace tessera
