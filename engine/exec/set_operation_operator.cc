#include "engine/exec/set_operation_operator.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

SetOperationOperator::SetOperationOperator(SetOpKind kind, std::vector<std::unique_ptr<Operator>> children)
    : kind_(kind), children_(std::move(children)), input_(children_.front()->schema()) {
  for (int c = 0; c < children_.front()->schema()->num_fields(); ++c) all_columns_.push_back(c);
}

std::vector<Operator*> SetOperationOperator::children() const {
  std::vector<Operator*> out;
  for (const auto& c : children_) out.push_back(c.get());
  return out;
}

absl::Status SetOperationOperator::Open(ExecContext& ctx) {
  ScopedTimer timer(&stats_.time);
  ctx_ = &ctx;
  reservation_.set_tracker(ctx.memory);
  if (kind_ != SetOpKind::kUnionAll && children_.size() != 2) {
    return absl::InternalError(absl::StrCat(Describe(), " needs two inputs, got ", children_.size()));
  }
  const Schema& first = *children_.front()->schema();
  for (size_t i = 1; i < children_.size(); ++i) {
    const Schema& s = *children_[i]->schema();
    bool same = s.num_fields() == first.num_fields();
    for (int c = 0; same && c < s.num_fields(); ++c) same = s.field(c).type == first.field(c).type;
    if (!same) {
      return absl::InternalError(
          absl::StrCat("set operation inputs differ: (", first.ToString(), ") and (", s.ToString(), ")"));
    }
  }
  current_ = 0;
  done_ = false;
  built_ = false;
  // Every input starts at once, so remote scans run side by side.
  for (auto& child : children_) RETURN_IF_ERROR(child->Open(ctx));
  return absl::OkStatus();
}

absl::StatusOr<bool> SetOperationOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  if (kind_ == SetOpKind::kUnionAll) {
    RETURN_IF_ERROR(NextUnionAll(out));
  } else {
    if (!built_) {
      RETURN_IF_ERROR(BuildRight());
      built_ = true;
    }
    RETURN_IF_ERROR(NextFromLeft(out));
  }
  return RecordBatch(out, stats_);
}

absl::Status SetOperationOperator::NextUnionAll(RowBatch& out) {
  while (current_ < children_.size()) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, children_[current_]->Next(out));
    if (more && out.num_rows() > 0) return absl::OkStatus();
    out.Clear();
    ++current_;
  }
  return absl::OkStatus();
}

absl::Status SetOperationOperator::BuildRight() {
  std::vector<DataType> types;
  for (const Field& f : children_[0]->schema()->fields()) types.push_back(f.type);
  table_ = std::make_unique<KeyTable>(types);
  right_count_.clear();
  emitted_.clear();
  Operator& right = *children_[1];
  RowBatch batch(right.schema());
  while (true) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, right.Next(batch));
    if (!more) break;
    const int64_t n = batch.num_rows();
    KeyTable::Columns cols = SelectColumns(batch, all_columns_);
    KeyTable::HashRows(cols, n, hashes_);
    for (int64_t r = 0; r < n; ++r) {
      bool inserted;
      int64_t e = table_->FindOrInsert(cols, r, hashes_[r], &inserted);
      if (inserted) {
        right_count_.push_back(0);
        emitted_.push_back(0);
      }
      ++right_count_[e];
    }
    RETURN_IF_ERROR(reservation_.Resize(MemoryBytes()));
  }
  return absl::OkStatus();
}

absl::Status SetOperationOperator::NextFromLeft(RowBatch& out) {
  Operator& left = *children_[0];
  while (pending_.CopyInto(input_, out) && !done_ && out.num_rows() < kDefaultBatchRows / 2) {
    RETURN_IF_ERROR(CheckCancelled(*ctx_));
    ASSIGN_OR_RETURN(bool more, left.Next(input_));
    if (!more) {
      done_ = true;
      table_.reset();
      right_count_ = {};
      emitted_ = {};
      reservation_.Release();
      break;
    }
    const int64_t n = input_.num_rows();
    KeyTable::Columns cols = SelectColumns(input_, all_columns_);
    KeyTable::HashRows(cols, n, hashes_);
    std::vector<int64_t> rows;
    for (int64_t r = 0; r < n; ++r) {
      int64_t e;
      switch (kind_) {
        case SetOpKind::kIntersect:
          e = table_->Find(cols, r, hashes_[r]);
          if (e >= 0 && !emitted_[e]) {
            emitted_[e] = 1;
            rows.push_back(r);
          }
          break;
        case SetOpKind::kIntersectAll:
          e = table_->Find(cols, r, hashes_[r]);
          if (e >= 0 && right_count_[e] > 0) {
            --right_count_[e];
            rows.push_back(r);
          }
          break;
        case SetOpKind::kExcept: {
          // Left rows join the table too, so each comes out once.
          bool inserted;
          e = table_->FindOrInsert(cols, r, hashes_[r], &inserted);
          if (inserted) {
            right_count_.push_back(0);
            emitted_.push_back(0);
          }
          if (right_count_[e] == 0 && !emitted_[e]) {
            emitted_[e] = 1;
            rows.push_back(r);
          }
          break;
        }
        case SetOpKind::kExceptAll:
          e = table_->Find(cols, r, hashes_[r]);
          if (e >= 0 && right_count_[e] > 0) {
            --right_count_[e];
          } else {
            rows.push_back(r);
          }
          break;
        case SetOpKind::kUnionAll:
          break;
      }
    }
    if (kind_ == SetOpKind::kExcept) RETURN_IF_ERROR(reservation_.Resize(MemoryBytes()));
    pending_.Set(std::move(rows));
  }
  return absl::OkStatus();
}

int64_t SetOperationOperator::MemoryBytes() const {
  return table_->MemoryBytes() +
         static_cast<int64_t>(right_count_.capacity() * sizeof(int64_t) + emitted_.capacity());
}

std::string SetOperationOperator::Describe() const {
  switch (kind_) {
    case SetOpKind::kUnionAll:
      return absl::StrCat("UnionAll ", children_.size(), " inputs");
    case SetOpKind::kIntersect:
      return "Intersect";
    case SetOpKind::kIntersectAll:
      return "IntersectAll";
    case SetOpKind::kExcept:
      return "Except";
    case SetOpKind::kExceptAll:
      return "ExceptAll";
  }
  return "?";
}

}  // namespace tessera
