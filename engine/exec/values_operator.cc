#include "engine/exec/values_operator.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/exec/batch_util.h"
#include "engine/exec/exec_util.h"

namespace tessera {

ValuesOperator::ValuesOperator(std::shared_ptr<const Schema> schema, std::vector<RowBatch> batches)
    : ValuesOperator(std::move(schema), std::make_shared<const std::vector<RowBatch>>(std::move(batches))) {}

ValuesOperator::ValuesOperator(std::shared_ptr<const Schema> schema,
                               std::shared_ptr<const std::vector<RowBatch>> batches)
    : schema_(std::move(schema)), batches_(std::move(batches)) {
  for (const RowBatch& b : *batches_) total_rows_ += b.num_rows();
}

std::unique_ptr<ValuesOperator> ValuesOperator::FromRows(std::shared_ptr<const Schema> schema,
                                                         const std::vector<std::vector<Value>>& rows) {
  std::vector<RowBatch> batches;
  for (size_t begin = 0; begin < rows.size(); begin += kDefaultBatchRows) {
    size_t end = std::min(rows.size(), begin + static_cast<size_t>(kDefaultBatchRows));
    RowBatch batch(schema);
    for (size_t r = begin; r < end; ++r) {
      for (int c = 0; c < batch.num_columns(); ++c) batch.column(c).AppendValue(rows[r][c]);
    }
    batch.SetNumRows(static_cast<int64_t>(end - begin));
    batches.push_back(std::move(batch));
  }
  return std::make_unique<ValuesOperator>(std::move(schema), std::move(batches));
}

absl::Status ValuesOperator::Open(ExecContext& /*ctx*/) {
  next_ = 0;
  return absl::OkStatus();
}

absl::StatusOr<bool> ValuesOperator::Next(RowBatch& out) {
  ScopedTimer timer(&stats_.time);
  out.Clear();
  while (next_ < batches_->size()) {
    const RowBatch& batch = (*batches_)[next_++];
    if (batch.num_rows() == 0) continue;
    CopyBatchRange(batch, 0, batch.num_rows(), out);
    break;
  }
  return RecordBatch(out, stats_);
}

std::string ValuesOperator::Describe() const { return absl::StrCat("Values ", total_rows_, " rows"); }

}  // namespace tessera
