// File: engine/exec/values_operator.h
//
// Produces rows held in memory: a VALUES list, and the input of operator
// tests. It has no children and reads no source.

#ifndef TESSERA_ENGINE_EXEC_VALUES_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_VALUES_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/operator.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"
#include "engine/types/value.h"

namespace tessera {

class ValuesOperator : public Operator {
 public:
  // Produces `batches` in order, skipping empty ones.
  // REQUIRES: every batch has `schema`'s column types.
  ValuesOperator(std::shared_ptr<const Schema> schema, std::vector<RowBatch> batches);
  // The same over batches shared with their owner, which a scan does not
  // copy (the device hub's tables, read by every scan).
  ValuesOperator(std::shared_ptr<const Schema> schema, std::shared_ptr<const std::vector<RowBatch>> batches);

  // Produces `rows` (each a value per column, of the column's type or NULL)
  // in batches of kDefaultBatchRows.
  static std::unique_ptr<ValuesOperator> FromRows(std::shared_ptr<const Schema> schema,
                                                  const std::vector<std::vector<Value>>& rows);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Values 3 rows".
  std::string Describe() const override;

 private:
  std::shared_ptr<const Schema> schema_;
  std::shared_ptr<const std::vector<RowBatch>> batches_;
  int64_t total_rows_ = 0;
  size_t next_ = 0;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_VALUES_OPERATOR_H_
