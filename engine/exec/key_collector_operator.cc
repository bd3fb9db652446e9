#include "engine/exec/key_collector_operator.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace tessera {

KeyCollectorOperator::KeyCollectorOperator(std::unique_ptr<Operator> child, int column, int64_t max_keys, Done done)
    : child_(std::move(child)), column_(column), max_keys_(max_keys), done_(std::move(done)) {}

absl::Status KeyCollectorOperator::Open(ExecContext& ctx) { return child_->Open(ctx); }

std::string KeyCollectorOperator::Describe() const {
  return absl::StrCat("CollectKeys #", column_, overflow_ ? " (over the limit: not bound)"
                                                          : finished_ ? absl::StrCat(" (", keys_.size(), " keys)") : "");
}

absl::StatusOr<bool> KeyCollectorOperator::Next(RowBatch& out) {
  absl::Time start = absl::Now();
  absl::StatusOr<bool> more = child_->Next(out);
  if (more.ok() && *more && !overflow_) {
    const ColumnVector& col = out.column(column_);
    for (int64_t r = 0; r < out.num_rows(); ++r) {
      if (col.IsNull(r)) continue;
      if (seen_.insert(col.FormatCell(r)).second) keys_.push_back(col.GetValue(r));
      if (static_cast<int64_t>(keys_.size()) > max_keys_) {
        // Too many to bind: the other side starts now, unrestricted, rather
        // than after this side is read.
        overflow_ = true;
        seen_.clear();
        keys_.clear();
        finished_ = true;
        done_(std::nullopt);
        break;
      }
    }
  }
  if (more.ok() && !*more && !finished_) {
    finished_ = true;
    done_(overflow_ ? std::nullopt : std::optional<std::vector<Value>>(keys_));
  }
  stats_.time += absl::Now() - start;
  if (more.ok() && *more) {
    stats_.rows_out += out.num_rows();
    ++stats_.batches_out;
  }
  return more;
}

}  // namespace tessera
