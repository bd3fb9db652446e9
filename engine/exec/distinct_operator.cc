#include "engine/exec/distinct_operator.h"

#include <utility>

#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

DistinctOperator::DistinctOperator(std::unique_ptr<Operator> child)
    : child_(std::move(child)), input_(child_->schema()) {
  for (int c = 0; c < child_->schema()->num_fields(); ++c) all_columns_.push_back(c);
}

absl::Status DistinctOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  std::vector<DataType> types;
  for (const Field& f : child_->schema()->fields()) types.push_back(f.type);
  seen_ = std::make_unique<KeyTable>(types);
  done_ = false;
  return child_->Open(ctx);
}

absl::StatusOr<bool> DistinctOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  while (pending_.CopyInto(input_, out) && !done_ && out.num_rows() < kDefaultBatchRows / 2) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(input_));
    if (!more) {
      done_ = true;
      seen_.reset();
      reservation_.Release();
      break;
    }
    const int64_t n = input_.num_rows();
    KeyTable::Columns cols = SelectColumns(input_, all_columns_);
    KeyTable::HashRows(cols, n, hashes_);
    std::vector<int64_t> fresh;
    for (int64_t r = 0; r < n; ++r) {
      bool inserted;
      seen_->FindOrInsert(cols, r, hashes_[r], &inserted);
      if (inserted) fresh.push_back(r);
    }
    RETURN_IF_ERROR(reservation_.Resize(seen_->MemoryBytes()));
    pending_.Set(std::move(fresh));
  }
  return RecordBatch(out, stats_);
}

}  // namespace tessera
