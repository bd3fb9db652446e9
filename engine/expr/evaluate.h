// File: engine/expr/evaluate.h
//
// Evaluates a bound expression over every row of a batch at once.

#ifndef TESSERA_ENGINE_EXPR_EVALUATE_H_
#define TESSERA_ENGINE_EXPR_EVALUATE_H_

#include "absl/status/statusor.h"
#include "engine/expr/expr.h"
#include "engine/types/column_vector.h"
#include "engine/types/row_batch.h"

namespace tessera {

// The expression's value for each row of `input`, as a column of
// `expr.type` with input.num_rows() values. Errors are the query's fault
// (division by zero, a cast of bad text) and say what and which value:
// InvalidArgument("division by zero"), InvalidArgument("invalid input for
// type date: \"31/02/2020\"").
absl::StatusOr<ColumnVector> Evaluate(const Expr& expr, const RowBatch& input);

// Rows where `predicate` (boolean) is true; NULL and false rows are dropped.
absl::StatusOr<std::vector<int64_t>> SelectTrue(const Expr& predicate, const RowBatch& input);

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXPR_EVALUATE_H_
