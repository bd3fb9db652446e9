// File: engine/exec/row_comparator.h
//
// ORDER BY keys over column indexes and the comparison of two rows under
// them, shared by sort, top-N and window operators.

#ifndef TESSERA_ENGINE_EXEC_ROW_COMPARATOR_H_
#define TESSERA_ENGINE_EXEC_ROW_COMPARATOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/types/column_vector.h"

namespace tessera {

// One ORDER BY key: a column of the operator's input. `nulls_first` is
// explicit (the planner applies PostgreSQL's default: NULLS LAST for ASC,
// NULLS FIRST for DESC) and places NULLs whatever the direction.
struct ColumnSortKey {
  int column = 0;
  bool descending = false;
  bool nulls_first = false;
};

// "#1 DESC NULLS LAST, #0": NULLS FIRST/LAST only where not the default.
std::string DescribeSortKeys(const std::vector<ColumnSortKey>& keys);

// Compares rows key by key. The columns are passed already selected: element
// k of a column list is the column of key k.
class RowComparator {
 public:
  using Columns = std::vector<const ColumnVector*>;

  explicit RowComparator(std::vector<ColumnSortKey> keys) : keys_(std::move(keys)) {}

  // Negative, zero or positive as row `i` of `a` sorts before, with, or after
  // row `j` of `b`. Two NULLs compare equal.
  int Compare(const Columns& a, int64_t i, const Columns& b, int64_t j) const;

  // The columns of `batch` (a RowBatch) that the keys read, in key order.
  template <typename Batch>
  Columns KeyColumns(const Batch& batch) const {
    Columns out;
    out.reserve(keys_.size());
    for (const ColumnSortKey& k : keys_) out.push_back(&batch.column(k.column));
    return out;
  }

  const std::vector<ColumnSortKey>& keys() const { return keys_; }

 private:
  std::vector<ColumnSortKey> keys_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_ROW_COMPARATOR_H_
