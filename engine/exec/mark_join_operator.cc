#include "engine/exec/mark_join_operator.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {
namespace {

std::shared_ptr<const Schema> MarkSchema(const Schema& left, std::string name) {
  std::vector<Field> fields = left.fields();
  fields.push_back({std::move(name), DataType::Bool(), true});
  return std::make_shared<const Schema>(std::move(fields));
}

}  // namespace

MarkJoinOperator::MarkJoinOperator(std::unique_ptr<Operator> left, std::unique_ptr<Operator> right,
                                   std::vector<int> left_keys, std::vector<int> right_keys,
                                   std::unique_ptr<Expr> residual, std::unique_ptr<Expr> compare,
                                   bool compare_is_key, std::string mark_name)
    : left_(std::move(left)),
      right_(std::move(right)),
      left_keys_(std::move(left_keys)),
      right_keys_(std::move(right_keys)),
      residual_(std::move(residual)),
      compare_(std::move(compare)),
      compare_is_key_(compare_is_key),
      schema_(MarkSchema(*left_->schema(), std::move(mark_name))),
      build_(right_->schema(), right_keys_),
      probe_(left_->schema()),
      pairs_(ConcatSchema(*left_->schema(), *right_->schema()), residual_.get()),
      compare_pairs_(ConcatSchema(*left_->schema(), *right_->schema()), compare_.get()) {}

absl::Status MarkJoinOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  const Schema& ls = *left_->schema();
  const Schema& rs = *right_->schema();
  if (left_keys_.size() != right_keys_.size()) {
    return absl::InternalError(absl::StrCat("mark join needs as many left keys as right keys; got ",
                                            left_keys_.size(), " and ", right_keys_.size()));
  }
  for (size_t i = 0; i < left_keys_.size(); ++i) {
    int l = left_keys_[i];
    int r = right_keys_[i];
    if (l < 0 || l >= ls.num_fields() || r < 0 || r >= rs.num_fields()) {
      return absl::InternalError(absl::StrCat("mark join key out of range: #", l, " = #", r));
    }
    if (ls.field(l).type != rs.field(r).type) {
      return absl::InternalError(absl::StrCat("mark join keys of different types: ", ls.field(l).type.ToString(),
                                              " and ", rs.field(r).type.ToString()));
    }
  }
  if (compare_is_key_ && (left_keys_.size() != 1 || compare_ != nullptr)) {
    return absl::InternalError("a mark join keyed by its IN comparison needs one key pair and no other comparison");
  }
  built_ = false;
  finished_ = false;
  RETURN_IF_ERROR(left_->Open(ctx));
  return right_->Open(ctx);
}

absl::StatusOr<bool> MarkJoinOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (finished_) return false;
  if (!built_) RETURN_IF_ERROR(Build());
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, left_->Next(probe_));
    if (!more) {
      Finish();
      return false;
    }
    if (probe_.num_rows() == 0) continue;
    RETURN_IF_ERROR(MarkBatch());
    const int64_t n = probe_.num_rows();
    for (int c = 0; c < probe_.num_columns(); ++c) CopyRange(probe_.column(c), 0, n, out.column(c));
    ColumnVector& mark = out.column(probe_.num_columns());
    for (int64_t r = 0; r < n; ++r) {
      if (marks_[r] == kNull) {
        mark.AppendNull();
      } else {
        mark.AppendBool(marks_[r] == kTrue);
      }
    }
    out.SetNumRows(n);
    return RecordBatch(out, stats_);
  }
}

absl::Status MarkJoinOperator::Build() {
  RowBatch batch(right_->schema());
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, right_->Next(batch));
    if (!more) break;
    build_.Add(batch);
    RETURN_IF_ERROR(reservation_.Resize(build_.MemoryBytes()));
  }
  built_ = true;
  return absl::OkStatus();
}

absl::Status MarkJoinOperator::FlushPairs(Mark on_match) {
  RETURN_IF_ERROR(CheckCancelled(*ctx_));
  RETURN_IF_ERROR(pairs_.Filter(probe_, build_.rows()));
  if (compare_ == nullptr) {
    for (int64_t l : pairs_.left()) marks_[l] = std::max<uint8_t>(marks_[l], on_match);
  } else if (pairs_.size() > 0) {
    compare_pairs_.Clear();
    for (int64_t i = 0; i < pairs_.size(); ++i) compare_pairs_.Add(pairs_.left()[i], pairs_.right()[i]);
    ASSIGN_OR_RETURN(ColumnVector values, compare_pairs_.Values(probe_, build_.rows()));
    for (int64_t i = 0; i < pairs_.size(); ++i) {
      const int64_t l = pairs_.left()[i];
      const Mark m = values.IsNull(i) ? kNull : values.GetBool(i) ? kTrue : kFalse;
      marks_[l] = std::max<uint8_t>(marks_[l], m);
    }
  }
  pairs_.Clear();
  return absl::OkStatus();
}

absl::Status MarkJoinOperator::MarkBatch() {
  const int64_t n = probe_.num_rows();
  const int64_t built = build_.num_rows();
  marks_.assign(n, kFalse);
  build_.Lookup(probe_, left_keys_, &probe_first_, &probe_null_key_);
  // Pairs row r with build rows, flushing in bounded groups, until r is
  // known to be marked `on_match` (or more).
  auto offer = [&](int64_t r, int64_t b, Mark on_match) -> absl::StatusOr<bool> {
    pairs_.Add(r, b);
    if (pairs_.size() < kDefaultBatchRows) return true;
    RETURN_IF_ERROR(FlushPairs(on_match));
    return marks_[r] < on_match;
  };
  // Whether pairs are needed at all: without a residual or compare, any
  // candidate decides.
  const bool simple = residual_ == nullptr && compare_ == nullptr;

  // Candidates with an equal key (or every build row without keys).
  for (int64_t r = 0; r < n; ++r) {
    if (left_keys_.empty()) {
      if (built == 0) break;
      if (simple) {
        marks_[r] = kTrue;
        continue;
      }
      for (int64_t b = 0; b < built; ++b) {
        ASSIGN_OR_RETURN(bool go_on, offer(r, b, kTrue));
        if (!go_on) break;
      }
      continue;
    }
    const int64_t first = probe_first_[r];
    if (first < 0) continue;
    if (simple) {
      marks_[r] = kTrue;
      continue;
    }
    for (int64_t b = first; b >= 0; b = build_.Next(b)) {
      ASSIGN_OR_RETURN(bool go_on, offer(r, b, kTrue));
      if (!go_on) break;
    }
  }
  RETURN_IF_ERROR(FlushPairs(kTrue));
  if (!compare_is_key_) return absl::OkStatus();

  // The key is the IN comparison: without an equal key, the answer is
  // unknown if a candidate's key is NULL, or if the left key is NULL and
  // there is any candidate.
  for (int64_t r = 0; r < n; ++r) {
    if (marks_[r] == kTrue) continue;
    const bool all = probe_null_key_[r];
    const int64_t count = all ? built : static_cast<int64_t>(build_.null_key_rows().size());
    if (count == 0) continue;
    if (residual_ == nullptr) {
      marks_[r] = kNull;
      continue;
    }
    for (int64_t i = 0; i < count; ++i) {
      ASSIGN_OR_RETURN(bool go_on, offer(r, all ? i : build_.null_key_rows()[i], kNull));
      if (!go_on) break;
    }
  }
  return FlushPairs(kNull);
}

void MarkJoinOperator::Finish() {
  if (finished_) return;
  finished_ = true;
  build_.Clear();
  reservation_.Release();
}

std::string MarkJoinOperator::Describe() const {
  const int nl = left_->schema()->num_fields();
  std::string out = "MarkJoin";
  for (size_t i = 0; i < left_keys_.size() && i < right_keys_.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? " on " : " AND ", "#", left_keys_[i], " = #", nl + right_keys_[i]);
  }
  if (compare_is_key_) absl::StrAppend(&out, " (null-aware)");
  if (residual_ != nullptr) absl::StrAppend(&out, " filter ", residual_->ToString());
  if (compare_ != nullptr) absl::StrAppend(&out, " mark ", compare_->ToString());
  return out;
}

}  // namespace tessera
