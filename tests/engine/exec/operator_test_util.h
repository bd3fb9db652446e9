// File: tests/engine/exec/operator_test_util.h
//
// Shared by the operator tests: building in-memory inputs, short ways to
// write values and expressions, and draining an operator into rows written
// as text ("1|NULL|abc"), so that expected results read like a table.

#ifndef TESSERA_TESTS_ENGINE_EXEC_OPERATOR_TEST_UTIL_H_
#define TESSERA_TESTS_ENGINE_EXEC_OPERATOR_TEST_UTIL_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/exec/join_util.h"
#include "engine/exec/memory_tracker.h"
#include "engine/exec/operator.h"
#include "engine/exec/query_context.h"
#include "engine/exec/values_operator.h"
#include "engine/expr/expr.h"
#include "engine/types/value.h"

namespace tessera::testing {

using Row = std::vector<Value>;

// Values: I(1), D(1.5), T("a"), Dec(1234, 2) for 12.34, and NULLs of a type.
inline Value I(int64_t v) { return Value::Int64(v); }
inline Value D(double v) { return Value::Double(v); }
inline Value T(std::string v) { return Value::Text(std::move(v)); }
inline Value Dec(int64_t unscaled, int scale) { return Value::Decimal(unscaled, scale); }
inline Value NullI() { return Value::Null(DataType::Int64()); }
inline Value NullT() { return Value::Null(DataType::Text()); }

// A schema of the given columns, all nullable.
std::shared_ptr<const Schema> MakeSchema(const std::vector<std::pair<std::string, DataType>>& columns);

// An operator producing `rows` in batches of `batch_rows` rows, so tests can
// cross batch boundaries with few rows.
std::unique_ptr<ValuesOperator> Input(const std::vector<std::pair<std::string, DataType>>& columns,
                                      const std::vector<Row>& rows, int64_t batch_rows = 1024);

// Expressions: column #i, a constant, and a binary call returning boolean.
std::unique_ptr<Expr> Col(int index, DataType type = DataType::Int64());
std::unique_ptr<Expr> Const(Value v);
std::unique_ptr<Expr> Cmp(ExprOp op, std::unique_ptr<Expr> a, std::unique_ptr<Expr> b);

// What one query's operators share, with a generous memory limit unless
// told otherwise.
struct TestContext {
  explicit TestContext(int64_t memory_limit = int64_t{1} << 32) : memory(memory_limit) {
    ctx.query = &query;
    ctx.memory = &memory;
  }
  QueryContext query;
  MemoryTracker memory;
  ExecContext ctx;
};

// Opens and drains `op`, returning each row as its cells' text joined by
// "|". Also checks what every operator promises: no empty batch before the
// end, no batch above kDefaultBatchRows, stats that add up, and all memory
// given back at the end.
absl::StatusOr<std::vector<std::string>> Execute(Operator& op, TestContext& tc);
absl::StatusOr<std::vector<std::string>> Execute(Operator& op);

// Execute's rows, with a test failure (and no rows) when it fails.
std::vector<std::string> Drain(Operator& op);

// `rows` as Run writes them.
std::vector<std::string> Format(const std::vector<Row>& rows);

// Sorts `rows`, for results whose order SQL leaves open.
std::vector<std::string> Sorted(std::vector<std::string> rows);

// Which (left row, right row) pairs a join predicate accepts, for
// ReferenceJoin.
using PairPredicate = std::function<bool(const Row& left, const Row& right)>;

// The result of a join of `left` and `right` computed the obvious way, pair
// by pair, with the output columns JoinOutputSchema describes, sorted.
// `left_width` and `right_width` are the sides' column counts.
std::vector<std::string> ReferenceJoin(JoinType type, const std::vector<Row>& left, size_t left_width,
                                       const std::vector<Row>& right, size_t right_width,
                                       const PairPredicate& match);

// Passes its child through, counting the rows it was asked for, so a test can
// tell whether a parent stopped pulling early.
class CountingOperator : public Operator {
 public:
  explicit CountingOperator(std::unique_ptr<Operator> child) : child_(std::move(child)) {}
  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override { return child_->Open(ctx); }
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override { return "Counting"; }
  std::vector<Operator*> children() const override { return {child_.get()}; }
  int64_t rows_pulled() const { return rows_pulled_; }
  int64_t calls() const { return calls_; }

 private:
  std::unique_ptr<Operator> child_;
  int64_t rows_pulled_ = 0;
  int64_t calls_ = 0;
};

// Cancels `query` once its child has produced `after_batches` batches, as a
// client hanging up mid-query would.
class CancellingOperator : public Operator {
 public:
  CancellingOperator(std::unique_ptr<Operator> child, QueryContext* query, int after_batches)
      : child_(std::move(child)), query_(query), after_(after_batches) {}
  const std::shared_ptr<const Schema>& schema() const override { return child_->schema(); }
  absl::Status Open(ExecContext& ctx) override { return child_->Open(ctx); }
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override { return "Cancelling"; }

 private:
  std::unique_ptr<Operator> child_;
  QueryContext* query_;
  int after_;
  int batches_ = 0;
};

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_ENGINE_EXEC_OPERATOR_TEST_UTIL_H_
