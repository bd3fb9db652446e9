#include "engine/exec/batch_util.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tessera {

void CopyCell(const ColumnVector& src, int64_t row, ColumnVector& dst) {
  if (row < 0 || src.IsNull(row)) {
    dst.AppendNull();
  } else if (src.type().id == TypeId::kDouble) {
    dst.AppendDouble(src.GetDouble(row));
  } else if (src.type().id == TypeId::kText) {
    dst.AppendText(src.GetText(row));
  } else {
    dst.AppendInt64(src.GetInt64(row));
  }
}

void CopyRows(const ColumnVector& src, absl::Span<const int64_t> rows, ColumnVector& dst) {
  switch (src.type().id) {
    case TypeId::kDouble:
      for (int64_t r : rows) {
        if (r < 0 || src.IsNull(r)) {
          dst.AppendNull();
        } else {
          dst.AppendDouble(src.GetDouble(r));
        }
      }
      break;
    case TypeId::kText:
      for (int64_t r : rows) {
        if (r < 0 || src.IsNull(r)) {
          dst.AppendNull();
        } else {
          dst.AppendText(src.GetText(r));
        }
      }
      break;
    default:
      for (int64_t r : rows) {
        if (r < 0 || src.IsNull(r)) {
          dst.AppendNull();
        } else {
          dst.AppendInt64(src.GetInt64(r));
        }
      }
  }
}

void CopyRange(const ColumnVector& src, int64_t begin, int64_t end, ColumnVector& dst) {
  switch (src.type().id) {
    case TypeId::kDouble:
      for (int64_t r = begin; r < end; ++r) {
        if (src.IsNull(r)) {
          dst.AppendNull();
        } else {
          dst.AppendDouble(src.GetDouble(r));
        }
      }
      break;
    case TypeId::kText:
      for (int64_t r = begin; r < end; ++r) {
        if (src.IsNull(r)) {
          dst.AppendNull();
        } else {
          dst.AppendText(src.GetText(r));
        }
      }
      break;
    default:
      for (int64_t r = begin; r < end; ++r) {
        if (src.IsNull(r)) {
          dst.AppendNull();
        } else {
          dst.AppendInt64(src.GetInt64(r));
        }
      }
  }
}

void AppendNulls(int64_t count, ColumnVector& dst) {
  for (int64_t i = 0; i < count; ++i) dst.AppendNull();
}

void CopyBatchRows(const RowBatch& src, absl::Span<const int64_t> rows, RowBatch& dst) {
  for (int c = 0; c < src.num_columns(); ++c) CopyRows(src.column(c), rows, dst.column(c));
  dst.SetNumRows(dst.num_rows() + static_cast<int64_t>(rows.size()));
}

void CopyBatchRange(const RowBatch& src, int64_t begin, int64_t end, RowBatch& dst) {
  for (int c = 0; c < src.num_columns(); ++c) CopyRange(src.column(c), begin, end, dst.column(c));
  dst.SetNumRows(dst.num_rows() + (end - begin));
}

bool PendingRows::CopyInto(const RowBatch& input, RowBatch& out) {
  const size_t room = static_cast<size_t>(std::max<int64_t>(0, kDefaultBatchRows - out.num_rows()));
  const size_t take = std::min(room, rows_.size() - next_);
  CopyBatchRows(input, absl::MakeConstSpan(rows_).subspan(next_, take), out);
  next_ += take;
  return empty();
}

std::vector<const ColumnVector*> SelectColumns(const RowBatch& batch, const std::vector<int>& indexes) {
  std::vector<const ColumnVector*> out;
  out.reserve(indexes.size());
  for (int i : indexes) out.push_back(&batch.column(i));
  return out;
}

std::string DescribeColumns(const std::vector<int>& indexes) {
  std::string out;
  for (size_t i = 0; i < indexes.size(); ++i) {
    absl::StrAppend(&out, i == 0 ? "" : ", ", "#", indexes[i]);
  }
  return out;
}

}  // namespace tessera
