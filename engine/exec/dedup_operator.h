// File: engine/exec/dedup_operator.h
//
// Merges the same fact reported by several systems into one row. Rows are
// the same fact when their key columns are equal (the person and the code),
// their times lie within a tolerance of the first of them, and their values
// agree within a relative tolerance once in one unit. A merged row is its
// first row, plus the list of sources and source records it stands for.
// Rows of one fact whose values disagree are not merged: each is kept and
// flagged as conflicting, so nothing is silently dropped.
//
// The operator is blocking: it reads its whole input (charged to the
// query's memory limit) before it writes a row. Filters on the key columns
// are applied below it, so a patient's record is deduplicated on its own.

#ifndef TESSERA_ENGINE_EXEC_DEDUP_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_DEDUP_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/dedup_spec.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"

namespace tessera {

class DedupOperator : public Operator {
 public:
  DedupOperator(std::unique_ptr<Operator> child, DedupSpec spec);

  // The child's columns, then sources (text: "ehr,lab"), source_records
  // (text: "ehr:12,lab:7") and conflicting (boolean).
  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  struct RowRef {
    int32_t batch;
    int32_t row;
  };
  // One output row: the rows it stands for (the first is shown).
  struct Merged {
    std::vector<RowRef> rows;
    bool conflicting = false;
  };

  absl::Status ReadInput();
  void MergeGroup(std::vector<RowRef>& group);
  double ValueOf(RowRef r, bool* is_null) const;
  int64_t TimeOf(RowRef r, bool* is_null) const;

  std::unique_ptr<Operator> child_;
  DedupSpec spec_;
  std::shared_ptr<const Schema> schema_;
  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"deduplication"};
  std::vector<RowBatch> input_;
  std::vector<Merged> merged_;
  size_t next_ = 0;
  bool read_ = false;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_DEDUP_OPERATOR_H_
