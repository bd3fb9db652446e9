// File: engine/exec/key_filter_operator.h
//
// Drops the rows whose key cannot match the build side of a hash join
// above, once that join has read it. The planner places one below an
// operator that keeps the rows of one key together (deduplication on the
// patient, grouping by the patient) under the probe side of an inner or
// semi join on that key, so the operator skips the rows the join would drop
// anyway: a dashboard joining the de-duplicated observations to a few
// thousand patients no longer de-duplicates everyone's. Until the join has
// built its table (it reads the build side first), rows pass.

#ifndef TESSERA_ENGINE_EXEC_KEY_FILTER_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_KEY_FILTER_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "engine/exec/join_hash_table.h"
#include "engine/exec/operator.h"

namespace tessera {

// Where a hash join offers its built table to key filters (see
// HashJoinOperator::PublishKeys). Filters may run on other threads than the
// join (under a build read ahead), so the join withdraws the table, waiting
// for readers, before it frees it.
class BuiltKeys {
 public:
  // Offers `table`; nullptr withdraws it, once no filter reads it.
  void Publish(const JoinHashTable* table);
  // JoinHashTable::Contains on the offered table; false when there is none.
  bool Contains(const RowBatch& probe, int column, std::vector<uint8_t>* found);

 private:
  absl::Mutex mu_;
  const JoinHashTable* table_ ABSL_GUARDED_BY(mu_) = nullptr;
  int readers_ ABSL_GUARDED_BY(mu_) = 0;
};

class KeyFilterOperator : public Operator {
 public:
  // `column`: the child's column holding the key, of the build key's type.
  KeyFilterOperator(std::unique_ptr<Operator> child, int column, std::shared_ptr<BuiltKeys> keys);

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "KeyFilter #0 in the join's build keys".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  const int column_;
  std::shared_ptr<BuiltKeys> keys_;
  ExecContext* ctx_ = nullptr;
  RowBatch input_;
  std::vector<uint8_t> found_;
  std::vector<int64_t> kept_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_KEY_FILTER_OPERATOR_H_
