#include "engine/expr/kernels.h"

namespace tessera::expr_internal {

absl::Status FaultStatus(Fault fault) {
  switch (fault) {
    case Fault::kNone:
      return absl::OkStatus();
    case Fault::kBigintOutOfRange:
      return absl::InvalidArgumentError("bigint out of range");
    case Fault::kDivisionByZero:
      return absl::InvalidArgumentError("division by zero");
    case Fault::kNumericOverflow:
      return absl::InvalidArgumentError("numeric field overflow");
    case Fault::kDoubleOverflow:
      return absl::InvalidArgumentError("value out of range: overflow");
    case Fault::kDoubleUnderflow:
      return absl::InvalidArgumentError("value out of range: underflow");
    case Fault::kDateOutOfRange:
      return absl::InvalidArgumentError("date out of range");
    case Fault::kTimestampOutOfRange:
      return absl::InvalidArgumentError("timestamp out of range");
    case Fault::kNegativeLength:
      return absl::InvalidArgumentError("negative substring length not allowed");
  }
  return absl::InternalError("unknown kernel fault");
}

}  // namespace tessera::expr_internal
