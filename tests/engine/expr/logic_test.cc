// Three-valued logic: the full truth tables of AND, OR and NOT, the IS
// tests, IS [NOT] DISTINCT FROM, and AND/OR skipping rows already decided.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kBool = DataType::Bool();
const DataType kInt = DataType::Int64();

// Every pair of (true, false, NULL) x (true, false, NULL), row by row.
RowBatch TruthPairs() {
  const std::optional<bool> t = true, f = false, n = std::nullopt;
  return MakeBatch({Bools({t, t, t, f, f, f, n, n, n}), Bools({t, f, n, t, f, n, t, f, n})});
}

TEST(Logic, AndTruthTable) {
  EXPECT_THAT(Eval(*Call(ExprOp::kAnd, kBool, Col(0, kBool), Col(1, kBool)), TruthPairs()),
              ElementsAre("true", "false", "NULL",     //
                          "false", "false", "false",   //
                          "NULL", "false", "NULL"));
}

TEST(Logic, OrTruthTable) {
  EXPECT_THAT(Eval(*Call(ExprOp::kOr, kBool, Col(0, kBool), Col(1, kBool)), TruthPairs()),
              ElementsAre("true", "true", "true",    //
                          "true", "false", "NULL",   //
                          "true", "NULL", "NULL"));
}

TEST(Logic, NotTruthTable) {
  RowBatch batch = MakeBatch({Bools({true, false, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kNot, kBool, Col(0, kBool)), batch),
              ElementsAre("false", "true", "NULL"));
}

TEST(Logic, AndOrTakeMoreThanTwoArguments) {
  RowBatch batch = MakeBatch({Bools({true, true, std::nullopt}), Bools({true, false, true}),
                              Bools({true, true, true})});
  EXPECT_THAT(Eval(*Call(ExprOp::kAnd, kBool, Col(0, kBool), Col(1, kBool), Col(2, kBool)), batch),
              ElementsAre("true", "false", "NULL"));
  EXPECT_THAT(Eval(*Call(ExprOp::kOr, kBool, Col(1, kBool), Col(0, kBool), Bool(false)), batch),
              ElementsAre("true", "true", "true"));
}

TEST(Logic, ConstantOperands) {
  RowBatch batch = MakeBatch({Bools({true, false, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kAnd, kBool, Col(0, kBool), Null(kBool)), batch),
              ElementsAre("NULL", "false", "NULL"));
  EXPECT_THAT(Eval(*Call(ExprOp::kOr, kBool, Bool(true), Col(0, kBool)), batch),
              ElementsAre("true", "true", "true"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAnd, kBool, Bool(true), Null(kBool))), "NULL");
}

TEST(Logic, IsTests) {
  RowBatch batch = MakeBatch({Bools({true, false, std::nullopt})});
  auto test = [&](ExprOp op) { return Eval(*Call(op, kBool, Col(0, kBool)), batch); };
  EXPECT_THAT(test(ExprOp::kIsTrue), ElementsAre("true", "false", "false"));
  EXPECT_THAT(test(ExprOp::kIsNotTrue), ElementsAre("false", "true", "true"));
  EXPECT_THAT(test(ExprOp::kIsFalse), ElementsAre("false", "true", "false"));
  EXPECT_THAT(test(ExprOp::kIsNotFalse), ElementsAre("true", "false", "true"));
  EXPECT_THAT(test(ExprOp::kIsNull), ElementsAre("false", "false", "true"));
  EXPECT_THAT(test(ExprOp::kIsNotNull), ElementsAre("true", "true", "false"));
}

TEST(Logic, IsNullOfAnyType) {
  RowBatch batch = MakeBatch({Texts({"", std::nullopt}), Doubles({std::nullopt, 0.0})});
  EXPECT_THAT(Eval(*Call(ExprOp::kIsNull, kBool, Col(0, DataType::Text())), batch),
              ElementsAre("false", "true"));
  EXPECT_THAT(Eval(*Call(ExprOp::kIsNotNull, kBool, Col(1, DataType::Double())), batch),
              ElementsAre("false", "true"));
}

TEST(Logic, IsDistinctFromTreatsNullAsAValue) {
  RowBatch batch = MakeBatch({Ints({1, 1, std::nullopt, std::nullopt}),
                              Ints({1, 2, 1, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kIsDistinctFrom, kBool, Col(0, kInt), Col(1, kInt)), batch),
              ElementsAre("false", "true", "true", "false"));
  EXPECT_THAT(Eval(*Call(ExprOp::kIsNotDistinctFrom, kBool, Col(0, kInt), Col(1, kInt)), batch),
              ElementsAre("true", "false", "false", "true"));
}

TEST(Logic, IsDistinctFromAcrossTypes) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kIsDistinctFrom, kBool, Int(1), Dec(100, 2))), "false");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kIsNotDistinctFrom, kBool, Null(kInt), Null(DataType::Text()))),
            "true");
}

TEST(Logic, AndDoesNotEvaluateWhatTheLeftSideDecided) {
  // x <> 0 AND 10 / x > 1: row x = 0 is false without dividing.
  RowBatch batch = MakeBatch({Ints({0, 5, 20, std::nullopt})});
  auto expr = Call(ExprOp::kAnd, kBool, Call(ExprOp::kNotEqual, kBool, Col(0, kInt), Int(0)),
                   Call(ExprOp::kGreater, kBool,
                        Call(ExprOp::kDivide, kInt, Int(10), Col(0, kInt)), Int(1)));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("false", "true", "false", "NULL"));
}

TEST(Logic, OrDoesNotEvaluateWhatTheLeftSideDecided) {
  RowBatch batch = MakeBatch({Ints({0, 5, 20})});
  auto expr = Call(ExprOp::kOr, kBool, Call(ExprOp::kEqual, kBool, Col(0, kInt), Int(0)),
                   Call(ExprOp::kGreater, kBool,
                        Call(ExprOp::kDivide, kInt, Int(10), Col(0, kInt)), Int(1)));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("true", "true", "false"));
}

TEST(Logic, ErrorsInRowsStillOpenAreReported) {
  RowBatch batch = MakeBatch({Ints({0, 5})});
  auto expr = Call(ExprOp::kAnd, kBool, Call(ExprOp::kGreaterEqual, kBool, Col(0, kInt), Int(0)),
                   Call(ExprOp::kGreater, kBool,
                        Call(ExprOp::kDivide, kInt, Int(10), Col(0, kInt)), Int(1)));
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("error: division by zero"));
}

}  // namespace
}  // namespace tessera::expr_test
