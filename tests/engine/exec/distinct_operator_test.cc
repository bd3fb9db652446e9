#include "engine/exec/distinct_operator.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::D;
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

const std::vector<std::pair<std::string, DataType>> kCols = {{"n", DataType::Int64()},
                                                             {"s", DataType::Text()}};

TEST(DistinctOperator, KeepsFirstOccurrencesInOrderWithNullsEqual) {
  std::vector<Row> rows = {{I(1), T("a")},     {I(1), T("a")}, {NullI(), T("a")}, {I(2), NullT()},
                           {NullI(), T("a")},  {I(1), T("b")}, {I(2), NullT()},   {NullI(), NullT()},
                           {NullI(), NullT()}, {I(1), T("a")}};
  DistinctOperator distinct(Input(kCols, rows, 3));
  EXPECT_EQ(Drain(distinct), std::vector<std::string>({"1|a", "NULL|a", "2|NULL", "1|b", "NULL|NULL"}));
  EXPECT_EQ(distinct.Describe(), "Distinct");
}

TEST(DistinctOperator, DoublesCompareByValue) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"x", DataType::Double()}};
  DistinctOperator distinct(Input(cols, {{D(0.0)}, {D(-0.0)}, {D(1.5)}, {D(1.5)}}));
  EXPECT_EQ(Drain(distinct), std::vector<std::string>({"0", "1.5"}));
}

TEST(DistinctOperator, EmptyInput) {
  DistinctOperator distinct(Input(kCols, {}));
  EXPECT_THAT(Drain(distinct), IsEmpty());
}

TEST(DistinctOperator, ManyRowsAcrossBatches) {
  std::vector<Row> rows;
  for (int i = 0; i < 10000; ++i) rows.push_back({I(i % 2500), T(i % 2 == 0 ? "even" : "odd")});
  DistinctOperator distinct(Input(kCols, rows, 300));
  std::vector<std::string> out = Drain(distinct);
  ASSERT_EQ(out.size(), 2500u);  // i % 2500 fixes i % 2.
  EXPECT_EQ(out[0], "0|even");
  EXPECT_EQ(out[2499], "2499|odd");
}

TEST(DistinctOperator, NeverExceedsTheDefaultBatchSize) {
  std::vector<Row> rows;
  for (int i = 0; i < 6000; ++i) rows.push_back({I(i < 1000 ? i % 400 : i), T("x")});
  DistinctOperator distinct(Input(kCols, rows, 1000));
  std::vector<std::string> out = Drain(distinct);  // Execute checks every batch's size.
  ASSERT_EQ(out.size(), 5400u);
  EXPECT_EQ(out[400], "1000|x");
}

TEST(DistinctOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({I(i), T("text")});
  DistinctOperator distinct(Input(kCols, rows));
  TestContext tc(16 * 1024);
  auto result = Execute(distinct, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(DistinctOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  TestContext tc;
  DistinctOperator distinct(
      std::make_unique<testing::CancellingOperator>(Input(kCols, rows, 5), &tc.query, 2));
  auto result = Execute(distinct, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera
