// File: engine/exec/batch_util.h
//
// Copying cells between columns and batches: what every operator that
// gathers, reorders or joins rows does. ColumnVector appends one value at a
// time; these helpers switch on the column type once per call rather than
// once per cell.

#ifndef TESSERA_ENGINE_EXEC_BATCH_UTIL_H_
#define TESSERA_ENGINE_EXEC_BATCH_UTIL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "engine/types/column_vector.h"
#include "engine/types/row_batch.h"

namespace tessera {

// Appends `src`'s cell at `row` to `dst`. A row of -1 appends NULL.
// REQUIRES: dst and src have the same type.
void CopyCell(const ColumnVector& src, int64_t row, ColumnVector& dst);

// Appends `src`'s cells at `rows`, in that order, to `dst`; a row of -1
// appends NULL (the missing side of an outer join).
// REQUIRES: dst and src have the same type.
void CopyRows(const ColumnVector& src, absl::Span<const int64_t> rows, ColumnVector& dst);

// Appends `src`'s cells [begin, end) to `dst`.
// REQUIRES: dst and src have the same type.
void CopyRange(const ColumnVector& src, int64_t begin, int64_t end, ColumnVector& dst);

// Appends `count` NULLs to `dst`.
void AppendNulls(int64_t count, ColumnVector& dst);

// Appends `src`'s rows at `rows` to `dst`, column by column, and updates the
// row count. REQUIRES: both batches have the same column types.
void CopyBatchRows(const RowBatch& src, absl::Span<const int64_t> rows, RowBatch& dst);

// Appends `src`'s rows [begin, end) to `dst` and updates the row count.
void CopyBatchRange(const RowBatch& src, int64_t begin, int64_t end, RowBatch& dst);

// The columns of `batch` at `indexes`, in that order: the key columns a hash
// table or a comparator reads.
std::vector<const ColumnVector*> SelectColumns(const RowBatch& batch, const std::vector<int>& indexes);

// Selected rows of one input batch not yet copied out. Operators that gather
// the surviving rows of several input batches into one output batch (filter,
// distinct, set operations) keep the overflow here, so that no output batch
// passes kDefaultBatchRows.
class PendingRows {
 public:
  // Replaces the pending rows with `rows` (indexes into the input batch).
  void Set(std::vector<int64_t> rows) {
    rows_ = std::move(rows);
    next_ = 0;
  }
  void Clear() { Set({}); }
  bool empty() const { return next_ >= rows_.size(); }

  // Copies pending rows of `input` into `out` until it holds
  // kDefaultBatchRows rows; returns true when none are left.
  bool CopyInto(const RowBatch& input, RowBatch& out);

 private:
  std::vector<int64_t> rows_;
  size_t next_ = 0;
};

// "#0, #2" for EXPLAIN.
std::string DescribeColumns(const std::vector<int>& indexes);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_BATCH_UTIL_H_
