// File: planner/binder/expr_rewrite.h
//
// Structural operations on bound expressions that binding and optimizing
// need: equality, visiting and remapping column references, and splitting a
// predicate into its AND-ed parts.

#ifndef TESSERA_PLANNER_BINDER_EXPR_REWRITE_H_
#define TESSERA_PLANNER_BINDER_EXPR_REWRITE_H_

#include <functional>
#include <memory>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/expr/expr.h"

namespace tessera {

// True when `a` and `b` compute the same thing the same way.
bool ExprEquals(const Expr& a, const Expr& b);

// Calls `fn` on every column index `expr` reads.
void ForEachColumn(const Expr& expr, const std::function<void(int)>& fn);

// Replaces every column reference: `fn` returns the new index, or an error.
absl::Status RemapColumns(Expr& expr, const std::function<absl::StatusOr<int>(int)>& fn);

// Rewrites `expr` bottom-up: `fn` may return a replacement for a node (or
// nullptr to keep it and look inside).
std::unique_ptr<Expr> Rewrite(std::unique_ptr<Expr> expr,
                              const std::function<std::unique_ptr<Expr>(const Expr&)>& fn);

// `expr` with every column reference #i replaced by a copy of `columns[i]`:
// an expression over a projection's (or grouping's) output restated over its
// input.
std::unique_ptr<Expr> InlineColumns(std::unique_ptr<Expr> expr, const std::vector<std::unique_ptr<Expr>>& columns);

// a AND b AND c -> [a, b, c].
std::vector<std::unique_ptr<Expr>> SplitConjuncts(std::unique_ptr<Expr> predicate);

// [a, b, c] -> a AND b AND c; nullptr for an empty list.
std::unique_ptr<Expr> JoinConjuncts(std::vector<std::unique_ptr<Expr>> conjuncts);

}  // namespace tessera

#endif  // TESSERA_PLANNER_BINDER_EXPR_REWRITE_H_
