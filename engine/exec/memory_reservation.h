// File: engine/exec/memory_reservation.h
//
// The bytes one operator holds against the query's MemoryTracker. An operator
// that accumulates rows resizes its reservation as it grows, so a query too
// big for its limit fails with ResourceExhausted where it grows, and gives
// everything back when it is done or destroyed.

#ifndef TESSERA_ENGINE_EXEC_MEMORY_RESERVATION_H_
#define TESSERA_ENGINE_EXEC_MEMORY_RESERVATION_H_

#include <cstdint>

#include "absl/status/status.h"
#include "engine/exec/memory_tracker.h"

namespace tessera {

class MemoryReservation {
 public:
  // `what` names the operator in the error message; it must outlive this.
  explicit MemoryReservation(const char* what) : what_(what) {}
  ~MemoryReservation() { Release(); }
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  // Sets the tracker to charge, typically ExecContext::memory at Open. With
  // none (nullptr), nothing is counted.
  void set_tracker(MemoryTracker* tracker) {
    Release();
    tracker_ = tracker;
  }

  // Makes the reservation `bytes`: reserves the growth, which fails with
  // ResourceExhausted past the query's limit (leaving the reservation as it
  // was), or returns the shrinkage.
  absl::Status Resize(int64_t bytes);

  // Returns every byte to the tracker.
  void Release();

  int64_t bytes() const { return bytes_; }

 private:
  const char* what_;
  MemoryTracker* tracker_ = nullptr;
  int64_t bytes_ = 0;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_MEMORY_RESERVATION_H_
