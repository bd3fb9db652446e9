// File: engine/exec/exec_util.h
//
// The bookkeeping every operator does around its real work: timing its Open
// and Next for EXPLAIN ANALYZE, counting what it produces, checking for
// cancellation, and which batch sizes to aim for.

#ifndef TESSERA_ENGINE_EXEC_EXEC_UTIL_H_
#define TESSERA_ENGINE_EXEC_EXEC_UTIL_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "engine/exec/operator.h"
#include "engine/types/row_batch.h"

namespace tessera {

// Operators that assemble their output row by row stop filling a batch once
// it holds at least this many rows and never put more than
// kDefaultBatchRows in one, so batches stay between 3/4 and all of
// kDefaultBatchRows without splitting work into tiny pieces.
inline constexpr int64_t kMinOutputRows = kDefaultBatchRows - kDefaultBatchRows / 4;

// Adds the time from construction to destruction to `*total`; an operator
// puts one at the top of Open and Next, so its time includes its children's.
class ScopedTimer {
 public:
  explicit ScopedTimer(absl::Duration* total) : total_(total), start_(absl::Now()) {}
  ~ScopedTimer() { *total_ += absl::Now() - start_; }
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  absl::Duration* total_;
  absl::Time start_;
};

// Counts `out` in `stats` when it holds rows and returns whether it does,
// which is what Next answers.
inline bool RecordBatch(const RowBatch& out, OperatorStats& stats) {
  if (out.num_rows() == 0) return false;
  ++stats.batches_out;
  stats.rows_out += out.num_rows();
  return true;
}

// CancelledError("query cancelled") once the query is cancelled; operators
// call it once per batch and inside every loop that may run long.
inline absl::Status CheckCancelled(const ExecContext& ctx) {
  if (ctx.query != nullptr && ctx.query->is_cancelled()) {
    return absl::CancelledError("query cancelled");
  }
  return absl::OkStatus();
}

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_EXEC_UTIL_H_
