#include "engine/exec/memory_reservation.h"

namespace tessera {

absl::Status MemoryReservation::Resize(int64_t bytes) {
  if (tracker_ == nullptr) {
    bytes_ = bytes;
    return absl::OkStatus();
  }
  if (bytes > bytes_) {
    absl::Status status = tracker_->Reserve(bytes - bytes_, what_);
    if (!status.ok()) return status;
  } else if (bytes < bytes_) {
    tracker_->Release(bytes_ - bytes);
  }
  bytes_ = bytes;
  return absl::OkStatus();
}

void MemoryReservation::Release() {
  if (tracker_ != nullptr && bytes_ > 0) tracker_->Release(bytes_);
  bytes_ = 0;
}

}  // namespace tessera
