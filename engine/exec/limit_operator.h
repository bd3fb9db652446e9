// File: engine/exec/limit_operator.h
//
// LIMIT and OFFSET without ORDER BY (a sorted limit is a top-N, see
// SortOperator): skips `offset` rows, passes at most `limit` rows on, and
// then stops pulling from its child, so a remote scan underneath is not
// drained for rows nobody will read.

#ifndef TESSERA_ENGINE_EXEC_LIMIT_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_LIMIT_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/exec/operator.h"

namespace tessera {

class LimitOperator : public Operator {
 public:
  // Without `limit`, every row after the first `offset` passes.
  LimitOperator(std::unique_ptr<Operator> child, std::optional<int64_t> limit, int64_t offset = 0);

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Limit 10 offset 5", "Limit 10", "Offset 5".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  const std::optional<int64_t> limit_;
  const int64_t offset_;

  ExecContext* ctx_ = nullptr;
  int64_t to_skip_ = 0;
  std::optional<int64_t> remaining_;
  bool done_ = false;
  RowBatch scratch_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_LIMIT_OPERATOR_H_
