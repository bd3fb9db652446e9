// File: planner/physical/key_filter_spot.h
//
// Where a key filter goes. A hash join on one key column hands its built
// table to a KeyFilterOperator placed deep in its probe side, below an
// operator that keeps each key's rows together (a deduplication on the key,
// a grouping by it), where restricting rows by key is exact: the join would
// drop the other keys' merged rows or groups anyway.

#ifndef TESSERA_PLANNER_PHYSICAL_KEY_FILTER_SPOT_H_
#define TESSERA_PLANNER_PHYSICAL_KEY_FILTER_SPOT_H_

#include <optional>

#include "planner/logical/logical_plan.h"

namespace tessera {

// The node (a deduplication or grouping) whose input gets a key filter, and
// the key's column in that input.
struct KeyFilterSpot {
  const LogicalNode* node;
  int column;
};

// Where a key filter for column `c` of `n` can go: below a deduplication
// with `c` among its keys, or below a grouping by `c`, reached through
// filters, column references and a join side whose rows reach the output
// only with a matching key (either side of an inner join, the left side of
// a left, semi or anti join). None when the path leaves those.
std::optional<KeyFilterSpot> FindKeyFilterSpot(const LogicalNode& n, int c);

}  // namespace tessera

#endif  // TESSERA_PLANNER_PHYSICAL_KEY_FILTER_SPOT_H_
