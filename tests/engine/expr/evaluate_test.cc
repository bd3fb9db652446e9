// The evaluation entry points: Evaluate's shape of results (column
// references, constants over many rows, empty batches, declared types) and
// SelectTrue for filters.

#include "engine/expr/evaluate.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const DataType kBool = DataType::Bool();
const DataType kInt = DataType::Int64();
const DataType kText = DataType::Text();

TEST(Evaluate, ColumnReferenceCopiesTheColumn) {
  RowBatch batch = MakeBatch({Ints({1, 2}), Texts({"a", std::nullopt})});
  EXPECT_THAT(Eval(*Col(1, kText), batch), ElementsAre("a", "NULL"));
}

TEST(Evaluate, ConstantFillsEveryRow) {
  RowBatch batch = MakeBatch({Ints({1, 2, 3})});
  EXPECT_THAT(Eval(*Txt("x"), batch), ElementsAre("x", "x", "x"));
  EXPECT_THAT(Eval(*Call(ExprOp::kAdd, kInt, Int(1), Int(2)), batch), ElementsAre("3", "3", "3"));
}

TEST(Evaluate, EmptyBatch) {
  RowBatch batch = MakeBatch({Ints({})});
  EXPECT_THAT(Eval(*Call(ExprOp::kAdd, kInt, Col(0, kInt), Int(1)), batch), IsEmpty());
  EXPECT_THAT(Eval(*Int(7), batch), IsEmpty());
  // No row takes the ELSE, so it is never evaluated.
  auto guarded = Call(ExprOp::kCase, kInt, Call(ExprOp::kEqual, kBool, Col(0, kInt), Int(0)),
                      Int(0), Call(ExprOp::kDivide, kInt, Int(1), Int(0)));
  EXPECT_THAT(Eval(*guarded, batch), IsEmpty());
}

TEST(Evaluate, ColumnOutsideTheBatchIsAnInternalError) {
  RowBatch batch = MakeBatch({Ints({1})});
  absl::StatusOr<ColumnVector> result = Evaluate(*Col(3, kInt), batch);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInternal);
}

TEST(Evaluate, ColumnOfAnotherTypeIsConverted) {
  // The binder's type wins: a text column declared bigint is read as numbers.
  RowBatch batch = MakeBatch({Texts({"1", " 2"})});
  EXPECT_THAT(Eval(*Col(0, kInt), batch), ElementsAre("1", "2"));
}

TEST(Evaluate, ErrorsAreInvalidArgument) {
  RowBatch batch = MakeBatch({Ints({0})});
  absl::StatusOr<ColumnVector> result =
      Evaluate(*Call(ExprOp::kDivide, kInt, Int(1), Col(0, kInt)), batch);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "division by zero");
}

TEST(Evaluate, NestedLazinessReadsTheRightRows) {
  // CASE WHEN a > 0 THEN CASE WHEN b <> 0 THEN a / b ELSE -1 END ELSE 0 END
  RowBatch batch = MakeBatch({Ints({10, -1, 9, 8, 0}), Ints({2, 0, 0, 4, 0})});
  auto inner = Call(ExprOp::kCase, kInt,
                    Call(ExprOp::kNotEqual, kBool, Col(1, kInt), Int(0)),
                    Call(ExprOp::kDivide, kInt, Col(0, kInt), Col(1, kInt)), Int(-1));
  auto outer = Call(ExprOp::kCase, kInt, Call(ExprOp::kGreater, kBool, Col(0, kInt), Int(0)),
                    std::move(inner), Int(0));
  EXPECT_THAT(Eval(*outer, batch), ElementsAre("5", "0", "-1", "2", "0"));
}

TEST(SelectTrue, DropsFalseAndNull) {
  RowBatch batch = MakeBatch({Ints({5, 1, std::nullopt, 7})});
  absl::StatusOr<std::vector<int64_t>> rows =
      SelectTrue(*Call(ExprOp::kGreater, kBool, Col(0, kInt), Int(3)), batch);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(*rows, ElementsAre(0, 3));
}

TEST(SelectTrue, ConstantPredicates) {
  RowBatch batch = MakeBatch({Ints({5, 1, 2})});
  absl::StatusOr<std::vector<int64_t>> all = SelectTrue(*Bool(true), batch);
  ASSERT_TRUE(all.ok());
  EXPECT_THAT(*all, ElementsAre(0, 1, 2));
  absl::StatusOr<std::vector<int64_t>> none = SelectTrue(*Null(kBool), batch);
  ASSERT_TRUE(none.ok());
  EXPECT_THAT(*none, IsEmpty());
}

TEST(SelectTrue, NonBooleanPredicateIsAnInternalError) {
  RowBatch batch = MakeBatch({Ints({5})});
  absl::StatusOr<std::vector<int64_t>> rows = SelectTrue(*Col(0, kInt), batch);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kInternal);
}

TEST(SelectTrue, PropagatesErrors) {
  RowBatch batch = MakeBatch({Ints({0})});
  absl::StatusOr<std::vector<int64_t>> rows = SelectTrue(
      *Call(ExprOp::kGreater, kBool, Call(ExprOp::kDivide, kInt, Int(1), Col(0, kInt)), Int(0)),
      batch);
  EXPECT_EQ(rows.status().message(), "division by zero");
}

}  // namespace
}  // namespace tessera::expr_test
