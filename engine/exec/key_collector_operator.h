// File: engine/exec/key_collector_operator.h
//
// Passes its child's rows through unchanged while collecting the distinct
// non-NULL values of one column. When the child is exhausted it hands them
// to a callback, or hands nullopt as soon as there are more than a limit:
// this is how the build side of a bind join tells the probe side's source
// which keys to fetch.

#ifndef TESSERA_ENGINE_EXEC_KEY_COLLECTOR_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_KEY_COLLECTOR_OPERATOR_H_

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/exec/operator.h"
#include "engine/types/value.h"

namespace tessera {

class KeyCollectorOperator : public Operator {
 public:
  using Done = std::function<void(const std::optional<std::vector<Value>>& keys)>;

  KeyCollectorOperator(std::unique_ptr<Operator> child, int column, int64_t max_keys, Done done);

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  const int column_;
  const int64_t max_keys_;
  Done done_;
  // Ordered by their text form so the IN-lists are deterministic.
  std::set<std::string> seen_;
  std::vector<Value> keys_;
  bool overflow_ = false;
  bool finished_ = false;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_KEY_COLLECTOR_OPERATOR_H_
