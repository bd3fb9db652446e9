// File: tests/engine/expr/expr_test_util.h
//
// Shorthand for expression tests: building literal and column nodes, small
// batches with NULLs where std::nullopt stands, and evaluating to the cells
// as the engine prints them ("NULL" for NULL), so that one EXPECT_THAT shows
// every value and every NULL position at once.

#ifndef TESSERA_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_
#define TESSERA_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/expr/expr.h"
#include "engine/types/column_vector.h"
#include "engine/types/row_batch.h"

namespace tessera::expr_test {

using ExprPtr = std::unique_ptr<Expr>;

ExprPtr Col(int index, DataType type);
ExprPtr Lit(Value value);
ExprPtr Int(int64_t v);
ExprPtr Dbl(double v);
ExprPtr Txt(std::string v);
ExprPtr Bool(bool v);
ExprPtr Null(DataType type);
// `unscaled` units of 10^-scale.
ExprPtr Dec(int64_t unscaled, int scale);
ExprPtr DateLit(const std::string& yyyy_mm_dd);
ExprPtr TsLit(const std::string& timestamp);

// A node over the given arguments.
template <typename... Args>
ExprPtr Call(ExprOp op, DataType type, Args... args) {
  std::vector<ExprPtr> list;
  (list.push_back(std::move(args)), ...);
  return Expr::Call(op, type, std::move(list));
}

// Columns; std::nullopt is NULL.
ColumnVector Ints(const std::vector<std::optional<int64_t>>& values);
ColumnVector Doubles(const std::vector<std::optional<double>>& values);
ColumnVector Texts(const std::vector<std::optional<std::string>>& values);
ColumnVector Bools(const std::vector<std::optional<bool>>& values);
ColumnVector Decimals(int scale, const std::vector<std::optional<int64_t>>& unscaled);
ColumnVector Dates(const std::vector<std::optional<std::string>>& values);
ColumnVector Timestamps(const std::vector<std::optional<std::string>>& values);

// A batch of the columns, named c0, c1, ...
// REQUIRES: every column has the same number of values.
RowBatch MakeBatch(std::vector<ColumnVector> columns);

// The cells as FormatCell prints them.
std::vector<std::string> Cells(const ColumnVector& column);

// Evaluates `expr` over `batch`: the cells, or "error: <message>" as the only
// element when evaluation fails. Also checks the result's type and size.
std::vector<std::string> Eval(const Expr& expr, const RowBatch& batch);

// Evaluates `expr` (constants only) over one row without columns: the cell,
// or "error: <message>".
std::string EvalOne(const Expr& expr);

}  // namespace tessera::expr_test

#endif  // TESSERA_TESTS_ENGINE_EXPR_EXPR_TEST_UTIL_H_
