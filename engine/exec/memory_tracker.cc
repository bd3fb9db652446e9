#include "engine/exec/memory_tracker.h"

#include "absl/strings/str_format.h"

namespace tessera {

absl::Status MemoryTracker::Reserve(int64_t bytes, const char* what) {
  int64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
  if (now > limit_) {
    used_.fetch_sub(bytes, std::memory_order_relaxed);
    return absl::ResourceExhaustedError(absl::StrFormat(
        "query memory limit of %d MB exceeded by %s (would hold %d MB)", limit_ >> 20, what, now >> 20));
  }
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  return absl::OkStatus();
}

}  // namespace tessera
