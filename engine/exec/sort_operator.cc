#include "engine/exec/sort_operator.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

SortOperator::SortOperator(std::unique_ptr<Operator> child, std::vector<ColumnSortKey> keys,
                           std::optional<int64_t> limit, int64_t offset)
    : child_(std::move(child)),
      comparator_(std::move(keys)),
      limit_(limit),
      offset_(std::max<int64_t>(offset, 0)),
      reservation_(limit.has_value() ? "top-N" : "sort"),
      buffer_(child_->schema()) {}

absl::Status SortOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  for (const ColumnSortKey& k : comparator_.keys()) {
    if (k.column < 0 || k.column >= child_->schema()->num_fields()) {
      return absl::InternalError(absl::StrCat("sort key out of range: #", k.column));
    }
  }
  buffer_keys_ = comparator_.KeyColumns(buffer_);
  consumed_ = false;
  next_ = 0;
  return child_->Open(ctx);
}

absl::StatusOr<bool> SortOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (!consumed_) {
    RETURN_IF_ERROR(Consume());
    consumed_ = true;
  }
  RETURN_IF_ERROR(CheckCancelled(*ctx_));
  if (next_ < order_.size()) {
    const size_t end = std::min(order_.size(), next_ + static_cast<size_t>(kDefaultBatchRows));
    CopyBatchRows(buffer_, absl::MakeConstSpan(order_).subspan(next_, end - next_), out);
    next_ = end;
  }
  if (next_ >= order_.size() && (buffer_.num_rows() > 0 || reservation_.bytes() > 0)) {
    buffer_ = RowBatch(child_->schema());
    buffer_keys_ = comparator_.KeyColumns(buffer_);
    order_ = {};
    arrival_ = {};
    heap_ = {};
    reservation_.Release();
  }
  return RecordBatch(out, stats_);
}

bool SortOperator::Less(int64_t a, int64_t b) const {
  int c = comparator_.Compare(buffer_keys_, a, buffer_keys_, b);
  return c != 0 ? c < 0 : arrival_[a] < arrival_[b];
}

absl::Status SortOperator::Consume() {
  if (limit_.has_value()) {
    // limit + offset, saturating: the rows the output is taken from.
    int64_t keep = *limit_ <= 0 ? 0
                   : offset_ > std::numeric_limits<int64_t>::max() - *limit_
                       ? std::numeric_limits<int64_t>::max()
                       : *limit_ + offset_;
    if (keep == 0) return absl::OkStatus();  // LIMIT 0 reads nothing.
    RETURN_IF_ERROR(ConsumeTopN(keep));
  } else {
    RowBatch batch(child_->schema());
    while (true) {
      RETURN_IF_ERROR(CheckCancelled(*ctx_));
      ASSIGN_OR_RETURN(bool more, child_->Next(batch));
      if (!more) break;
      CopyBatchRange(batch, 0, batch.num_rows(), buffer_);
      RETURN_IF_ERROR(reservation_.Resize(buffer_.MemoryBytes()));
    }
    RETURN_IF_ERROR(reservation_.Resize(buffer_.MemoryBytes() + buffer_.num_rows() * sizeof(int64_t)));
    order_.resize(buffer_.num_rows());
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [this](int64_t a, int64_t b) {
      return comparator_.Compare(buffer_keys_, a, buffer_keys_, b) < 0;
    });
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
  }
  next_ = std::min(order_.size(), static_cast<size_t>(offset_));
  return absl::OkStatus();
}

absl::Status SortOperator::ConsumeTopN(int64_t keep) {
  auto less = [this](int64_t a, int64_t b) { return Less(a, b); };
  RowBatch batch(child_->schema());
  int64_t arrival = 0;
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(batch));
    if (!more) break;
    RowComparator::Columns batch_cols = comparator_.KeyColumns(batch);
    for (int64_t r = 0; r < batch.num_rows(); ++r, ++arrival) {
      if (static_cast<int64_t>(heap_.size()) >= keep) {
        // A later row that ties with the worst kept one sorts after it, so
        // only a strictly better row gets in.
        if (comparator_.Compare(batch_cols, r, buffer_keys_, heap_.front()) >= 0) continue;
        std::pop_heap(heap_.begin(), heap_.end(), less);
        heap_.pop_back();
      }
      for (int c = 0; c < batch.num_columns(); ++c) CopyCell(batch.column(c), r, buffer_.column(c));
      buffer_.SetNumRows(buffer_.num_rows() + 1);
      arrival_.push_back(arrival);
      heap_.push_back(buffer_.num_rows() - 1);
      std::push_heap(heap_.begin(), heap_.end(), less);
    }
    if (buffer_.num_rows() > 2 * static_cast<int64_t>(heap_.size()) + kDefaultBatchRows) Compact();
    RETURN_IF_ERROR(reservation_.Resize(
        buffer_.MemoryBytes() +
        static_cast<int64_t>((arrival_.capacity() + heap_.capacity()) * sizeof(int64_t))));
  }
  order_ = heap_;
  std::sort(order_.begin(), order_.end(), less);
  return absl::OkStatus();
}

void SortOperator::Compact() {
  RowBatch compact(child_->schema());
  std::vector<int64_t> arrival;
  arrival.reserve(heap_.size());
  CopyBatchRows(buffer_, heap_, compact);
  for (size_t i = 0; i < heap_.size(); ++i) {
    arrival.push_back(arrival_[heap_[i]]);
    heap_[i] = static_cast<int64_t>(i);  // Same heap order, new positions.
  }
  buffer_ = std::move(compact);
  buffer_keys_ = comparator_.KeyColumns(buffer_);
  arrival_ = std::move(arrival);
}

std::string SortOperator::Describe() const {
  if (!limit_.has_value()) {
    std::string out = absl::StrCat("Sort ", DescribeSortKeys(comparator_.keys()));
    if (offset_ > 0) absl::StrAppend(&out, " offset ", offset_);
    return out;
  }
  std::string out = absl::StrCat("TopN ", *limit_);
  if (offset_ > 0) absl::StrAppend(&out, " offset ", offset_);
  return absl::StrCat(out, " by ", DescribeSortKeys(comparator_.keys()));
}

}  // namespace tessera
