#include "engine/exec/limit_operator.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::CountingOperator;
using ::tessera::testing::Drain;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::Row;
using ::tessera::testing::TestContext;
using ::testing::IsEmpty;

const std::vector<std::pair<std::string, DataType>> kCols = {{"n", DataType::Int64()}};

std::vector<Row> Numbers(int count) {
  std::vector<Row> rows;
  for (int i = 0; i < count; ++i) rows.push_back({I(i)});
  return rows;
}

std::vector<std::string> Strings(int begin, int end) {
  std::vector<std::string> out;
  for (int i = begin; i < end; ++i) out.push_back(absl::StrCat(i));
  return out;
}

TEST(LimitOperator, LimitWithinOneBatch) {
  LimitOperator limit(Input(kCols, Numbers(10)), 3);
  EXPECT_EQ(Drain(limit), Strings(0, 3));
  EXPECT_EQ(limit.Describe(), "Limit 3");
}

TEST(LimitOperator, OffsetAndLimitAcrossBatches) {
  LimitOperator limit(Input(kCols, Numbers(50), 4), 13, 6);
  EXPECT_EQ(Drain(limit), Strings(6, 19));
  EXPECT_EQ(limit.Describe(), "Limit 13 offset 6");
}

TEST(LimitOperator, OffsetOnly) {
  LimitOperator limit(Input(kCols, Numbers(20), 3), std::nullopt, 17);
  EXPECT_EQ(Drain(limit), Strings(17, 20));
  EXPECT_EQ(limit.Describe(), "Offset 17");
}

TEST(LimitOperator, OffsetPastTheEnd) {
  LimitOperator limit(Input(kCols, Numbers(20), 3), 5, 25);
  EXPECT_THAT(Drain(limit), IsEmpty());
}

TEST(LimitOperator, LimitLargerThanInput) {
  LimitOperator limit(Input(kCols, Numbers(5), 2), 100);
  EXPECT_EQ(Drain(limit), Strings(0, 5));
}

TEST(LimitOperator, StopsPullingOnceDone) {
  auto input = std::make_unique<CountingOperator>(Input(kCols, Numbers(100), 10));
  CountingOperator* counter = input.get();
  LimitOperator limit(std::move(input), 15, 5);
  EXPECT_EQ(Drain(limit), Strings(5, 20));
  EXPECT_EQ(counter->calls(), 2);  // Rows 0-19 are in the first two batches.
  EXPECT_EQ(counter->rows_pulled(), 20);
}

TEST(LimitOperator, LimitZeroPullsNothing) {
  auto input = std::make_unique<CountingOperator>(Input(kCols, Numbers(100), 10));
  CountingOperator* counter = input.get();
  LimitOperator limit(std::move(input), 0);
  EXPECT_THAT(Drain(limit), IsEmpty());
  EXPECT_EQ(counter->calls(), 0);
}

TEST(LimitOperator, StopsWhenCancelled) {
  TestContext tc;
  LimitOperator limit(
      std::make_unique<testing::CancellingOperator>(Input(kCols, Numbers(100), 10), &tc.query, 2),
      std::nullopt, 95);
  auto result = Execute(limit, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera
