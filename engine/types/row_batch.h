// File: engine/types/row_batch.h
//
// The unit of data flow: about a thousand rows of one schema, stored column by
// column. Every connector produces row batches and every operator consumes
// them; a batch is reused from one fetch to the next to avoid reallocating.

#ifndef TESSERA_ENGINE_TYPES_ROW_BATCH_H_
#define TESSERA_ENGINE_TYPES_ROW_BATCH_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/types/column_vector.h"
#include "engine/types/schema.h"

namespace tessera {

// Rows per batch: large enough to amortize per-batch work, small enough that a
// batch of a wide row stays in cache-friendly territory.
inline constexpr int64_t kDefaultBatchRows = 1024;

class RowBatch {
 public:
  explicit RowBatch(std::shared_ptr<const Schema> schema);

  const Schema& schema() const { return *schema_; }
  const std::shared_ptr<const Schema>& shared_schema() const { return schema_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  int64_t num_rows() const { return num_rows_; }

  ColumnVector& column(int i) { return columns_[i]; }
  const ColumnVector& column(int i) const { return columns_[i]; }

  // Producers append to every column, then record the row count.
  // REQUIRES: every column holds exactly `rows` values.
  void SetNumRows(int64_t rows) { num_rows_ = rows; }

  // Empties every column for reuse, keeping capacity.
  void Clear();

  int64_t MemoryBytes() const;

 private:
  std::shared_ptr<const Schema> schema_;
  std::vector<ColumnVector> columns_;
  int64_t num_rows_ = 0;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_ROW_BATCH_H_
