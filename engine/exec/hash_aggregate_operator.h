// File: engine/exec/hash_aggregate_operator.h
//
// GROUP BY by hashing: reads its whole child, keeps one group per distinct
// combination of the group columns (NULLs forming one group, as SQL says)
// with accumulators for each aggregate, and then outputs one row per group,
// in the order the groups were first seen: the group columns, then the
// aggregates. With no group columns it outputs exactly one row, even for
// empty input (count 0, every other aggregate NULL).
//
// Memory: the group table and accumulators (and the value sets of DISTINCT
// aggregates) are charged to the query's MemoryTracker as they grow.

#ifndef TESSERA_ENGINE_EXEC_HASH_AGGREGATE_OPERATOR_H_
#define TESSERA_ENGINE_EXEC_HASH_AGGREGATE_OPERATOR_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/exec/key_table.h"
#include "engine/exec/memory_reservation.h"
#include "engine/exec/operator.h"
#include "engine/expr/expr.h"

namespace tessera {

// One aggregate over a column of the child.
//
// Result types: count and count(*) bigint; sum of bigint bigint (an overflow
// is the error "bigint out of range"), of decimal decimal (rescaled to the
// result's scale), of double double; avg double (of bigint and decimal from
// the exact sum); min and max the argument's type (text compares bytewise).
// NULL arguments are skipped; sum, avg, min and max of no values are NULL.
//
// The ordered-set aggregates keep every non-NULL value of a group (charged to
// the MemoryTracker) and sort them when the group is output, in the order of
// `descending`: percentile_cont of double is double, interpolated between the
// two values around fraction * (n - 1); percentile_disc the first value whose
// position (1-based) is at least fraction * n; mode the most frequent value,
// the first in the order among equally frequent ones. Of no values: NULL.
struct AggregateSpec {
  AggregateOp op = AggregateOp::kCountStar;
  // Whether each distinct argument value counts once per group.
  bool distinct = false;
  int arg = -1;  // The child column; -1 for count(*).
  DataType type = DataType::Int64();
  std::string name;  // The output column's name.
  double fraction = 0;      // percentile_cont, percentile_disc: in [0, 1].
  bool descending = false;  // Ordered-set aggregates: the order of the values.
};

class HashAggregateOperator : public Operator {
 public:
  // REQUIRES: group_columns and every aggregate's arg are columns of the
  // child (checked at Open, as are the result types above).
  HashAggregateOperator(std::unique_ptr<Operator> child, std::vector<int> group_columns,
                        std::vector<AggregateSpec> aggregates);
  ~HashAggregateOperator() override;

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  // "HashAggregate by #0: count(*), sum(#2), count(DISTINCT #3),
  // percentile_cont(0.5 order by #4 desc)".
  std::string Describe() const override;
  std::vector<Operator*> children() const override { return {child_.get()}; }

 private:
  struct Accumulator;

  absl::Status Consume();
  absl::Status Emit(int64_t begin, int64_t end, RowBatch& out);
  int64_t MemoryBytes() const;
  void Reset();

  std::unique_ptr<Operator> child_;
  const std::vector<int> group_columns_;
  const std::vector<AggregateSpec> aggregates_;
  std::shared_ptr<const Schema> schema_;

  ExecContext* ctx_ = nullptr;
  MemoryReservation reservation_{"hash aggregate"};
  bool consumed_ = false;
  int64_t next_group_ = 0;
  std::unique_ptr<KeyTable> groups_;
  std::vector<std::unique_ptr<Accumulator>> accumulators_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_HASH_AGGREGATE_OPERATOR_H_
