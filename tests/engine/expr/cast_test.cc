// CAST between every pair of engine types, with PostgreSQL's rounding rules
// and error messages; also CastValue and CastColumn.

#include "engine/expr/cast.h"

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

std::string Cast(ExprPtr value, DataType to) {
  return EvalOne(*Call(ExprOp::kCast, to, std::move(value)));
}

const DataType kInt = DataType::Int64();
const DataType kDouble = DataType::Double();
const DataType kText = DataType::Text();
const DataType kBool = DataType::Bool();
const DataType kDate = DataType::Date();
const DataType kTs = DataType::Timestamp();

TEST(Cast, TextToBigintTrimsAndRejectsGarbage) {
  EXPECT_EQ(Cast(Txt(" 12 "), kInt), "12");
  EXPECT_EQ(Cast(Txt("+5"), kInt), "5");
  EXPECT_EQ(Cast(Txt("-9223372036854775808"), kInt), "-9223372036854775808");
  EXPECT_EQ(Cast(Txt("abc"), kInt), "error: invalid input syntax for type bigint: \"abc\"");
  EXPECT_EQ(Cast(Txt(""), kInt), "error: invalid input syntax for type bigint: \"\"");
  EXPECT_EQ(Cast(Txt("1.5"), kInt), "error: invalid input syntax for type bigint: \"1.5\"");
  EXPECT_EQ(Cast(Txt("1,000"), kInt), "error: invalid input syntax for type bigint: \"1,000\"");
  EXPECT_EQ(Cast(Txt("9223372036854775808"), kInt),
            "error: value \"9223372036854775808\" is out of range for type bigint");
}

TEST(Cast, TextColumnStopsAtTheFirstBadRow) {
  RowBatch batch = MakeBatch({Texts({"1", std::nullopt, "x2"})});
  EXPECT_THAT(Eval(*Call(ExprOp::kCast, kInt, Col(0, kText)), batch),
              ElementsAre("error: invalid input syntax for type bigint: \"x2\""));
}

TEST(Cast, TextToDouble) {
  EXPECT_EQ(Cast(Txt(" 1.5 "), kDouble), "1.5");
  EXPECT_EQ(Cast(Txt(".5"), kDouble), "0.5");
  EXPECT_EQ(Cast(Txt("1e3"), kDouble), "1000");
  EXPECT_EQ(Cast(Txt("-Infinity"), kDouble), "-Infinity");
  EXPECT_EQ(Cast(Txt("nan"), kDouble), "NaN");
  EXPECT_EQ(Cast(Txt("abc"), kDouble),
            "error: invalid input syntax for type double precision: \"abc\"");
  EXPECT_EQ(Cast(Txt("1e400"), kDouble),
            "error: \"1e400\" is out of range for type double precision");
}

TEST(Cast, TextToDecimalRoundsHalfAwayFromZero) {
  EXPECT_EQ(Cast(Txt("12.345"), DataType::Decimal(2)), "12.35");
  EXPECT_EQ(Cast(Txt("-12.345"), DataType::Decimal(2)), "-12.35");
  EXPECT_EQ(Cast(Txt("12.344"), DataType::Decimal(2)), "12.34");
  EXPECT_EQ(Cast(Txt(" 1.5e-1 "), DataType::Decimal(2)), "0.15");
  EXPECT_EQ(Cast(Txt("1e3"), DataType::Decimal(0)), "1000");
  EXPECT_EQ(Cast(Txt("-.5"), DataType::Decimal(0)), "-1");
  EXPECT_EQ(Cast(Txt("abc"), DataType::Decimal(2)),
            "error: invalid input syntax for type numeric: \"abc\"");
  EXPECT_EQ(Cast(Txt("99999999999999999999"), DataType::Decimal(0)),
            "error: numeric field overflow");
}

TEST(Cast, TextToBoolean) {
  EXPECT_EQ(Cast(Txt("true"), kBool), "true");
  EXPECT_EQ(Cast(Txt(" T "), kBool), "true");
  EXPECT_EQ(Cast(Txt("yes"), kBool), "true");
  EXPECT_EQ(Cast(Txt("on"), kBool), "true");
  EXPECT_EQ(Cast(Txt("1"), kBool), "true");
  EXPECT_EQ(Cast(Txt("FALSE"), kBool), "false");
  EXPECT_EQ(Cast(Txt("of"), kBool), "false");
  EXPECT_EQ(Cast(Txt("n"), kBool), "false");
  EXPECT_EQ(Cast(Txt("0"), kBool), "false");
  EXPECT_EQ(Cast(Txt("o"), kBool), "error: invalid input syntax for type boolean: \"o\"");
  EXPECT_EQ(Cast(Txt("abc"), kBool), "error: invalid input syntax for type boolean: \"abc\"");
}

TEST(Cast, TextToDate) {
  EXPECT_EQ(Cast(Txt("2024-02-29"), kDate), "2024-02-29");
  EXPECT_EQ(Cast(Txt(" 2024-1-5 "), kDate), "2024-01-05");
  EXPECT_EQ(Cast(Txt("2024-01-01 10:00"), kDate), "2024-01-01");
  EXPECT_EQ(Cast(Txt("20240131"), kDate), "2024-01-31");
  EXPECT_EQ(Cast(Txt("20240230"), kDate),
            "error: date/time field value out of range: \"20240230\"");
  EXPECT_EQ(Cast(Txt("abc"), kDate), "error: invalid input syntax for type date: \"abc\"");
  EXPECT_EQ(Cast(Txt("31/02/2020"), kDate),
            "error: invalid input syntax for type date: \"31/02/2020\"");
  EXPECT_EQ(Cast(Txt("2023-02-29"), kDate),
            "error: date/time field value out of range: \"2023-02-29\"");
  EXPECT_EQ(Cast(Txt("2024-13-01"), kDate),
            "error: date/time field value out of range: \"2024-13-01\"");
}

TEST(Cast, TextToTimestamp) {
  EXPECT_EQ(Cast(Txt("2024-02-10 10:11:12"), kTs), "2024-02-10 10:11:12");
  EXPECT_EQ(Cast(Txt("2024-02-10T10:11"), kTs), "2024-02-10 10:11:00");
  EXPECT_EQ(Cast(Txt("2024-02-10"), kTs), "2024-02-10 00:00:00");
  EXPECT_EQ(Cast(Txt("2024-01-01 1:2:3"), kTs), "2024-01-01 01:02:03");
  EXPECT_EQ(Cast(Txt("2024-02-10 10:11:12.1234567"), kTs), "2024-02-10 10:11:12.123457");
  EXPECT_EQ(Cast(Txt("2024-02-10 10:11:12.5"), kTs), "2024-02-10 10:11:12.500000");
  EXPECT_EQ(Cast(Txt("2024-01-01 24:00:00"), kTs), "2024-01-02 00:00:00");
  EXPECT_EQ(Cast(Txt("20240131 10:30"), kTs), "2024-01-31 10:30:00");
  EXPECT_EQ(Cast(Txt("20240131103000"), kTs),
            "error: invalid input syntax for type timestamp: \"20240131103000\"");
  EXPECT_EQ(Cast(Txt("2024-02-10 25:00"), kTs),
            "error: date/time field value out of range: \"2024-02-10 25:00\"");
  EXPECT_EQ(Cast(Txt("abc"), kTs), "error: invalid input syntax for type timestamp: \"abc\"");
}

TEST(Cast, DoubleToBigintRoundsHalfToEven) {
  EXPECT_EQ(Cast(Dbl(2.5), kInt), "2");
  EXPECT_EQ(Cast(Dbl(3.5), kInt), "4");
  EXPECT_EQ(Cast(Dbl(-2.5), kInt), "-2");
  EXPECT_EQ(Cast(Dbl(2.6), kInt), "3");
  EXPECT_EQ(Cast(Dbl(1e30), kInt), "error: bigint out of range");
  EXPECT_EQ(Cast(Dbl(9223372036854775808.0), kInt), "error: bigint out of range");
  EXPECT_EQ(Cast(Dbl(-9223372036854775808.0), kInt), "-9223372036854775808");
  EXPECT_EQ(Cast(Dbl(std::numeric_limits<double>::quiet_NaN()), kInt),
            "error: bigint out of range");
}

TEST(Cast, DecimalToBigintRoundsHalfAwayFromZero) {
  EXPECT_EQ(Cast(Dec(25, 1), kInt), "3");
  EXPECT_EQ(Cast(Dec(-25, 1), kInt), "-3");
  EXPECT_EQ(Cast(Dec(24, 1), kInt), "2");
}

TEST(Cast, DecimalScaleChanges) {
  EXPECT_EQ(Cast(Dec(15, 1), DataType::Decimal(0)), "2");
  EXPECT_EQ(Cast(Dec(-25, 1), DataType::Decimal(0)), "-3");
  EXPECT_EQ(Cast(Dec(12345, 3), DataType::Decimal(2)), "12.35");
  EXPECT_EQ(Cast(Dec(15, 1), DataType::Decimal(3)), "1.500");
  EXPECT_EQ(Cast(Dec(std::numeric_limits<int64_t>::max(), 0), DataType::Decimal(1)),
            "error: numeric field overflow");
  EXPECT_EQ(Cast(Int(7), DataType::Decimal(2)), "7.00");
}

TEST(Cast, DoubleToDecimalGoesThroughFifteenDigits) {
  EXPECT_EQ(Cast(Dbl(2.675), DataType::Decimal(2)), "2.68");  // 2.67499999... as a double.
  EXPECT_EQ(Cast(Dbl(2.5), DataType::Decimal(0)), "3");
  EXPECT_EQ(Cast(Dbl(0.125), DataType::Decimal(2)), "0.13");
  EXPECT_EQ(Cast(Dbl(1e-5), DataType::Decimal(6)), "0.000010");
  EXPECT_EQ(Cast(Dbl(0.1 + 0.2), DataType::Decimal(9)), "0.300000000");
  EXPECT_EQ(Cast(Dbl(1e20), DataType::Decimal(0)), "error: numeric field overflow");
  EXPECT_EQ(Cast(Dbl(std::numeric_limits<double>::quiet_NaN()), DataType::Decimal(2)),
            "error: cannot convert NaN to numeric");
}

TEST(Cast, ToDouble) {
  EXPECT_EQ(Cast(Int(-3), kDouble), "-3");
  EXPECT_EQ(Cast(Dec(12345, 3), kDouble), "12.345");
  EXPECT_EQ(Cast(Dec(std::numeric_limits<int64_t>::max(), 9), kDouble), "9223372036.854776");
}

TEST(Cast, BooleanAndBigint) {
  EXPECT_EQ(Cast(Int(5), kBool), "true");
  EXPECT_EQ(Cast(Int(0), kBool), "false");
  EXPECT_EQ(Cast(Bool(true), kInt), "1");
}

TEST(Cast, DateAndTimestamp) {
  EXPECT_EQ(Cast(DateLit("2024-01-01"), kTs), "2024-01-01 00:00:00");
  EXPECT_EQ(Cast(TsLit("2024-01-01 10:00:00.5"), kDate), "2024-01-01");
  EXPECT_EQ(Cast(TsLit("1969-12-31 23:59:59"), kDate), "1969-12-31");
}

TEST(Cast, AnythingToTextPrintsAsFormatCell) {
  EXPECT_EQ(Cast(Bool(true), kText), "true");
  EXPECT_EQ(Cast(Int(-42), kText), "-42");
  EXPECT_EQ(Cast(Int(INT64_MIN), kText), "-9223372036854775808");
  EXPECT_EQ(Cast(Dbl(1.5), kText), "1.5");
  EXPECT_EQ(Cast(Dbl(0.1), kText), "0.1");
  EXPECT_EQ(Cast(Dec(1250, 2), kText), "12.50");
  EXPECT_EQ(Cast(DateLit("2024-02-29"), kText), "2024-02-29");
  EXPECT_EQ(Cast(TsLit("2024-02-29 13:45:00"), kText), "2024-02-29 13:45:00");
}

TEST(Cast, NullStaysNull) {
  EXPECT_EQ(Cast(Null(kText), kInt), "NULL");
  EXPECT_EQ(Cast(Null(kDouble), kInt), "NULL");
  // As in PostgreSQL, the types decide whether a cast exists, even for NULL.
  EXPECT_EQ(Cast(Null(kInt), kDate), "error: cannot cast type bigint to date");
}

TEST(Cast, UntypedNullLiteralTakesTheNodesType) {
  ExprPtr null = Null(kText);
  null->type = kDate;
  EXPECT_EQ(EvalOne(*null), "NULL");
}

TEST(Cast, UnsupportedPairsAreErrors) {
  EXPECT_EQ(Cast(DateLit("2024-01-01"), kInt), "error: cannot cast type date to bigint");
  EXPECT_EQ(Cast(Dbl(1.5), kBool), "error: cannot cast type double precision to boolean");
  EXPECT_EQ(Cast(Int(1), kDate), "error: cannot cast type bigint to date");
}

TEST(Cast, CastValueAndCastColumn) {
  absl::StatusOr<Value> v = CastValue(Value::Text("12.5"), DataType::Decimal(2));
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_EQ(*v, Value::Decimal(1250, 2));
  absl::StatusOr<Value> null = CastValue(Value::Null(kText), kDate);
  ASSERT_TRUE(null.ok());
  EXPECT_EQ(*null, Value::Null(kDate));
  absl::StatusOr<Value> bad = CastValue(Value::Text("x"), kInt);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);

  absl::StatusOr<ColumnVector> column = CastColumn(Ints({1, std::nullopt}), kText);
  ASSERT_TRUE(column.ok());
  EXPECT_THAT(Cells(*column), ElementsAre("1", "NULL"));
}

}  // namespace
}  // namespace tessera::expr_test
