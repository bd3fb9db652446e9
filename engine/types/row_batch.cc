#include "engine/types/row_batch.h"

namespace tessera {

RowBatch::RowBatch(std::shared_ptr<const Schema> schema) : schema_(std::move(schema)) {
  columns_.reserve(schema_->num_fields());
  for (const Field& f : schema_->fields()) columns_.emplace_back(f.type);
}

void RowBatch::Clear() {
  for (ColumnVector& c : columns_) c.Clear();
  num_rows_ = 0;
}

int64_t RowBatch::MemoryBytes() const {
  int64_t total = 0;
  for (const ColumnVector& c : columns_) total += c.MemoryBytes();
  return total;
}

}  // namespace tessera
