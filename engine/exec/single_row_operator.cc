#include "engine/exec/single_row_operator.h"

#include "absl/time/clock.h"

namespace tessera {

absl::StatusOr<bool> SingleRowOperator::Next(RowBatch& out) {
  absl::Time start = absl::Now();
  absl::StatusOr<bool> more = child_->Next(out);
  stats_.time += absl::Now() - start;
  if (!more.ok() || !*more) return more;
  rows_ += out.num_rows();
  if (rows_ > 1) {
    return absl::InvalidArgumentError("more than one row returned by a subquery used as an expression");
  }
  stats_.rows_out += out.num_rows();
  ++stats_.batches_out;
  return true;
}

}  // namespace tessera
