// File: engine/exec/memory_tracker.h
//
// Counts the bytes a query's operators hold (hash tables, sort buffers,
// queued batches) against the query's limit, so that a query too big for the
// machine fails with a clear error instead of taking the machine down.

#ifndef TESSERA_ENGINE_EXEC_MEMORY_TRACKER_H_
#define TESSERA_ENGINE_EXEC_MEMORY_TRACKER_H_

#include <atomic>
#include <cstdint>

#include "absl/status/status.h"

namespace tessera {

class MemoryTracker {
 public:
  explicit MemoryTracker(int64_t limit_bytes) : limit_(limit_bytes) {}

  // Adds `bytes`; ResourceExhausted (naming `what` and the limit) when the
  // total would pass the limit, in which case nothing is added.
  absl::Status Reserve(int64_t bytes, const char* what);
  void Release(int64_t bytes) { used_.fetch_sub(bytes, std::memory_order_relaxed); }

  int64_t used() const { return used_.load(std::memory_order_relaxed); }
  int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  int64_t limit() const { return limit_; }

 private:
  const int64_t limit_;
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> peak_{0};
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_MEMORY_TRACKER_H_
