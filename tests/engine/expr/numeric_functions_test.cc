// abs, round, floor and ceil: decimals round half away from zero (numeric),
// doubles half to even (float8's rint), integers stay exact.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kInt = DataType::Int64();
const DataType kDouble = DataType::Double();

TEST(NumericFunctions, Abs) {
  RowBatch batch = MakeBatch({Ints({-5, 5, std::nullopt, 0})});
  EXPECT_THAT(Eval(*Call(ExprOp::kAbs, kInt, Col(0, kInt)), batch),
              ElementsAre("5", "5", "NULL", "0"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAbs, DataType::Decimal(1), Dec(-55, 1))), "5.5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAbs, kDouble, Dbl(-0.5))), "0.5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAbs, kInt, Int(INT64_MIN))), "error: bigint out of range");
}

TEST(NumericFunctions, RoundDecimalHalfAwayFromZero) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, DataType::Decimal(0), Dec(25, 1))), "3");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, DataType::Decimal(0), Dec(-25, 1))), "-3");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, DataType::Decimal(0), Dec(24, 1))), "2");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, DataType::Decimal(2), Dec(2345, 3), Int(2))), "2.35");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, DataType::Decimal(1), Dec(12345, 1), Int(-2))),
            "1200.0");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, DataType::Decimal(3), Dec(2345, 3), Int(5))), "2.345");
}

TEST(NumericFunctions, RoundDoubleHalfToEven) {
  RowBatch batch = MakeBatch({Doubles({2.5, 3.5, -2.5, 0.5, 2.4, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kRound, kDouble, Col(0, kDouble)), batch),
              ElementsAre("2", "4", "-2", "0", "2", "NULL"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, kDouble, Dbl(1.2345), Int(2))), "1.23");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, kDouble, Dbl(1234.5), Int(-2))), "1200");
}

TEST(NumericFunctions, RoundBigint) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, kInt, Int(1250), Int(-2))), "1300");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, kInt, Int(-1250), Int(-2))), "-1300");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, kInt, Int(7))), "7");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRound, kInt, Int(7), Null(kInt))), "NULL");
}

TEST(NumericFunctions, FloorAndCeil) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kFloor, DataType::Decimal(0), Dec(-55, 1))), "-6");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kCeil, DataType::Decimal(0), Dec(-55, 1))), "-5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kFloor, DataType::Decimal(0), Dec(55, 1))), "5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kCeil, DataType::Decimal(0), Dec(51, 1))), "6");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kCeil, DataType::Decimal(2), Dec(500, 2))), "5.00");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kFloor, kDouble, Dbl(-5.5))), "-6");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kCeil, kDouble, Dbl(-5.5))), "-5");
  RowBatch batch = MakeBatch({Ints({3, std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kFloor, kInt, Col(0, kInt)), batch), ElementsAre("3", "NULL"));
}

TEST(NumericFunctions, TextIsRejected) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAbs, kInt, Txt("x"))), "error: function abs(text) does not exist");
}

}  // namespace
}  // namespace tessera::expr_test
