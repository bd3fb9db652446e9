// File: planner/optimizer/implied_bounds.h
//
// Conditions on a converted value, restated over the source's raw column so
// that the source can run them. A view shows `result_value * 18.016` as the
// value in mg/dL; `value >= 126` implies `result_value >= 126 / 18.016`,
// which the source can index. Floating point makes the two differ at the
// last bit, so the restated bound is widened by a hair and added beside the
// original condition, which still runs locally: the source may return a
// row too many, never one too few.
//
// The other conditions of the same filter narrow what a CASE can be first:
// with `test_code IN ('HBA1C', 'A1C')` beside it, a code map's conversion
// `CASE WHEN test_code = 'GLUC' ... ELSE result_value END` is just
// `result_value`.

#ifndef TESSERA_PLANNER_OPTIMIZER_IMPLIED_BOUNDS_H_
#define TESSERA_PLANNER_OPTIMIZER_IMPLIED_BOUNDS_H_

#include <memory>
#include <vector>

#include "engine/expr/expr.h"

namespace tessera {

// For AND-ed `conjuncts` over one input: the bounds on raw columns that
// they imply, to be added beside them (empty when none).
std::vector<std::unique_ptr<Expr>> ImpliedBounds(const std::vector<std::unique_ptr<Expr>>& conjuncts);

}  // namespace tessera

#endif  // TESSERA_PLANNER_OPTIMIZER_IMPLIED_BOUNDS_H_
