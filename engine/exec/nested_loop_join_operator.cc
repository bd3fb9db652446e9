#include "engine/exec/nested_loop_join_operator.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

NestedLoopJoinOperator::NestedLoopJoinOperator(std::unique_ptr<Operator> left,
                                               std::unique_ptr<Operator> right, JoinType type,
                                               std::unique_ptr<Expr> predicate)
    : left_(std::move(left)),
      right_(std::move(right)),
      type_(type),
      predicate_(std::move(predicate)),
      schema_(JoinOutputSchema(type_, *left_->schema(), *right_->schema())),
      emit_unmatched_build_(type_ == JoinType::kRight || type_ == JoinType::kFull),
      build_(right_->schema()),
      probe_(left_->schema()),
      pairs_(ConcatSchema(*left_->schema(), *right_->schema()), predicate_.get()) {}

absl::Status NestedLoopJoinOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  phase_ = Phase::kBuild;
  finished_ = false;
  RETURN_IF_ERROR(left_->Open(ctx));
  return right_->Open(ctx);
}

absl::StatusOr<bool> NestedLoopJoinOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  while (phase_ != Phase::kDone && out.num_rows() < kMinOutputRows) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    switch (phase_) {
      case Phase::kBuild:
        RETURN_IF_ERROR(Build());
        break;
      case Phase::kFetchProbe:
        RETURN_IF_ERROR(FetchProbe());
        break;
      case Phase::kProbe:
        RETURN_IF_ERROR(Probe(out));
        break;
      case Phase::kProbeTail:
        ProbeTail(out);
        break;
      case Phase::kBuildTail:
        BuildTail(out);
        break;
      case Phase::kDone:
        break;
    }
  }
  if (phase_ == Phase::kDone) Finish();
  return RecordBatch(out, stats_);
}

absl::Status NestedLoopJoinOperator::Build() {
  RowBatch batch(right_->schema());
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, right_->Next(batch));
    if (!more) break;
    CopyBatchRange(batch, 0, batch.num_rows(), build_);
    RETURN_IF_ERROR(reservation_.Resize(build_.MemoryBytes()));
  }
  if (emit_unmatched_build_) build_matched_.assign(build_.num_rows(), 0);
  build_tail_row_ = 0;
  const bool empty = build_.num_rows() == 0;
  if (empty && (type_ == JoinType::kInner || type_ == JoinType::kSemi || type_ == JoinType::kRight)) {
    phase_ = Phase::kDone;
  } else {
    phase_ = Phase::kFetchProbe;
  }
  return absl::OkStatus();
}

absl::Status NestedLoopJoinOperator::FetchProbe() {
  ASSIGN_OR_RETURN(bool more, left_->Next(probe_));
  if (!more) {
    phase_ = emit_unmatched_build_ ? Phase::kBuildTail : Phase::kDone;
    return absl::OkStatus();
  }
  probe_matched_.assign(probe_.num_rows(), 0);
  probe_row_ = 0;
  build_row_ = 0;
  phase_ = Phase::kProbe;
  return absl::OkStatus();
}

absl::Status NestedLoopJoinOperator::Probe(RowBatch& out) {
  const bool pairs_out = JoinOutputsPairs(type_);
  const int64_t budget = pairs_out ? kDefaultBatchRows - out.num_rows() : kDefaultBatchRows;
  const int64_t n = probe_.num_rows();
  const int64_t m = build_.num_rows();
  pairs_.Clear();
  while (probe_row_ < n && pairs_.size() < budget) {
    if (!pairs_out && (probe_matched_[probe_row_] || (predicate_ == nullptr && m > 0))) {
      probe_matched_[probe_row_++] = 1;  // Without a predicate any right row matches.
      build_row_ = 0;
      continue;
    }
    while (build_row_ < m && pairs_.size() < budget) pairs_.Add(probe_row_, build_row_++);
    if (build_row_ >= m) {
      ++probe_row_;
      build_row_ = 0;
    }
  }
  RETURN_IF_ERROR(pairs_.Filter(probe_, build_));
  for (int64_t i = 0; i < pairs_.size(); ++i) {
    probe_matched_[pairs_.left()[i]] = 1;
    if (emit_unmatched_build_) build_matched_[pairs_.right()[i]] = 1;
  }
  if (pairs_out) AppendJoinedRows(probe_, pairs_.left(), build_, pairs_.right(), out);
  if (probe_row_ >= n) {
    tail_row_ = 0;
    phase_ = type_ == JoinType::kInner || type_ == JoinType::kRight ? Phase::kFetchProbe : Phase::kProbeTail;
  }
  return absl::OkStatus();
}

void NestedLoopJoinOperator::ProbeTail(RowBatch& out) {
  const int64_t budget = kDefaultBatchRows - out.num_rows();
  const int64_t n = probe_.num_rows();
  std::vector<int64_t> rows;
  while (tail_row_ < n && static_cast<int64_t>(rows.size()) < budget) {
    const int64_t r = tail_row_++;
    if ((type_ == JoinType::kSemi) == static_cast<bool>(probe_matched_[r])) rows.push_back(r);
  }
  if (JoinOutputsPairs(type_)) {
    std::vector<int64_t> no_rows(rows.size(), -1);
    AppendJoinedRows(probe_, rows, build_, no_rows, out);
  } else {
    CopyBatchRows(probe_, rows, out);
  }
  if (tail_row_ >= n) phase_ = Phase::kFetchProbe;
}

void NestedLoopJoinOperator::BuildTail(RowBatch& out) {
  const int64_t budget = kDefaultBatchRows - out.num_rows();
  const int64_t n = build_.num_rows();
  std::vector<int64_t> rows;
  while (build_tail_row_ < n && static_cast<int64_t>(rows.size()) < budget) {
    if (!build_matched_[build_tail_row_]) rows.push_back(build_tail_row_);
    ++build_tail_row_;
  }
  std::vector<int64_t> no_rows(rows.size(), -1);
  AppendJoinedRows(probe_, no_rows, build_, rows, out);
  if (build_tail_row_ >= n) phase_ = Phase::kDone;
}

void NestedLoopJoinOperator::Finish() {
  if (finished_) return;
  finished_ = true;
  build_ = RowBatch(right_->schema());
  build_matched_ = {};
  reservation_.Release();
}

std::string NestedLoopJoinOperator::Describe() const {
  if (predicate_ == nullptr) {
    return type_ == JoinType::kInner ? "NestedLoopJoin cross"
                                     : absl::StrCat("NestedLoopJoin ", JoinTypeName(type_));
  }
  return absl::StrCat("NestedLoopJoin ", JoinTypeName(type_), " on ", predicate_->ToString());
}

}  // namespace tessera
