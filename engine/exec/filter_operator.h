// File: engine/exec/filter_operator.h
//
// Keeps the rows of its child for which a boolean predicate is true (NULL
// and false rows are dropped, as WHERE does). Batches that keep every row
// pass through without a copy; sparse survivors of several child batches are
// gathered into one output batch of at most kDefaultBatchRows rows.

#ifndef TESSERA_ENGINE_EXEC_FILTER_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_FILTER_OPERATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/exec/batch_util.h"
#include "engine/exec/operator.h"
#include "engine/expr/expr.h"

namespace tessera {

class FilterOperator : public Operator {
 public:
  // `predicate` is a boolean expression over the child's columns.
  FilterOperator(std::unique_ptr<Operator> child, std::unique_ptr<Expr> predicate);

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Filter (#0 > 5)".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  std::unique_ptr<Expr> predicate_;
  ExecContext* ctx_ = nullptr;
  RowBatch input_;
  PendingRows pending_;  // Rows of input_ that passed but are not yet out.
  bool child_done_ = false;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_FILTER_OPERATOR_H_
