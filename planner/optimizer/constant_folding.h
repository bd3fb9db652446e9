// File: planner/optimizer/constant_folding.h
//
// Computes the parts of an expression that read no column once, at planning
// time: `'lab' = 'lab'` becomes TRUE, `100 / 2.0` becomes 50.0. A filter that
// folds to TRUE disappears and one that folds to FALSE or NULL empties its
// input, which is how a view's branch that a query rules out is never sent
// to its source.

#ifndef TESSERA_PLANNER_OPTIMIZER_CONSTANT_FOLDING_H_
#define TESSERA_PLANNER_OPTIMIZER_CONSTANT_FOLDING_H_

#include <memory>

#include "engine/expr/expr.h"

namespace tessera {

// `expr` with every column-free subexpression replaced by its value. A
// subexpression whose evaluation fails (1 / 0) is kept, so that the error
// comes at run time, and only if a row reaches it.
std::unique_ptr<Expr> FoldConstants(std::unique_ptr<Expr> expr);

}  // namespace tessera

#endif  // TESSERA_PLANNER_OPTIMIZER_CONSTANT_FOLDING_H_
