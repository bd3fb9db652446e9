// File: engine/exec/single_row_operator.h
//
// Passes through a subquery's rows, failing the query if there is more than
// one: a scalar subquery used as a value must yield at most one row, as
// PostgreSQL checks, rather than multiply the rows it is joined to.

#ifndef TESSERA_ENGINE_EXEC_SINGLE_ROW_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_SINGLE_ROW_OPERATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/exec/operator.h"

namespace tessera {

class SingleRowOperator : public Operator {
 public:
  explicit SingleRowOperator(std::unique_ptr<Operator> child) : child_(std::move(child)) {}

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override { return child_->Open(ctx); }
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override { return "SingleRow"; }
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  int64_t rows_ = 0;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_SINGLE_ROW_OPERATOR_H_
