// File: engine/exec/remote_scan_operator.h
//
// Runs one sub-query in its source and hands the rows to the operators
// above. The scan starts when the operator is opened and fetches on its own
// thread into a small bounded queue, so every source of a query works at
// once and a slow consumer makes the source wait rather than memory grow.
// Columns the source reports in another type than planned (a SUM that
// PostgreSQL returns as numeric) are converted to the planned type.
//
// A deferred scan is the probe side of a bind join: it does not start when
// opened, but when the join has read its other side and supplies the join
// keys found there, which the scan sends to the source as IN-lists.

#ifndef TESSERA_ENGINE_EXEC_REMOTE_SCAN_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_REMOTE_SCAN_OPERATOR_H_

#include <deque>
#include <functional>
#include <optional>
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

  // The sub-queries for a set of join keys (all rows when nullopt).
  using KeyedRequests =
      std::function<absl::StatusOr<std::vector<ScanRequest>>(const std::optional<std::vector<Value>>& keys)>;
  // A deferred scan; `unfiltered` is shown by EXPLAIN before keys arrive.
  static std::unique_ptr<RemoteScanOperator> Deferred(Connector* source, std::shared_ptr<const Schema> schema,
                                                      ScanRequest unfiltered, KeyedRequests make_requests);
  ~RemoteScanOperator() override;

  // Starts a deferred scan restricted to `keys` (or unrestricted). Called
  // once, on the consumer's thread, after Open.
  void SupplyKeys(const std::optional<std::vector<Value>>& keys);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override;
  std::vector<std::string> Details() const override;

  // The source this scan reads from.
  const std::string& source_name() const { return source_->name(); }

  // The planner's estimate of the rows the scan returns, shown by EXPLAIN.
  void set_estimated_rows(std::optional<double> rows) { estimated_rows_ = rows; }

  // Rows the source returned (known once the scan finished).
  int64_t rows_fetched() const;
  // When the first batch arrived, relative to Open.
  absl::Duration time_to_first_batch() const;

 private:
  // Starts the producer thread over `requests_`.
  void Start();
  // The producer thread's body.
  void Fetch();
  // Runs one sub-query into the queue, or copies the rows of an identical
  // one of the query (see SharedScans).
  absl::Status FetchOne(const ScanRequest& request);
  // Queues one batch for the consumer; false when nobody will read it.
  absl::StatusOr<bool> Enqueue(RowBatch batch);
  // What makes two scans of the query the same: source, request and types.
  std::string SharedKey(const ScanRequest& request) const;
  RowBatch CopyOf(const RowBatch& batch) const;
  bool consumer_gone() const;
  // Converts `batch` (in the source's types) into the planned types.
  absl::StatusOr<RowBatch> Conform(RowBatch batch);

  static constexpr int kQueueBatches = 4;

  Connector* source_;
  std::optional<double> estimated_rows_;
  ScanRequest request_;               // The first (or only) sub-query, for EXPLAIN.
  std::vector<ScanRequest> requests_;  // Run in order.
  KeyedRequests make_requests_;       // Set for a deferred scan.
  bool started_ = false;
  // Keys a deferred scan was restricted to; -1 before they are known, -2
  // when there were too many and the scan ran unrestricted.
  int64_t keys_supplied_ = -1;
  std::shared_ptr<const Schema> schema_;
  ExecContext* ctx_ = nullptr;
  // The scan's own cancellation: cancelled with the query, and when the
  // operator is destroyed before the source finished (a LIMIT was reached).
  std::unique_ptr<QueryContext> scan_ctx_;  // Created by Open.
  std::unique_ptr<QueryContext::Registration> query_link_;
  std::thread producer_;
  absl::Time opened_;
  bool shared_ ABSL_GUARDED_BY(mu_) = false;  // Rows copied from an identical scan.

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
