// date_trunc, extract, interval arithmetic with PostgreSQL's month rules,
// and date/timestamp differences.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kDate = DataType::Date();
const DataType kTs = DataType::Timestamp();
const DataType kDouble = DataType::Double();

std::string Trunc(const std::string& field, ExprPtr value) {
  auto expr = Call(ExprOp::kDateTrunc, kTs, std::move(value));
  expr->field = field;
  return EvalOne(*expr);
}

std::string Extract(const std::string& field, ExprPtr value) {
  auto expr = Call(ExprOp::kExtract, kDouble, std::move(value));
  expr->field = field;
  return EvalOne(*expr);
}

std::string Plus(ExprPtr value, Interval interval, DataType type = kTs) {
  auto expr = Call(ExprOp::kAddInterval, type, std::move(value));
  expr->interval = interval;
  return EvalOne(*expr);
}

std::string Minus(ExprPtr value, Interval interval) {
  auto expr = Call(ExprOp::kSubtractInterval, kTs, std::move(value));
  expr->interval = interval;
  return EvalOne(*expr);
}

TEST(DateTrunc, EveryField) {
  const std::string ts = "2024-05-17 10:11:12.345678";
  EXPECT_EQ(Trunc("year", TsLit(ts)), "2024-01-01 00:00:00");
  EXPECT_EQ(Trunc("quarter", TsLit(ts)), "2024-04-01 00:00:00");
  EXPECT_EQ(Trunc("month", TsLit(ts)), "2024-05-01 00:00:00");
  EXPECT_EQ(Trunc("week", TsLit(ts)), "2024-05-13 00:00:00");  // A Monday.
  EXPECT_EQ(Trunc("day", TsLit(ts)), "2024-05-17 00:00:00");
  EXPECT_EQ(Trunc("hour", TsLit(ts)), "2024-05-17 10:00:00");
  EXPECT_EQ(Trunc("minute", TsLit(ts)), "2024-05-17 10:11:00");
  EXPECT_EQ(Trunc("second", TsLit(ts)), "2024-05-17 10:11:12");
  EXPECT_EQ(Trunc("milliseconds", TsLit(ts)), "2024-05-17 10:11:12.345000");
  EXPECT_EQ(Trunc("decade", TsLit(ts)), "2020-01-01 00:00:00");
  EXPECT_EQ(Trunc("century", TsLit(ts)), "2001-01-01 00:00:00");
  EXPECT_EQ(Trunc("millennium", TsLit(ts)), "2001-01-01 00:00:00");
}

TEST(DateTrunc, WeekStartsOnMonday) {
  EXPECT_EQ(Trunc("week", DateLit("2024-03-03")), "2024-02-26 00:00:00");  // Sunday.
  EXPECT_EQ(Trunc("week", DateLit("2024-03-04")), "2024-03-04 00:00:00");  // Monday.
  EXPECT_EQ(Trunc("week", TsLit("2024-01-01 10:00:00")), "2024-01-01 00:00:00");
  EXPECT_EQ(Trunc("week", DateLit("1970-01-01")), "1969-12-29 00:00:00");
}

TEST(DateTrunc, OfADateIsATimestamp) {
  EXPECT_EQ(Trunc("quarter", DateLit("2024-12-31")), "2024-10-01 00:00:00");
  EXPECT_EQ(Trunc("month", DateLit("2024-02-29")), "2024-02-01 00:00:00");
}

TEST(DateTrunc, BeforeTheEpoch) {
  EXPECT_EQ(Trunc("year", TsLit("1969-06-01 10:00:00")), "1969-01-01 00:00:00");
  EXPECT_EQ(Trunc("hour", TsLit("1969-12-31 23:59:59.5")), "1969-12-31 23:00:00");
  EXPECT_EQ(Trunc("day", TsLit("1969-12-31 23:59:59.5")), "1969-12-31 00:00:00");
}

TEST(DateTrunc, ColumnWithNulls) {
  RowBatch batch = MakeBatch({Timestamps({"2024-05-17 10:11:12", std::nullopt})});
  auto expr = Call(ExprOp::kDateTrunc, kTs, Col(0, kTs));
  expr->field = "month";
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("2024-05-01 00:00:00", "NULL"));
}

TEST(DateTrunc, UnknownUnitIsAnError) {
  EXPECT_EQ(Trunc("fortnight", TsLit("2024-01-01 00:00:00")),
            "error: unit \"fortnight\" not recognized for type timestamp");
  EXPECT_EQ(Trunc("dow", TsLit("2024-01-01 00:00:00")),
            "error: unit \"dow\" not recognized for type timestamp");
}

TEST(Extract, Fields) {
  const std::string ts = "2024-03-03 01:02:03.5";
  EXPECT_EQ(Extract("year", TsLit(ts)), "2024");
  EXPECT_EQ(Extract("quarter", TsLit(ts)), "1");
  EXPECT_EQ(Extract("month", TsLit(ts)), "3");
  EXPECT_EQ(Extract("day", TsLit(ts)), "3");
  EXPECT_EQ(Extract("hour", TsLit(ts)), "1");
  EXPECT_EQ(Extract("minute", TsLit(ts)), "2");
  EXPECT_EQ(Extract("second", TsLit(ts)), "3.5");
  EXPECT_EQ(Extract("milliseconds", TsLit(ts)), "3500");
  EXPECT_EQ(Extract("microseconds", TsLit(ts)), "3500000");
  EXPECT_EQ(Extract("doy", TsLit(ts)), "63");
  EXPECT_EQ(Extract("epoch", TsLit(ts)), "1709427723.5");
  EXPECT_EQ(Extract("decade", TsLit(ts)), "202");
  EXPECT_EQ(Extract("century", TsLit(ts)), "21");
  EXPECT_EQ(Extract("millennium", TsLit(ts)), "3");
}

TEST(Extract, DayOfWeek) {
  // 2024-03-03 is a Sunday: dow 0, isodow 7.
  EXPECT_EQ(Extract("dow", DateLit("2024-03-03")), "0");
  EXPECT_EQ(Extract("isodow", DateLit("2024-03-03")), "7");
  EXPECT_EQ(Extract("dow", DateLit("2024-03-04")), "1");
  EXPECT_EQ(Extract("dow", DateLit("1969-12-31")), "3");
  EXPECT_EQ(Extract("dow", DateLit("2024-03-09")), "6");
}

TEST(Extract, IsoWeekAndYear) {
  EXPECT_EQ(Extract("week", DateLit("2024-12-30")), "1");
  EXPECT_EQ(Extract("isoyear", DateLit("2024-12-30")), "2025");
  EXPECT_EQ(Extract("week", DateLit("2021-01-01")), "53");
  EXPECT_EQ(Extract("isoyear", DateLit("2021-01-01")), "2020");
  EXPECT_EQ(Extract("week", DateLit("2024-01-01")), "1");
}

TEST(Extract, FromDates) {
  EXPECT_EQ(Extract("epoch", DateLit("2024-03-03")), "1709424000");
  EXPECT_EQ(Extract("year", DateLit("2024-03-03")), "2024");
  EXPECT_EQ(Extract("hour", DateLit("2024-01-01")),
            "error: unit \"hour\" not supported for type date");
}

TEST(Extract, BeforeTheEpoch) {
  EXPECT_EQ(Extract("epoch", TsLit("1969-12-31 23:59:59.5")), "-0.5");
  EXPECT_EQ(Extract("second", TsLit("1969-12-31 23:59:59.5")), "59.5");
  EXPECT_EQ(Extract("hour", TsLit("1969-12-31 23:59:59.5")), "23");
}

TEST(Extract, UnknownUnitIsAnError) {
  EXPECT_EQ(Extract("fortnight", TsLit("2024-01-01 00:00:00")),
            "error: unit \"fortnight\" not recognized for type timestamp");
}

TEST(IntervalArithmetic, MonthsClampToTheMonthsEnd) {
  EXPECT_EQ(Plus(DateLit("2024-01-31"), {.months = 1}), "2024-02-29 00:00:00");
  EXPECT_EQ(Plus(DateLit("2023-01-31"), {.months = 1}), "2023-02-28 00:00:00");
  EXPECT_EQ(Minus(DateLit("2024-03-31"), {.months = 1}), "2024-02-29 00:00:00");
  EXPECT_EQ(Plus(DateLit("2024-02-29"), {.months = 12}), "2025-02-28 00:00:00");
  EXPECT_EQ(Plus(TsLit("2024-01-31 23:00:00"), {.months = 1}), "2024-02-29 23:00:00");
  EXPECT_EQ(Plus(DateLit("2024-11-30"), {.months = 3}), "2025-02-28 00:00:00");
}

TEST(IntervalArithmetic, MonthsThenDaysThenTime) {
  EXPECT_EQ(Plus(TsLit("2024-01-31 10:00:00"),
                 {.months = 1, .days = 1, .micros = 2 * 3600 * int64_t{1000000}}),
            "2024-03-01 12:00:00");
  EXPECT_EQ(Minus(TsLit("2024-03-31 00:00:00"), {.months = 1, .days = 1}),
            "2024-02-28 00:00:00");
  EXPECT_EQ(Plus(TsLit("2024-01-01 00:00:00"), {.days = -1, .micros = 3600 * int64_t{1000000}}),
            "2023-12-31 01:00:00");
}

TEST(IntervalArithmetic, DeclaredDateResultDropsTheTime) {
  EXPECT_EQ(Plus(DateLit("2024-01-31"), {.months = 1}, kDate), "2024-02-29");
}

TEST(IntervalArithmetic, OutOfRangeIsAnError) {
  EXPECT_EQ(Plus(TsLit("2024-01-01 00:00:00"), {.days = 1000000000}),
            "error: timestamp out of range");
}

TEST(IntervalArithmetic, NullStaysNull) {
  RowBatch batch = MakeBatch({Dates({std::nullopt, "2024-01-01"})});
  auto expr = Call(ExprOp::kAddInterval, kTs, Col(0, kDate));
  expr->interval = {.days = 1};
  EXPECT_THAT(Eval(*expr, batch), ElementsAre("NULL", "2024-01-02 00:00:00"));
}

TEST(Differences, DateMinusDateIsDays) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDateDiffDays, DataType::Int64(), DateLit("2024-03-03"),
                          DateLit("2024-01-01"))),
            "62");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kDateDiffDays, DataType::Int64(), DateLit("2024-01-01"),
                          DateLit("2024-03-03"))),
            "-62");
}

TEST(Differences, TimestampMinusTimestampIsSeconds) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kTimestampDiff, kDouble, TsLit("2024-03-03 00:00:00"),
                          TsLit("2024-03-02 12:00:00"))),
            "43200");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kTimestampDiff, kDouble, TsLit("2024-01-01 00:00:00"),
                          TsLit("2024-01-01 00:00:00.25"))),
            "-0.25");
}

}  // namespace
}  // namespace tessera::expr_test
