#include "engine/exec/join_util.h"

#include <utility>

#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/expr/evaluate.h"

namespace tessera {
namespace {

void MarkReferenced(const Expr& expr, std::vector<bool>& referenced) {
  if (expr.op == ExprOp::kColumn && expr.column >= 0 && expr.column < static_cast<int>(referenced.size())) {
    referenced[expr.column] = true;
  }
  for (const auto& arg : expr.args) MarkReferenced(*arg, referenced);
}

}  // namespace

const char* JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "inner";
    case JoinType::kLeft:
      return "left";
    case JoinType::kRight:
      return "right";
    case JoinType::kFull:
      return "full";
    case JoinType::kSemi:
      return "semi";
    case JoinType::kAnti:
      return "anti";
  }
  return "?";
}

std::shared_ptr<const Schema> ConcatSchema(const Schema& left, const Schema& right) {
  std::vector<Field> fields = left.fields();
  fields.insert(fields.end(), right.fields().begin(), right.fields().end());
  return std::make_shared<const Schema>(std::move(fields));
}

std::shared_ptr<const Schema> JoinOutputSchema(JoinType type, const Schema& left, const Schema& right) {
  if (!JoinOutputsPairs(type)) return std::make_shared<const Schema>(left.fields());
  std::vector<Field> fields;
  fields.reserve(left.num_fields() + right.num_fields());
  for (Field f : left.fields()) {
    if (type == JoinType::kRight || type == JoinType::kFull) f.nullable = true;
    fields.push_back(std::move(f));
  }
  for (Field f : right.fields()) {
    if (type == JoinType::kLeft || type == JoinType::kFull) f.nullable = true;
    fields.push_back(std::move(f));
  }
  return std::make_shared<const Schema>(std::move(fields));
}

void AppendJoinedRows(const RowBatch& left, absl::Span<const int64_t> left_rows, const RowBatch& right,
                      absl::Span<const int64_t> right_rows, RowBatch& out) {
  const int nl = left.num_columns();
  for (int c = 0; c < nl; ++c) CopyRows(left.column(c), left_rows, out.column(c));
  for (int c = 0; c < right.num_columns(); ++c) CopyRows(right.column(c), right_rows, out.column(nl + c));
  out.SetNumRows(out.num_rows() + static_cast<int64_t>(left_rows.size()));
}

JoinPairs::JoinPairs(std::shared_ptr<const Schema> concat, const Expr* predicate)
    : predicate_(predicate), referenced_(concat->num_fields(), false), scratch_(std::move(concat)) {
  if (predicate_ != nullptr) MarkReferenced(*predicate_, referenced_);
}

void JoinPairs::FillScratch(const RowBatch& left, const RowBatch& right) {
  // The predicate sees whole concatenated rows; columns it does not read
  // are filled with NULLs, which is cheaper than copying their values.
  scratch_.Clear();
  const int nl = left.num_columns();
  for (int c = 0; c < scratch_.num_columns(); ++c) {
    ColumnVector& dst = scratch_.column(c);
    if (!referenced_[c]) {
      AppendNulls(size(), dst);
    } else if (c < nl) {
      CopyRows(left.column(c), left_, dst);
    } else {
      CopyRows(right.column(c - nl), right_, dst);
    }
  }
  scratch_.SetNumRows(size());
}

absl::Status JoinPairs::Filter(const RowBatch& left, const RowBatch& right) {
  if (predicate_ == nullptr || left_.empty()) return absl::OkStatus();
  FillScratch(left, right);
  ASSIGN_OR_RETURN(std::vector<int64_t> selected, SelectTrue(*predicate_, scratch_));
  size_t kept = 0;
  for (int64_t i : selected) {
    left_[kept] = left_[i];
    right_[kept] = right_[i];
    ++kept;
  }
  left_.resize(kept);
  right_.resize(kept);
  return absl::OkStatus();
}

absl::StatusOr<ColumnVector> JoinPairs::Values(const RowBatch& left, const RowBatch& right) {
  if (predicate_ == nullptr) return absl::InternalError("join pairs have no predicate to evaluate");
  FillScratch(left, right);
  return Evaluate(*predicate_, scratch_);
}

}  // namespace tessera
