// File: bench/micro/memory_source.cc

#include "bench/micro/memory_source.h"

#include <utility>

#include "engine/common/status_macros.h"

namespace tessera::bench {

MemorySource::MemorySource(std::shared_ptr<const Schema> schema,
                           std::shared_ptr<const std::vector<RowBatch>> batches)
    : schema_(std::move(schema)), batches_(std::move(batches)) {}

absl::Status MemorySource::Open(ExecContext& /*ctx*/) {
  next_ = 0;
  return absl::OkStatus();
}

absl::StatusOr<bool> MemorySource::Next(RowBatch& out) {
  if (next_ >= batches_->size()) {
    out.Clear();
    return false;
  }
  out = (*batches_)[next_++];
  ++stats_.batches_out;
  stats_.rows_out += out.num_rows();
  return true;
}

int64_t BatchBytes(const std::vector<RowBatch>& batches) {
  int64_t bytes = 0;
  // A copy's buffers are exactly as large as its contents.
  for (const RowBatch& b : batches) bytes += RowBatch(b).MemoryBytes();
  return bytes;
}

absl::StatusOr<int64_t> Drain(Operator& op, ExecContext& ctx) {
  RETURN_IF_ERROR(op.Open(ctx));
  RowBatch batch(op.schema());
  int64_t rows = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool more, op.Next(batch));
    if (!more) break;
    rows += batch.num_rows();
  }
  return rows;
}

}  // namespace tessera::bench
