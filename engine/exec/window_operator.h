// File: engine/exec/window_operator.h
//
// Window functions over PARTITION BY ... ORDER BY ...: row_number, rank,
// dense_rank, lag and lead, and count, sum, avg, min and max over the
// default frame (the partition up to the current row's last peer; all of
// it without ORDER BY). Reads its whole child into memory (charged to
// the query's MemoryTracker), groups the rows by partition (partitions in
// the order they first appear; NULLs form one partition) and sorts each
// partition stably by the order keys. It outputs the child's columns plus one
// column per function, rows grouped by partition in order-key order.
//
// All functions of one operator share its PARTITION BY and ORDER BY;
// functions with different windows are planned as stacked operators.

#ifndef TESSERA_ENGINE_EXEC_WINDOW_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_WINDOW_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"
#include "engine/exec/row_comparator.h"
#include "engine/expr/expr.h"

namespace tessera {

// One window function. row_number numbers rows 1, 2, 3 within the
// partition; rank gives peers (rows equal on every order key, NULLs equal)
// the same number and skips after them (1, 1, 3); dense_rank does not skip
// (1, 1, 2). lag and lead take `arg` from the row `offset` rows before or
// after in the partition, or, past the partition's edge, the current row's
// `default_column` (NULL when -1).
struct WindowFunctionSpec {
  WindowOp op = WindowOp::kRowNumber;
  int arg = -1;             // kLag, kLead and the aggregates but count(*): the child column read.
  int64_t offset = 1;       // kLag, kLead.
  int default_column = -1;  // kLag, kLead: a child column of arg's type, or -1.
  std::string name;         // The output column's name.
};

class WindowOperator : public Operator {
 public:
  // REQUIRES: every column index is a column of the child (checked at Open).
  WindowOperator(std::unique_ptr<Operator> child, std::vector<int> partition_columns,
                 std::vector<ColumnSortKey> order_keys, std::vector<WindowFunctionSpec> functions);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "Window partition by #0 order by #1 DESC: rank(), lag(#2, 1, #3)".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  absl::Status Consume();
  absl::Status Compute(const WindowFunctionSpec& f, ColumnVector& result);
  // count, sum, avg, min, max over the partition up to each row's last peer.
  absl::Status ComputeAggregate(const WindowFunctionSpec& f, ColumnVector& result);
  int64_t MemoryBytes() const;

  std::unique_ptr<Operator> child_;
  const std::vector<int> partition_columns_;
  const RowComparator comparator_;
  const std::vector<WindowFunctionSpec> functions_;
  std::shared_ptr<const Schema> schema_;

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"window"};
  bool consumed_ = false;

  RowBatch buffer_;                     // Every input row.
  std::vector<int64_t> partition_of_;   // Per buffer row: partition id.
  std::vector<int64_t> order_;          // Buffer rows in output order.
  std::vector<int64_t> partition_end_;  // Per output position: its partition's end.
  std::vector<ColumnVector> results_;   // Per function, in output order.
  size_t next_ = 0;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_WINDOW_OPERATOR_H_
