// Arithmetic operators: PostgreSQL's integer division and remainder,
// overflow and division-by-zero errors, decimal scales, mixed types.

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kInt = DataType::Int64();
const DataType kDouble = DataType::Double();

TEST(Arithmetic, BigintColumnWithConstant) {
  RowBatch batch = MakeBatch({Ints({1, std::nullopt, -5})});
  EXPECT_THAT(Eval(*Call(ExprOp::kAdd, kInt, Col(0, kInt), Int(1)), batch),
              ElementsAre("2", "NULL", "-4"));
  EXPECT_THAT(Eval(*Call(ExprOp::kSubtract, kInt, Int(10), Col(0, kInt)), batch),
              ElementsAre("9", "NULL", "15"));
  EXPECT_THAT(Eval(*Call(ExprOp::kMultiply, kInt, Col(0, kInt), Col(0, kInt)), batch),
              ElementsAre("1", "NULL", "25"));
  EXPECT_THAT(Eval(*Call(ExprOp::kNegate, kInt, Col(0, kInt)), batch),
              ElementsAre("-1", "NULL", "5"));
}

TEST(Arithmetic, IntegerDivisionTruncatesTowardZero) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kInt, Int(7), Int(2))), "3");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kInt, Int(-7), Int(2))), "-3");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kInt, Int(7), Int(-2))), "-3");
}

TEST(Arithmetic, RemainderTakesTheDividendsSign) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kModulo, kInt, Int(-7), Int(3))), "-1");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kModulo, kInt, Int(7), Int(-3))), "1");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kModulo, kInt, Int(INT64_MIN), Int(-1))), "0");
}

TEST(Arithmetic, DivisionByZeroIsAnError) {
  RowBatch batch = MakeBatch({Ints({1, 0})});
  EXPECT_THAT(Eval(*Call(ExprOp::kDivide, kInt, Int(1), Col(0, kInt)), batch),
              ElementsAre("error: division by zero"));
  EXPECT_THAT(Eval(*Call(ExprOp::kModulo, kInt, Int(1), Col(0, kInt)), batch),
              ElementsAre("error: division by zero"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kDouble, Dbl(1), Dbl(0))), "error: division by zero");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kDouble, Dec(10, 1), Dec(0, 2))),
            "error: division by zero");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kModulo, DataType::Decimal(1), Dec(10, 1), Dec(0, 1))),
            "error: division by zero");
}

TEST(Arithmetic, DivisionByZeroInANullRowIsNotEvaluated) {
  RowBatch batch = MakeBatch({Ints({std::nullopt}), Ints({0})});
  EXPECT_THAT(Eval(*Call(ExprOp::kDivide, kInt, Col(0, kInt), Col(1, kInt)), batch),
              ElementsAre("NULL"));
}

TEST(Arithmetic, BigintOverflowIsAnError) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, kInt, Int(max), Int(1))), "error: bigint out of range");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kSubtract, kInt, Int(INT64_MIN), Int(1))),
            "error: bigint out of range");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, kInt, Int(max), Int(2))),
            "error: bigint out of range");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kInt, Int(INT64_MIN), Int(-1))),
            "error: bigint out of range");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kNegate, kInt, Int(INT64_MIN))), "error: bigint out of range");
}

TEST(Arithmetic, DecimalAddAlignsScales) {
  // 1.5 + 2.25 = 3.75 at scale 2.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, DataType::Decimal(2), Dec(15, 1), Dec(225, 2))), "3.75");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kSubtract, DataType::Decimal(2), Dec(15, 1), Dec(225, 2))),
            "-0.75");
  // A bigint is a decimal of scale 0.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, DataType::Decimal(2), Int(2), Dec(-125, 2))), "0.75");
}

TEST(Arithmetic, DecimalMultiplyAddsScales) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, DataType::Decimal(3), Dec(15, 1), Dec(225, 2))),
            "3.375");
  // Scale 6 + 6 is capped at 9, rounding half away from zero:
  // 0.000001 * 0.000500 = 0.0000000005 -> 0.000000001.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, DataType::Decimal(9), Dec(1, 6), Dec(500, 6))),
            "0.000000001");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, DataType::Decimal(9), Dec(-1, 6), Dec(500, 6))),
            "-0.000000001");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, DataType::Decimal(9), Dec(1, 6), Dec(499, 6))),
            "0.000000000");
}

TEST(Arithmetic, DecimalRemainder) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kModulo, DataType::Decimal(1), Dec(-15, 1), Int(1))), "-0.5");
}

TEST(Arithmetic, DecimalOverflowIsNumericFieldOverflow) {
  const int64_t max = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, DataType::Decimal(2), Dec(max, 2), Dec(1, 2))),
            "error: numeric field overflow");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, DataType::Decimal(4), Dec(max / 10, 2), Dec(1000, 2))),
            "error: numeric field overflow");
  // Aligning scales can overflow too.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, DataType::Decimal(9), Dec(max, 0), Dec(1, 9))),
            "error: numeric field overflow");
}

TEST(Arithmetic, DecimalDivisionIsDouble) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kDouble, Dec(15, 1), Int(2))), "0.75");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDivide, kDouble, Dec(1, 0), Dec(3, 0))), "0.3333333333333333");
}

TEST(Arithmetic, AnythingWithDoubleIsDouble) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, kDouble, Int(1), Dbl(0.5))), "1.5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, kDouble, Dec(25, 1), Dbl(2))), "5");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, kDouble, Dbl(0.1), Dbl(0.2))), "0.30000000000000004");
}

TEST(Arithmetic, DoubleOverflowAndUnderflowAreErrors) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, kDouble, Dbl(1e308), Dbl(10))),
            "error: value out of range: overflow");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, kDouble, Dbl(1e-308), Dbl(1e-100))),
            "error: value out of range: underflow");
  // Infinity in, infinity out: not an overflow.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, kDouble, Dbl(std::numeric_limits<double>::infinity()),
                          Dbl(1))),
            "Infinity");
}

TEST(Arithmetic, ResultIsConvertedToTheDeclaredType) {
  // The binder declared decimal(4) for a decimal(2) * decimal(1): exact.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kMultiply, DataType::Decimal(4), Dec(150, 2), Dec(5, 1))),
            "0.7500");
}

TEST(Arithmetic, DatePlusAndMinusIntegers) {
  RowBatch batch = MakeBatch({Dates({"2024-02-28", std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kAdd, DataType::Date(), Col(0, DataType::Date()), Int(2)), batch),
              ElementsAre("2024-03-01", "NULL"));
  EXPECT_THAT(Eval(*Call(ExprOp::kAdd, DataType::Date(), Int(1), Col(0, DataType::Date())), batch),
              ElementsAre("2024-02-29", "NULL"));
  EXPECT_THAT(
      Eval(*Call(ExprOp::kSubtract, DataType::Date(), Col(0, DataType::Date()), Int(59)), batch),
      ElementsAre("2023-12-31", "NULL"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kSubtract, kInt, DateLit("2024-03-03"), DateLit("2024-01-01"))),
            "62");
}

TEST(Arithmetic, TimestampMinusTimestampIsSeconds) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kSubtract, kDouble, TsLit("2024-03-03 00:00:00"),
                          TsLit("2024-03-02 12:00:00.5"))),
            "43199.5");
}

TEST(Arithmetic, TextOperandsAreRejected) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kAdd, kInt, Txt("1"), Bool(true))),
            "error: operator does not exist: text + boolean");
}

TEST(Arithmetic, LongColumnsTakeTheColumnPath) {
  std::vector<std::optional<int64_t>> a, b;
  for (int64_t i = 0; i < 3000; ++i) {
    a.push_back(i);
    b.push_back(i % 7 == 0 ? std::optional<int64_t>() : i * 2);
  }
  RowBatch batch = MakeBatch({Ints(a), Ints(b)});
  std::vector<std::string> sums =
      Eval(*Call(ExprOp::kAdd, kInt, Col(0, kInt), Col(1, kInt)), batch);
  ASSERT_EQ(sums.size(), 3000u);
  for (int64_t i = 0; i < 3000; ++i) {
    EXPECT_EQ(sums[i], i % 7 == 0 ? "NULL" : std::to_string(3 * i)) << i;
  }
}

}  // namespace
}  // namespace tessera::expr_test
