#include "engine/exec/hash_join_operator.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {
namespace {

constexpr int64_t kChainStart = -2;

}  // namespace

HashJoinOperator::HashJoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
                                   JoinType type, std::vector<int> left_keys, std::vector<int> right_keys,
                                   std::unique_ptr<Expr> residual, bool null_aware)
    : left_(std::move(left)),
      right_(std::move(right)),
      type_(type),
      left_keys_(std::move(left_keys)),
      right_keys_(std::move(right_keys)),
      residual_(std::move(residual)),
      null_aware_(null_aware),
      schema_(JoinOutputSchema(type_, *left_->schema(), *right_->schema())),
      emit_unmatched_build_(type_ == JoinType::kRight || type_ == JoinType::kFull),
      build_(right_->schema(), right_keys_),
      probe_(left_->schema()),
      pairs_(ConcatSchema(*left_->schema(), *right_->schema()), residual_.get()) {}

absl::Status HashJoinOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  const Schema& ls = *left_->schema();
  const Schema& rs = *right_->schema();
  if (left_keys_.empty() || left_keys_.size() != right_keys_.size()) {
    return absl::InternalError(
        absl::StrCat("hash join needs as many left keys as right keys, at least one; got ", left_keys_.size(),
                     " and ", right_keys_.size()));
  }
  for (size_t i = 0; i < left_keys_.size(); ++i) {
    int l = left_keys_[i];
    int r = right_keys_[i];
    if (l < 0 || l >= ls.num_fields() || r < 0 || r >= rs.num_fields()) {
      return absl::InternalError(absl::StrCat("hash join key out of range: #", l, " = #", r));
    }
    if (ls.field(l).type != rs.field(r).type) {
      return absl::InternalError(
          absl::StrCat("hash join keys of different types: ", ls.field(l).type.ToString(), " and ",
                       rs.field(r).type.ToString()));
    }
  }
  if (null_aware_ && type_ != JoinType::kAnti) {
    return absl::InternalError(
        absl::StrCat("null-aware hash join must be an anti join, not ", JoinTypeName(type_)));
  }
  phase_ = Phase::kBuild;
  finished_ = false;
  RETURN_IF_ERROR(left_->Open(ctx));
  RETURN_IF_ERROR(right_->Open(ctx));
  if (build_in_open_) opened_build_ = std::async(std::launch::async, [this] { return Build(); });
  return absl::OkStatus();
}

HashJoinOperator::~HashJoinOperator() {
  if (opened_build_.valid()) opened_build_.wait();
  if (published_keys_ != nullptr) published_keys_->Publish(nullptr);  // Before the table goes.
}

absl::StatusOr<bool> HashJoinOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (opened_build_.valid()) RETURN_IF_ERROR(opened_build_.get());
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
        RETURN_IF_ERROR(ProbeTail(out));
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

absl::Status HashJoinOperator::Build() {
  RowBatch batch(right_->schema());
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, right_->Next(batch));
    if (!more) break;
    build_.Add(batch);
    RETURN_IF_ERROR(reservation_.Resize(build_.MemoryBytes()));
  }
  if (emit_unmatched_build_) build_matched_.assign(build_.num_rows(), 0);
  if (published_keys_ != nullptr) published_keys_->Publish(&build_);
  build_tail_row_ = 0;
  const bool empty = build_.num_rows() == 0;
  if (empty && (type_ == JoinType::kInner || type_ == JoinType::kSemi || type_ == JoinType::kRight)) {
    phase_ = Phase::kDone;  // Nothing can match, and no left row is output unmatched.
  } else if (null_aware_ && !build_.null_key_rows().empty() && residual_ == nullptr) {
    phase_ = Phase::kDone;  // NOT IN over a list holding NULL is never true.
  } else {
    phase_ = Phase::kFetchProbe;
  }
  return absl::OkStatus();
}

absl::Status HashJoinOperator::FetchProbe() {
  ASSIGN_OR_RETURN(bool more, left_->Next(probe_));
  if (!more) {
    phase_ = emit_unmatched_build_ ? Phase::kBuildTail : Phase::kDone;
    return absl::OkStatus();
  }
  build_.Lookup(probe_, left_keys_, &probe_first_, &probe_null_key_);
  probe_matched_.assign(probe_.num_rows(), 0);
  probe_row_ = 0;
  chain_ = kChainStart;
  phase_ = Phase::kProbe;
  return absl::OkStatus();
}

absl::Status HashJoinOperator::Probe(RowBatch& out) {
  const bool pairs_out = JoinOutputsPairs(type_);
  // Semi and anti joins output in the tail phase, so their pairs need no
  // room in this batch.
  const int64_t budget = pairs_out ? kDefaultBatchRows - out.num_rows() : kDefaultBatchRows;
  const int64_t n = probe_.num_rows();
  pairs_.Clear();
  while (probe_row_ < n && pairs_.size() < budget) {
    const int64_t first = probe_first_[probe_row_];
    if (first < 0 || (!pairs_out && probe_matched_[probe_row_])) {
      ++probe_row_;
      chain_ = kChainStart;
      continue;
    }
    if (!pairs_out && residual_ == nullptr) {
      probe_matched_[probe_row_++] = 1;  // An equal key is a match.
      continue;
    }
    if (chain_ == kChainStart) chain_ = first;
    while (chain_ >= 0 && pairs_.size() < budget) {
      pairs_.Add(probe_row_, chain_);
      chain_ = build_.Next(chain_);
    }
    if (chain_ < 0) {
      ++probe_row_;
      chain_ = kChainStart;
    }
  }
  RETURN_IF_ERROR(pairs_.Filter(probe_, build_.rows()));
  for (int64_t i = 0; i < pairs_.size(); ++i) {
    probe_matched_[pairs_.left()[i]] = 1;
    if (emit_unmatched_build_) build_matched_[pairs_.right()[i]] = 1;
  }
  if (pairs_out) AppendJoinedRows(probe_, pairs_.left(), build_.rows(), pairs_.right(), out);
  if (probe_row_ >= n) {
    tail_row_ = 0;
    phase_ = type_ == JoinType::kInner || type_ == JoinType::kRight ? Phase::kFetchProbe : Phase::kProbeTail;
  }
  return absl::OkStatus();
}

absl::Status HashJoinOperator::ProbeTail(RowBatch& out) {
  const int64_t budget = kDefaultBatchRows - out.num_rows();
  const int64_t n = probe_.num_rows();
  std::vector<int64_t> rows;
  while (tail_row_ < n && static_cast<int64_t>(rows.size()) < budget) {
    const int64_t r = tail_row_++;
    bool emit = false;
    if (type_ == JoinType::kSemi) {
      emit = probe_matched_[r];
    } else if (!probe_matched_[r]) {
      emit = true;
      if (null_aware_) {
        ASSIGN_OR_RETURN(emit, NullAwareQualifies(r));
      }
    }
    if (emit) rows.push_back(r);
  }
  if (JoinOutputsPairs(type_)) {
    std::vector<int64_t> no_rows(rows.size(), -1);
    AppendJoinedRows(probe_, rows, build_.rows(), no_rows, out);
  } else {
    CopyBatchRows(probe_, rows, out);
  }
  if (tail_row_ >= n) phase_ = Phase::kFetchProbe;
  return absl::OkStatus();
}

absl::StatusOr<bool> HashJoinOperator::NullAwareQualifies(int64_t probe_row) {
  const bool probe_null = probe_null_key_[probe_row];
  if (residual_ == nullptr) return probe_null ? build_.num_rows() == 0 : build_.null_key_rows().empty();
  // NOT IN is unknown if a build row the residual admits has a NULL key (or,
  // for a NULL probe key, if the residual admits any build row at all).
  const int64_t candidates = probe_null ? build_.num_rows() : static_cast<int64_t>(build_.null_key_rows().size());
  for (int64_t begin = 0; begin < candidates; begin += kDefaultBatchRows) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    pairs_.Clear();
    const int64_t end = std::min(candidates, begin + kDefaultBatchRows);
    for (int64_t i = begin; i < end; ++i) pairs_.Add(probe_row, probe_null ? i : build_.null_key_rows()[i]);
    RETURN_IF_ERROR(pairs_.Filter(probe_, build_.rows()));
    if (pairs_.size() > 0) return false;
  }
  return true;
}

void HashJoinOperator::BuildTail(RowBatch& out) {
  const int64_t budget = kDefaultBatchRows - out.num_rows();
  const int64_t n = build_.num_rows();
  std::vector<int64_t> rows;
  while (build_tail_row_ < n && static_cast<int64_t>(rows.size()) < budget) {
    if (!build_matched_[build_tail_row_]) rows.push_back(build_tail_row_);
    ++build_tail_row_;
  }
  std::vector<int64_t> no_rows(rows.size(), -1);
  AppendJoinedRows(probe_, no_rows, build_.rows(), rows, out);
  if (build_tail_row_ >= n) phase_ = Phase::kDone;
}

void HashJoinOperator::Finish() {
  if (finished_) return;
  finished_ = true;
  if (published_keys_ != nullptr) published_keys_->Publish(nullptr);
  build_.Clear();
  build_matched_ = {};
  reservation_.Release();
}

std::string HashJoinOperator::Describe() const {
  const int nl = left_->schema()->num_fields();
  std::string out =
      absl::StrCat("HashJoin ", JoinTypeName(type_), null_aware_ ? " (null-aware)" : "", " on ");
  for (size_t i = 0; i < left_keys_.size() && i < right_keys_.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : " AND ", "#", left_keys_[i], " = #", nl + right_keys_[i]);
  }
  if (residual_ != nullptr) absl::StrAppend(&out, " filter ", residual_->ToString());
  return out;
}

}  // namespace tessera
