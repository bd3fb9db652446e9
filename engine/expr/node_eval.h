// File: engine/expr/node_eval.h
//
// Internal to engine/expr: how evaluate.cc hands each node to the file that
// computes its kind. Every evaluator receives its node and the batch, computes
// the arguments it needs through EvalNode (or EvalOnRows, to evaluate an
// argument only for the rows that need it) and returns an Operand of the
// node's natural result type; EvalNode then casts to the node's declared type
// if the two differ, so a binder that chose another type still gets it.

#ifndef TESSERA_ENGINE_EXPR_NODE_EVAL_H_
#define TESSERA_ENGINE_EXPR_NODE_EVAL_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/expr/expr.h"
#include "engine/expr/operand.h"
#include "engine/types/row_batch.h"

namespace tessera::expr_internal {

// What every evaluator sees of the input.
struct EvalContext {
  const RowBatch* batch;
  int64_t rows() const { return batch->num_rows(); }
};

// `expr` over every row of the batch.
absl::StatusOr<Operand> EvalNode(const Expr& expr, const EvalContext& ctx);

// `expr` over the listed rows only (ascending indexes into the batch); the
// result has rows.size() values, the i-th for rows[i]. Rows not listed are
// never evaluated, so they cannot fail: this is what makes CASE, COALESCE,
// AND and OR lazy.
absl::StatusOr<Operand> EvalOnRows(const Expr& expr, const EvalContext& ctx,
                                   const std::vector<int64_t>& rows);

// True when evaluating `expr` can fail on some input (division, overflow, a
// cast of text); AND and OR evaluate such arguments only where still needed.
bool CanFail(const Expr& expr);

// `value` converted to `type` with CAST semantics (cast.cc).
absl::StatusOr<Operand> CastOperand(Operand value, const DataType& type, int64_t rows);

// One evaluator per family of operators, each in the file of its name.
absl::StatusOr<Operand> EvalArithmetic(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalNumericFunction(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalComparison(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalLogic(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalConditional(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalInList(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalTextFunction(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalLike(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalCast(const Expr& expr, const EvalContext& ctx);
absl::StatusOr<Operand> EvalDatetimeFunction(const Expr& expr, const EvalContext& ctx);

// Kernels shared between families.

// a op b for a comparison op (kEqual ... kGreaterEqual), three-valued;
// operands of different numeric or datetime types compare by value.
absl::StatusOr<Operand> CompareOperands(ExprOp op, const Operand& a, const Operand& b,
                                        int64_t rows);

// a op b for kAdd, kSubtract, kMultiply, kDivide, kModulo.
absl::StatusOr<Operand> ArithmeticOperands(ExprOp op, const Operand& a, const Operand& b,
                                           int64_t rows);

}  // namespace tessera::expr_internal

#endif  // TESSERA_ENGINE_EXPR_NODE_EVAL_H_
