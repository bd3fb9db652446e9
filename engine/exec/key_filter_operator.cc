// File: engine/exec/key_filter_operator.cc

#include "engine/exec/key_filter_operator.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

void BuiltKeys::Publish(const JoinHashTable* table) {
  absl::MutexLock lock(&mu_);
  table_ = table;
  if (table == nullptr) {
    auto unread = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return readers_ == 0; };
    mu_.Await(absl::Condition(&unread));
  }
}

bool BuiltKeys::Contains(const RowBatch& probe, int column, std::vector<uint8_t>* found) {
  const JoinHashTable* table;
  {
    absl::MutexLock lock(&mu_);
    if (table_ == nullptr) return false;
    table = table_;
    ++readers_;
  }
  table->Contains(probe, column, found);
  absl::MutexLock lock(&mu_);
  --readers_;
  return true;
}

KeyFilterOperator::KeyFilterOperator(std::unique_ptr<Operator> child, int column, std::shared_ptr<BuiltKeys> keys)
    : child_(std::move(child)), column_(column), keys_(std::move(keys)), input_(child_->schema()) {}

absl::Status KeyFilterOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  return child_->Open(ctx);
}

absl::StatusOr<bool> KeyFilterOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, child_->Next(input_));
    if (!more) return RecordBatch(out, stats_);
    if (!keys_->Contains(input_, column_, &found_)) {
      std::swap(out, input_);
      return RecordBatch(out, stats_);
    }
    kept_.clear();
    for (int64_t r = 0; r < input_.num_rows(); ++r) {
      if (found_[r]) kept_.push_back(r);
    }
    if (kept_.empty()) continue;
    if (static_cast<int64_t>(kept_.size()) == input_.num_rows()) {
      std::swap(out, input_);
    } else {
      CopyBatchRows(input_, kept_, out);
    }
    return RecordBatch(out, stats_);
  }
}

std::string KeyFilterOperator::Describe() const {
  return absl::StrCat("KeyFilter #", column_, " in the join's build keys");
}

}  // namespace tessera
