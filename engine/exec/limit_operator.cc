#include "engine/exec/limit_operator.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

LimitOperator::LimitOperator(std::unique_ptr<Operator> child, std::optional<int64_t> limit, int64_t offset)
    : child_(std::move(child)),
      limit_(limit),
      offset_(std::max<int64_t>(offset, 0)),
      scratch_(child_->schema()) {}

absl::Status LimitOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  to_skip_ = offset_;
  remaining_ = limit_;
  if (remaining_.has_value() && *remaining_ < 0) remaining_ = 0;
  done_ = remaining_.has_value() && *remaining_ == 0;
  return child_->Open(ctx);
}

absl::StatusOr<bool> LimitOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  while (!done_) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(out));
    if (!more) {
      done_ = true;
      out.Clear();
      break;
    }
    const int64_t n = out.num_rows();
    if (to_skip_ >= n) {
      to_skip_ -= n;
      out.Clear();
      continue;
    }
    const int64_t begin = to_skip_;
    to_skip_ = 0;
    int64_t end = n;
    if (remaining_.has_value()) {
      end = std::min(n, begin + *remaining_);
      *remaining_ -= end - begin;
      done_ = *remaining_ == 0;
    }
    if (begin > 0 || end < n) {
      scratch_.Clear();
      CopyBatchRange(out, begin, end, scratch_);
      std::swap(out, scratch_);
    }
    break;
  }
  return RecordBatch(out, stats_);
}

std::string LimitOperator::Describe() const {
  if (!limit_.has_value()) return absl::StrCat("Offset ", offset_);
  std::string out = absl::StrCat("Limit ", *limit_);
  if (offset_ > 0) absl::StrAppend(&out, " offset ", offset_);
  return out;
}

}  // namespace tessera
