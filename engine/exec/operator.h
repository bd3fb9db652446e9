// File: engine/exec/operator.h
//
// A physical operator: pulls row batches from its children and produces its
// own. Operators are built by the planner from the optimized plan, opened
// once, drained with Next, and report rows and time for EXPLAIN ANALYZE.

#ifndef TESSERA_ENGINE_EXEC_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/exec/memory_tracker.h"
#include "engine/exec/query_context.h"
#include "engine/types/row_batch.h"

namespace tessera {

// What every operator of one query shares.
struct ExecContext {
  QueryContext* query = nullptr;
  MemoryTracker* memory = nullptr;
};

struct OperatorStats {
  int64_t rows_out = 0;
  int64_t batches_out = 0;
  absl::Duration time;  // Inside this operator's Open and Next, children included.
};

class Operator {
 public:
  virtual ~Operator() = default;

  // The columns of the batches Next produces.
  virtual const std::shared_ptr<const Schema>& schema() const = 0;

  // Prepares to produce rows; opens the children. Remote scans start here,
  // all at once, so that a query waits for its slowest source only.
  virtual absl::Status Open(ExecContext& ctx) = 0;

  // Fills `out` (of schema()) with the next rows and returns true, or
  // returns false at the end. A batch may hold zero rows only when returning
  // false. REQUIRES: Open succeeded.
  virtual absl::StatusOr<bool> Next(RowBatch& out) = 0;

  // A one-line description for EXPLAIN: "HashJoin inner on #0 = #3".
  virtual std::string Describe() const = 0;

  // Extra lines EXPLAIN prints under the operator (a remote scan's SQL).
  virtual std::vector<std::string> Details() const { return {}; }

  virtual std::vector<Operator*> children() const { return {}; }

  const OperatorStats& stats() const { return stats_; }

 protected:
  OperatorStats stats_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_OPERATOR_H_
