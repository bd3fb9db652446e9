// File: engine/exec/distinct_operator.h
//
// SELECT DISTINCT (and UNION, planned as UNION ALL then distinct): passes on
// the first occurrence of each row, comparing all columns, NULL equal to
// NULL. Rows stream out as they first appear, in input order; the set of
// rows seen is held in memory, charged to the query's MemoryTracker.

#ifndef TESSERA_ENGINE_EXEC_DISTINCT_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_DISTINCT_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/batch_util.h"
#include "engine/exec/key_table.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"

namespace tessera {

class DistinctOperator : public Operator {
 public:
  explicit DistinctOperator(std::unique_ptr<Operator> child);

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Distinct".
  std::string Describe() const override { return "Distinct"; }
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  std::unique_ptr<Operator> child_;
  std::vector<int> all_columns_;

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"distinct"};
  std::unique_ptr<KeyTable> seen_;
  bool done_ = false;
  RowBatch input_;
  PendingRows pending_;  // First occurrences in input_ not yet output.
  std::vector<uint64_t> hashes_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_DISTINCT_OPERATOR_H_
