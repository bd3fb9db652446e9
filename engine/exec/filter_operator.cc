#include "engine/exec/filter_operator.h"

#include <utility>

#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"
#include "engine/expr/evaluate.h"

namespace tessera {

FilterOperator::FilterOperator(std::unique_ptr<Operator> child, std::unique_ptr<Expr> predicate)
    : child_(std::move(child)), predicate_(std::move(predicate)), input_(child_->schema()) {}

absl::Status FilterOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  child_done_ = false;
  return child_->Open(ctx);
}

absl::StatusOr<bool> FilterOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  // Gathering stops at half a batch so that a selective filter still hands
  // out reasonably full batches without holding rows back for long.
  while (pending_.CopyInto(input_, out) && !child_done_ && out.num_rows() < kDefaultBatchRows / 2) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(input_));
    if (!more) {
      child_done_ = true;
      break;
    }
    ASSIGN_OR_RETURN(std::vector<int64_t> selected, SelectTrue(*predicate_, input_));
    if (out.num_rows() == 0 && static_cast<int64_t>(selected.size()) == input_.num_rows()) {
      std::swap(out, input_);  // Every row passes: hand the batch on as it is.
      break;
    }
    pending_.Set(std::move(selected));
  }
  return RecordBatch(out, stats_);
}

std::string FilterOperator::Describe() const { return "Filter " + predicate_->ToString(); }

}  // namespace tessera
