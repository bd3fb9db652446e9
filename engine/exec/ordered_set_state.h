// File: engine/exec/ordered_set_state.h
//
// The values the ordered-set aggregates (percentile_cont, percentile_disc,
// mode WITHIN GROUP) keep for every group of a hash aggregate: unlike sum or
// max they need all of a group's values at once, so each non-NULL value is
// copied and listed under its group, and the list is sorted when the group's
// result is asked for. Results follow PostgreSQL's orderedsetaggs.c.

#ifndef TESSERA_ENGINE_EXEC_ORDERED_SET_STATE_H_
#define TESSERA_ENGINE_EXEC_ORDERED_SET_STATE_H_

#include <cstdint>
#include <vector>

#include "engine/expr/expr.h"
#include "engine/types/column_vector.h"

namespace tessera {

class OrderedSetState {
 public:
  // REQUIRES: op is an ordered-set aggregate; for kPercentileCont the
  // values are doubles.
  OrderedSetState(AggregateOp op, DataType value_type, double fraction, bool descending);

  void Resize(int64_t groups);
  // Keeps value `row` of `col` (not NULL) for group `group`.
  void Add(const ColumnVector& col, int64_t row, int64_t group);
  // Appends group `group`'s result to `out` (NULL for no values).
  void Finish(int64_t group, ColumnVector& out) const;
  int64_t MemoryBytes() const;

 private:
  const AggregateOp op_;
  const double fraction_;
  const bool descending_;
  ColumnVector values_;                        // Every kept value.
  std::vector<std::vector<int64_t>> members_;  // Per group: rows of values_.
  int64_t member_slots_ = 0;                   // Sum of the members' capacities.
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_ORDERED_SET_STATE_H_
