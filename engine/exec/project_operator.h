// File: engine/exec/project_operator.h
//
// Computes one output column per expression from each batch of its child:
// SELECT lists, and the computed keys the planner adds below joins, sorts and
// aggregates. One output batch per child batch.

#ifndef TESSERA_ENGINE_EXEC_PROJECT_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_PROJECT_OPERATOR_H_

#include <memory>
#include <string>
#include <vector>

#include "engine/exec/operator.h"
#include "engine/expr/expr.h"

namespace tessera {

class ProjectOperator : public Operator {
 public:
  // Output column i is exprs[i] (over the child's columns), named names[i].
  // REQUIRES: exprs.size() == names.size().
  ProjectOperator(std::unique_ptr<Operator> child, std::vector<std::unique_ptr<Expr>> exprs,
                  std::vector<std::string> names);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Project #0, (#1 + 1) AS total".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  std::vector<std::unique_ptr<Expr>> exprs_;
  std::shared_ptr<const Schema> schema_;
  ExecContext* ctx_ = nullptr;
  RowBatch input_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_PROJECT_OPERATOR_H_
