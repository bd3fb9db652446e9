// File: engine/exec/remote_scan_operator.h
//
// Runs one sub-query in its source and hands the rows to the operators
// above. The scan starts when the operator is opened and fetches on its own
// thread into a small bounded queue, so every source of a query works at
// once and a slow consumer makes the source wait rather than memory grow.
// Columns the source reports in another type than planned (a SUM that
// PostgreSQL returns as numeric) are converted to the planned type.

#ifndef TESSERA_ENGINE_EXEC_REMOTE_SCAN_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_REMOTE_SCAN_OPERATOR_H_

#include <deque>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "connectors/connector.h"
#include "engine/exec/operator.h"

namespace tessera {

class RemoteScanOperator : public Operator {
 public:
  // `schema` is the planned output; `source` must outlive the operator.
  RemoteScanOperator(Connector* source, ScanRequest request, std::shared_ptr<const Schema> schema);
  ~RemoteScanOperator() override;

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override;
  std::vector<std::string> Details() const override;

  // Rows the source returned (known once the scan finished).
  int64_t rows_fetched() const;
  // When the first batch arrived, relative to Open.
  absl::Duration time_to_first_batch() const;

 private:
  // The producer thread's body.
  void Fetch();
  // Converts `batch` (in the source's types) into the planned types.
  absl::StatusOr<RowBatch> Conform(RowBatch batch);

  static constexpr int kQueueBatches = 4;

  Connector* source_;
  ScanRequest request_;
  std::shared_ptr<const Schema> schema_;
  ExecContext* ctx_ = nullptr;
  // The scan's own cancellation: cancelled with the query, and when the
  // operator is destroyed before the source finished (a LIMIT was reached).
  QueryContext scan_ctx_;
  std::unique_ptr<QueryContext::Registration> query_link_;
  std::thread producer_;
  absl::Time opened_;

  mutable absl::Mutex mu_;
  std::deque<RowBatch> queue_ ABSL_GUARDED_BY(mu_);
  int64_t queued_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool producer_done_ ABSL_GUARDED_BY(mu_) = false;
  bool consumer_gone_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
  int64_t rows_fetched_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Duration first_batch_ ABSL_GUARDED_BY(mu_) = absl::InfiniteDuration();
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_REMOTE_SCAN_OPERATOR_H_
