// CASE (lazy), COALESCE (lazy), NULLIF, GREATEST and LEAST.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kBool = DataType::Bool();
const DataType kInt = DataType::Int64();
const DataType kText = DataType::Text();

ExprPtr Eq(ExprPtr a, ExprPtr b) { return Call(ExprOp::kEqual, kBool, std::move(a), std::move(b)); }

TEST(Case, FirstMatchingBranchWins) {
  RowBatch batch = MakeBatch({Ints({1, 2, 3, std::nullopt})});
  auto expr = Call(ExprOp::kCase, kText, Eq(Col(0, kInt), Int(1)), Txt("one"),
                   Call(ExprOp::kLess, kBool, Col(0, kInt), Int(3)), Txt("small"),
                   Eq(Col(0, kInt), Int(2)), Txt("unreachable"), Txt("other"));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("one", "small", "other", "other"));
}

TEST(Case, WithoutElseIsNull) {
  RowBatch batch = MakeBatch({Ints({1, 2})});
  auto expr = Call(ExprOp::kCase, kInt, Eq(Col(0, kInt), Int(1)), Int(10));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("10", "NULL"));
}

TEST(Case, NullConditionIsNotTrue) {
  RowBatch batch = MakeBatch({Bools({std::nullopt, true, false})});
  auto expr = Call(ExprOp::kCase, kInt, Col(0, kBool), Int(1), Int(0));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("0", "1", "0"));
}

TEST(Case, EvaluatesBranchesOnlyForTheirRows) {
  // CASE WHEN x = 0 THEN NULL ELSE 1 / x END never divides by zero.
  RowBatch batch = MakeBatch({Ints({0, 2, 0, -1, std::nullopt})});
  auto expr = Call(ExprOp::kCase, kInt, Eq(Col(0, kInt), Int(0)), Null(kInt),
                   Call(ExprOp::kDivide, kInt, Int(1), Col(0, kInt)));
  // The NULL row takes the ELSE too (NULL = 0 is not true); 1 / NULL is NULL.
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("NULL", "0", "NULL", "-1", "NULL"));
}

TEST(Case, ErrorsInTheRowsABranchTakesAreReported) {
  RowBatch batch = MakeBatch({Ints({1, 0})});
  auto expr = Call(ExprOp::kCase, kInt, Eq(Col(0, kInt), Int(1)), Int(1),
                   Call(ExprOp::kDivide, kInt, Int(1), Col(0, kInt)));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("error: division by zero"));
}

TEST(Case, ConditionsAfterAMatchAreNotEvaluated) {
  // WHEN x = 0 THEN 'zero' WHEN 10 / x > 1 THEN 'big' ELSE 'small'.
  RowBatch batch = MakeBatch({Ints({0, 2, 20})});
  auto expr = Call(ExprOp::kCase, kText, Eq(Col(0, kInt), Int(0)), Txt("zero"),
                   Call(ExprOp::kGreater, kBool,
                        Call(ExprOp::kDivide, kInt, Int(10), Col(0, kInt)), Int(1)),
                   Txt("big"), Txt("small"));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("zero", "big", "small"));
}

TEST(Case, BranchesOfOtherTypesAreConverted) {
  RowBatch batch = MakeBatch({Ints({1, 2})});
  auto expr = Call(ExprOp::kCase, DataType::Decimal(2), Eq(Col(0, kInt), Int(1)), Int(3),
                   Dec(15, 1));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("3.00", "1.50"));
}

TEST(Case, BranchesReadColumns) {
  RowBatch batch = MakeBatch({Ints({1, 2, 3}), Texts({"a", "b", "c"}), Texts({"x", "y", "z"})});
  auto expr = Call(ExprOp::kCase, kText,
                   Call(ExprOp::kEqual, kBool,
                        Call(ExprOp::kModulo, kInt, Col(0, kInt), Int(2)), Int(1)),
                   Col(1, kText), Call(ExprOp::kUpper, kText, Col(2, kText)));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("a", "Y", "c"));
}

TEST(Coalesce, FirstNonNull) {
  RowBatch batch = MakeBatch({Ints({1, std::nullopt, std::nullopt}), Ints({10, 20, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kCoalesce, kInt, Col(0, kInt), Col(1, kInt), Int(99)), batch),
              ElementsAre("1", "20", "99"));
  EXPECT_THAT(Eval(*Call(ExprOp::kCoalesce, kInt, Col(0, kInt), Col(1, kInt)), batch),
              ElementsAre("1", "20", "NULL"));
}

TEST(Coalesce, LaterArgumentsOnlyForRowsStillNull) {
  RowBatch batch = MakeBatch({Ints({1, std::nullopt}), Ints({0, 5})});
  // coalesce(a, 10 / b): b = 0 only where a is not NULL.
  auto expr = Call(ExprOp::kCoalesce, kInt, Col(0, kInt),
                   Call(ExprOp::kDivide, kInt, Int(10), Col(1, kInt)));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("1", "2"));
}

TEST(Coalesce, RowsAfterANullKeepTheirOwnValues) {
  // A NULL first, then values: each later row must take its own value, not
  // its neighbour's.
  RowBatch batch = MakeBatch({Ints({std::nullopt, 2, std::nullopt, 4, 5}), Ints({10, 20, 30, 40, 50})});
  EXPECT_THAT(Eval(*Call(ExprOp::kCoalesce, kInt, Col(0, kInt), Col(1, kInt)), batch),
              ElementsAre("10", "2", "30", "4", "5"));
}

TEST(NullIf, NullWhereEqual) {
  RowBatch batch = MakeBatch({Ints({1, 2, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kNullIf, kInt, Col(0, kInt), Int(1)), batch),
              ElementsAre("NULL", "2", "NULL"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kNullIf, kInt, Int(1), Null(kInt))), "1");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kNullIf, kText, Txt(""), Txt(""))), "NULL");
}

TEST(GreatestLeast, IgnoreNulls) {
  RowBatch batch = MakeBatch({Ints({1, std::nullopt, 5, std::nullopt}),
                              Ints({3, 2, std::nullopt, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kGreatest, kInt, Col(0, kInt), Col(1, kInt)), batch),
              ElementsAre("3", "2", "5", "NULL"));
  EXPECT_THAT(Eval(*Call(ExprOp::kLeast, kInt, Col(0, kInt), Col(1, kInt), Int(4)), batch),
              ElementsAre("1", "2", "4", "4"));
}

TEST(GreatestLeast, MixedTypesInTheResultType) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kGreatest, DataType::Decimal(1), Int(1), Dec(15, 1), Null(kInt))),
            "1.5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLeast, kText, Txt("b"), Txt("a"), Txt("c"))), "a");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kGreatest, DataType::Date(), DateLit("2024-01-01"),
                          DateLit("2023-12-31"))),
            "2024-01-01");
}

}  // namespace
}  // namespace tessera::expr_test
