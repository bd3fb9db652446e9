// File: engine/exec/sort_operator.h
//
// ORDER BY: reads its whole child and outputs it sorted by the keys, stably
// (rows with equal keys keep their input order). Given a limit it is a top-N
// instead: it keeps only the best limit + offset rows seen so far in a
// bounded heap, so ORDER BY ... LIMIT 10 over a million rows holds ten, and
// outputs them after skipping `offset`. Either way the rows held are charged
// to the query's MemoryTracker.

#ifndef TESSERA_ENGINE_EXEC_SORT_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_SORT_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"
#include "engine/exec/row_comparator.h"

namespace tessera {

class SortOperator : public Operator {
 public:
  // Sorts by `keys` (columns of the child). With `limit`, outputs at most
  // that many rows after skipping `offset` sorted rows, as a top-N; without,
  // a full sort that still skips `offset` rows.
  SortOperator(std::unique_ptr<Operator> child, std::vector<ColumnSortKey> keys,
               std::optional<int64_t> limit = std::nullopt, int64_t offset = 0);

  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Sort #1 DESC NULLS LAST, #0", or for a top-N "TopN 10 by #3 DESC"
  // ("TopN 10 offset 5 by ...").
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  absl::Status Consume();
  absl::Status ConsumeTopN(int64_t keep);
  bool Less(int64_t a, int64_t b) const;  // Buffer rows, ties by arrival.
  void Compact();

  std::unique_ptr<Operator> child_;
  const RowComparator comparator_;
  const std::optional<int64_t> limit_;
  const int64_t offset_;

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_;
  bool consumed_ = false;

  // The rows held: every row (full sort), or the top-N candidates, which may
  // include rows already pushed out of the heap until the next compaction.
  RowBatch buffer_;
  RowComparator::Columns buffer_keys_;  // The key columns of buffer_.
  std::vector<int64_t> arrival_;        // Per buffer row: its input position.
  std::vector<int64_t> heap_;           // Top-N: buffer rows, the worst on top.
  std::vector<int64_t> order_;          // Buffer rows in output order.
  size_t next_ = 0;                     // Into order_.
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_SORT_OPERATOR_H_
