#include "engine/exec/hash_aggregate_operator.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/types/double_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::D;
using ::tessera::testing::Dec;
using ::tessera::testing::Drain;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::NullT;
using ::tessera::testing::Row;
using ::tessera::testing::T;
using ::tessera::testing::TestContext;
using ::testing::IsEmpty;

const std::vector<std::pair<std::string, DataType>> kCols = {{"g", DataType::Text()},
                                                             {"n", DataType::Int64()},
                                                             {"d", DataType::Decimal(2)},
                                                             {"x", DataType::Double()}};

std::vector<Row> Rows() {
  return {
      {T("a"), I(1), Dec(150, 2), D(0.5)},
      {T("b"), I(10), Dec(-25, 2), D(2)},
      {T("a"), NullI(), Dec(100, 2), D(1.5)},
      {NullT(), I(7), Value::Null(DataType::Decimal(2)), D(4)},
      {T("a"), I(1), Dec(2, 2), Value::Null(DataType::Double())},
      {NullT(), I(3), Dec(5, 2), D(8)},
  };
}

AggregateSpec Agg(AggregateOp op, int arg, DataType type, bool distinct = false) {
  return AggregateSpec{op, distinct, arg, type, "agg"};
}

TEST(HashAggregateOperator, GroupsInFirstSeenOrderWithNullsAsOneGroup) {
  HashAggregateOperator agg(
      Input(kCols, Rows(), 2), {0},
      {Agg(AggregateOp::kCountStar, -1, DataType::Int64()), Agg(AggregateOp::kCount, 1, DataType::Int64()),
       Agg(AggregateOp::kSum, 1, DataType::Int64()), Agg(AggregateOp::kMin, 1, DataType::Int64()),
       Agg(AggregateOp::kMax, 1, DataType::Int64())});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|3|2|2|1|1", "b|1|1|10|10|10", "NULL|2|2|10|3|7"}));
  EXPECT_EQ(agg.Describe(), "HashAggregate by #0: count(*), count(#1), sum(#1), min(#1), max(#1)");
}

TEST(HashAggregateOperator, AvgOfIntegersDecimalsAndDoubles) {
  HashAggregateOperator agg(
      Input(kCols, Rows()), {0},
      {Agg(AggregateOp::kAvg, 1, DataType::Double()), Agg(AggregateOp::kAvg, 2, DataType::Double()),
       Agg(AggregateOp::kAvg, 3, DataType::Double())});
  // a: avg(1, 1) = 1; avg(1.50, 1.00, 0.02) = 0.84; avg(0.5, 1.5) = 1.
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|1|0.84|1", "b|10|-0.25|2", "NULL|5|0.05|6"}));
}

TEST(HashAggregateOperator, SumOfDecimalsAndDoubles) {
  HashAggregateOperator agg(
      Input(kCols, Rows()), {0},
      {Agg(AggregateOp::kSum, 2, DataType::Decimal(2)), Agg(AggregateOp::kSum, 3, DataType::Double())});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|2.52|2", "b|-0.25|2", "NULL|0.05|12"}));
}

TEST(HashAggregateOperator, SumAndAvgOfOnlyNullsAreNullAndCountIsZero) {
  std::vector<Row> rows = {
      {T("a"), NullI(), Value::Null(DataType::Decimal(2)), Value::Null(DataType::Double())}};
  HashAggregateOperator agg(
      Input(kCols, rows), {0},
      {Agg(AggregateOp::kCount, 1, DataType::Int64()), Agg(AggregateOp::kSum, 1, DataType::Int64()),
       Agg(AggregateOp::kAvg, 2, DataType::Double()), Agg(AggregateOp::kMin, 3, DataType::Double()),
       Agg(AggregateOp::kMax, 0, DataType::Text())});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|0|NULL|NULL|NULL|a"}));
}

TEST(HashAggregateOperator, EmptyInputWithoutGroupsGivesOneRow) {
  HashAggregateOperator agg(
      Input(kCols, {}), {},
      {Agg(AggregateOp::kCountStar, -1, DataType::Int64()), Agg(AggregateOp::kCount, 1, DataType::Int64()),
       Agg(AggregateOp::kSum, 1, DataType::Int64()), Agg(AggregateOp::kAvg, 3, DataType::Double()),
       Agg(AggregateOp::kMin, 0, DataType::Text()),
       Agg(AggregateOp::kCount, 1, DataType::Int64(), /*distinct=*/true)});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"0|0|NULL|NULL|NULL|0"}));
  EXPECT_EQ(agg.Describe(),
            "HashAggregate: count(*), count(#1), sum(#1), avg(#3), min(#0), count(DISTINCT #1)");
}

TEST(HashAggregateOperator, EmptyInputWithGroupsGivesNoRows) {
  HashAggregateOperator agg(Input(kCols, {}), {0}, {Agg(AggregateOp::kCountStar, -1, DataType::Int64())});
  EXPECT_THAT(Drain(agg), IsEmpty());
}

TEST(HashAggregateOperator, WholeInputAggregate) {
  HashAggregateOperator agg(
      Input(kCols, Rows(), 4), {},
      {Agg(AggregateOp::kCountStar, -1, DataType::Int64()), Agg(AggregateOp::kSum, 1, DataType::Int64()),
       Agg(AggregateOp::kMin, 0, DataType::Text()), Agg(AggregateOp::kMax, 0, DataType::Text())});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"6|22|a|b"}));
}

TEST(HashAggregateOperator, DistinctCountsEachValueOncePerGroup) {
  std::vector<Row> rows = {{T("a"), I(1)},    {T("a"), I(1)}, {T("b"), I(1)}, {T("a"), I(2)},
                           {T("a"), NullI()}, {T("b"), I(1)}, {T("a"), I(2)}, {T("b"), I(5)}};
  const std::vector<std::pair<std::string, DataType>> cols = {{"g", DataType::Text()},
                                                              {"n", DataType::Int64()}};
  HashAggregateOperator agg(
      Input(cols, rows, 3), {0},
      {Agg(AggregateOp::kCount, 1, DataType::Int64(), true), Agg(AggregateOp::kCount, 1, DataType::Int64()),
       Agg(AggregateOp::kSum, 1, DataType::Int64(), true),
       Agg(AggregateOp::kAvg, 1, DataType::Double(), true)});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|2|4|3|1.5", "b|2|3|6|3"}));
}

TEST(HashAggregateOperator, SumOverflowIsAnError) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"n", DataType::Int64()}};
  const int64_t max = std::numeric_limits<int64_t>::max();
  HashAggregateOperator agg(Input(cols, {{I(max)}, {I(1)}}), {},
                            {Agg(AggregateOp::kSum, 0, DataType::Int64())});
  auto result = Execute(agg);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(), "bigint out of range");
}

TEST(HashAggregateOperator, SumThatOverflowsOnlyPartWayIsExact) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"n", DataType::Int64()}};
  const int64_t max = std::numeric_limits<int64_t>::max();
  HashAggregateOperator agg(
      Input(cols, {{I(max)}, {I(10)}, {I(-20)}}), {},
      {Agg(AggregateOp::kSum, 0, DataType::Int64()), Agg(AggregateOp::kAvg, 0, DataType::Double())});
  auto result = Execute(agg);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, std::vector<std::string>({absl::StrCat(max - 10, "|", FormatDouble((max - 10.0) / 3))}));
}

TEST(HashAggregateOperator, MinAndMaxOfTextAreBytewise) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"s", DataType::Text()}};
  std::vector<Row> rows = {{T("b")}, {T("B")}, {T("\xc3\xa9")}, {T("ab")}, {NullT()}, {T("a")}};
  HashAggregateOperator agg(
      Input(cols, rows, 2), {},
      {Agg(AggregateOp::kMin, 0, DataType::Text()), Agg(AggregateOp::kMax, 0, DataType::Text())});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"B|\xc3\xa9"}));
}

TEST(HashAggregateOperator, ManyGroupsComeOutInBatches) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()},
                                                              {"v", DataType::Int64()}};
  std::vector<Row> rows;
  for (int rep = 0; rep < 3; ++rep) {
    for (int k = 0; k < 3000; ++k) rows.push_back({I(k), I(k * 10 + rep)});
  }
  HashAggregateOperator agg(
      Input(cols, rows, 500), {0},
      {Agg(AggregateOp::kCountStar, -1, DataType::Int64()), Agg(AggregateOp::kMax, 1, DataType::Int64()),
       Agg(AggregateOp::kMin, 1, DataType::Int64())});
  auto out = Execute(agg);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 3000u);
  for (int k = 0; k < 3000; ++k) {
    ASSERT_EQ((*out)[k], absl::StrCat(k, "|3|", k * 10 + 2, "|", k * 10));
  }
  EXPECT_EQ(agg.stats().batches_out, 3);
}

TEST(HashAggregateOperator, MinAndMaxOverManyImprovementsStayCorrect) {
  // Ascending input makes every row a new max: exercises compaction.
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()},
                                                              {"v", DataType::Text()}};
  std::vector<Row> rows;
  for (int i = 0; i < 20000; ++i) rows.push_back({I(i % 3), T(absl::StrCat(100000 + i))});
  HashAggregateOperator agg(
      Input(cols, rows, 1000), {0},
      {Agg(AggregateOp::kMax, 1, DataType::Text()), Agg(AggregateOp::kMin, 1, DataType::Text())});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"0|119998|100000", "1|119999|100001", "2|119997|100002"}));
}

TEST(HashAggregateOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()}};
  std::vector<Row> rows;
  for (int i = 0; i < 10000; ++i) rows.push_back({I(i)});
  HashAggregateOperator agg(Input(cols, rows), {0}, {Agg(AggregateOp::kCountStar, -1, DataType::Int64())});
  TestContext tc(32 * 1024);
  auto result = Execute(agg, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(HashAggregateOperator, StopsWhenCancelled) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()}};
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i)});
  TestContext tc;
  auto input = std::make_unique<testing::CancellingOperator>(Input(cols, rows, 10), &tc.query, 4);
  HashAggregateOperator agg(std::move(input), {0}, {Agg(AggregateOp::kCountStar, -1, DataType::Int64())});
  auto result = Execute(agg, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

TEST(HashAggregateOperator, RejectsUnsupportedResultTypes) {
  HashAggregateOperator agg(Input(kCols, Rows()), {}, {Agg(AggregateOp::kSum, 0, DataType::Int64())});
  TestContext tc;
  EXPECT_EQ(agg.Open(tc.ctx).code(), absl::StatusCode::kInternal);
}

TEST(HashAggregateOperator, SchemaIsGroupColumnsThenAggregates) {
  HashAggregateOperator agg(Input(kCols, Rows()), {3, 0},
                            {AggregateSpec{AggregateOp::kCountStar, false, -1, DataType::Int64(), "c"},
                             AggregateSpec{AggregateOp::kAvg, false, 1, DataType::Double(), "mean"}});
  EXPECT_EQ(agg.schema()->ToString(), "x double precision, g text, c bigint, mean double precision");
  EXPECT_FALSE(agg.schema()->field(2).nullable);
  EXPECT_TRUE(agg.schema()->field(3).nullable);
}

}  // namespace
}  // namespace tessera
