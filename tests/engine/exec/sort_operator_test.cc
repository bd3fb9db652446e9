#include "engine/exec/sort_operator.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

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

const std::vector<std::pair<std::string, DataType>> kCols = {{"k", DataType::Int64()},
                                                             {"s", DataType::Text()}};

std::vector<Row> Rows() {
  return {{I(2), T("a")}, {NullI(), T("b")}, {I(1), T("c")}, {I(2), T("d")},
          {I(1), T("e")}, {NullI(), T("f")}, {I(3), T("g")}};
}

ColumnSortKey Asc(int column) { return ColumnSortKey{column, false, false}; }
ColumnSortKey Desc(int column) { return ColumnSortKey{column, true, true}; }

TEST(SortOperator, AscendingIsStableWithNullsLast) {
  SortOperator sort(Input(kCols, Rows(), 2), {Asc(0)});
  EXPECT_EQ(Drain(sort), std::vector<std::string>({"1|c", "1|e", "2|a", "2|d", "3|g", "NULL|b", "NULL|f"}));
  EXPECT_EQ(sort.Describe(), "Sort #0");
}

TEST(SortOperator, DescendingIsStableWithNullsFirst) {
  SortOperator sort(Input(kCols, Rows(), 3), {Desc(0)});
  EXPECT_EQ(Drain(sort), std::vector<std::string>({"NULL|b", "NULL|f", "3|g", "2|a", "2|d", "1|c", "1|e"}));
  EXPECT_EQ(sort.Describe(), "Sort #0 DESC");
}

TEST(SortOperator, ExplicitNullPlacement) {
  SortOperator asc_first(Input(kCols, Rows()), {ColumnSortKey{0, false, true}});
  EXPECT_EQ(Drain(asc_first),
            std::vector<std::string>({"NULL|b", "NULL|f", "1|c", "1|e", "2|a", "2|d", "3|g"}));
  EXPECT_EQ(asc_first.Describe(), "Sort #0 NULLS FIRST");
  SortOperator desc_last(Input(kCols, Rows()), {ColumnSortKey{0, true, false}});
  EXPECT_EQ(Drain(desc_last),
            std::vector<std::string>({"3|g", "2|a", "2|d", "1|c", "1|e", "NULL|b", "NULL|f"}));
  EXPECT_EQ(desc_last.Describe(), "Sort #0 DESC NULLS LAST");
}

TEST(SortOperator, SeveralKeys) {
  SortOperator sort(Input(kCols, Rows()), {ColumnSortKey{0, true, false}, Desc(1)});
  EXPECT_EQ(Drain(sort), std::vector<std::string>({"3|g", "2|d", "2|a", "1|e", "1|c", "NULL|f", "NULL|b"}));
  EXPECT_EQ(sort.Describe(), "Sort #0 DESC NULLS LAST, #1 DESC");
}

TEST(SortOperator, TextSortsBytewise) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"s", DataType::Text()}};
  SortOperator sort(Input(cols, {{T("b")}, {T("a")}, {T("B")}, {NullT()}, {T("ab")}, {T("")}}), {Asc(0)});
  EXPECT_EQ(Drain(sort), std::vector<std::string>({"", "B", "a", "ab", "b", "NULL"}));
}

TEST(SortOperator, OffsetWithoutLimit) {
  SortOperator sort(Input(kCols, Rows()), {Asc(0)}, std::nullopt, 5);
  EXPECT_EQ(Drain(sort), std::vector<std::string>({"NULL|b", "NULL|f"}));
}

TEST(SortOperator, EmptyInput) {
  SortOperator sort(Input(kCols, {}), {Asc(0)});
  EXPECT_THAT(Drain(sort), IsEmpty());
  SortOperator top(Input(kCols, {}), {Asc(0)}, 3);
  EXPECT_THAT(Drain(top), IsEmpty());
}

TEST(SortOperator, TopNKeepsTheFirstOfTies) {
  SortOperator top(Input(kCols, Rows(), 2), {Asc(0)}, 3);
  EXPECT_EQ(Drain(top), std::vector<std::string>({"1|c", "1|e", "2|a"}));
  SortOperator top_offset(Input(kCols, Rows(), 2), {Desc(0)}, 2, 2);
  EXPECT_EQ(Drain(top_offset), std::vector<std::string>({"3|g", "2|a"}));
  EXPECT_EQ(top_offset.Describe(), "TopN 2 offset 2 by #0 DESC");
}

TEST(SortOperator, TopNWithLimitZeroReadsNothing) {
  auto input = std::make_unique<testing::CountingOperator>(Input(kCols, Rows()));
  testing::CountingOperator* counter = input.get();
  SortOperator top(std::move(input), {Asc(0)}, 0);
  EXPECT_THAT(Drain(top), IsEmpty());
  EXPECT_EQ(counter->calls(), 0);
}

TEST(SortOperator, TopNPastTheEnd) {
  SortOperator top(Input(kCols, Rows()), {Asc(0)}, 10, 6);
  EXPECT_EQ(Drain(top), std::vector<std::string>({"NULL|f"}));
  SortOperator beyond(Input(kCols, Rows()), {Asc(0)}, 10, 100);
  EXPECT_THAT(Drain(beyond), IsEmpty());
}

TEST(SortOperator, TopNEqualsSortThenLimitOnRandomData) {
  std::mt19937_64 rng(2024);
  std::vector<Row> rows;
  for (int i = 0; i < 6000; ++i) {
    int64_t a = static_cast<int64_t>(rng() % 30);
    int64_t b = static_cast<int64_t>(rng() % 7);
    rows.push_back({a == 0 ? NullI() : I(a), b == 0 ? NullT() : T(absl::StrCat("t", b)), I(i)});
  }
  const std::vector<std::pair<std::string, DataType>> cols = {
      {"a", DataType::Int64()}, {"b", DataType::Text()}, {"i", DataType::Int64()}};
  const std::vector<ColumnSortKey> keys = {Asc(0), Desc(1)};
  SortOperator full(Input(cols, rows, 700), keys);
  std::vector<std::string> sorted = Drain(full);
  ASSERT_EQ(sorted.size(), rows.size());
  for (auto [limit, offset] : std::vector<std::pair<int64_t, int64_t>>{
           {1, 0}, {10, 0}, {100, 7}, {1000, 0}, {2500, 3000}, {5000, 2000}, {7000, 0}}) {
    SCOPED_TRACE(absl::StrCat("limit ", limit, " offset ", offset));
    SortOperator top(Input(cols, rows, 700), keys, limit, offset);
    std::vector<std::string> expected(sorted.begin() + std::min<int64_t>(offset, sorted.size()),
                                      sorted.begin() + std::min<int64_t>(offset + limit, sorted.size()));
    EXPECT_EQ(Drain(top), expected);
  }
}

TEST(SortOperator, TopNHoldsOnlyAboutNRows) {
  std::vector<Row> rows;
  for (int i = 0; i < 50000; ++i) rows.push_back({I((i * 7919) % 50000), T("a string of some length")});
  TestContext tc;
  SortOperator top(Input(kCols, rows), {Asc(0)}, 5);
  auto out = Execute(top, tc);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, std::vector<std::string>({"0|a string of some length", "1|a string of some length",
                                            "2|a string of some length", "3|a string of some length",
                                            "4|a string of some length"}));
  TestContext tc_full;
  SortOperator full(Input(kCols, rows), {Asc(0)});
  ASSERT_TRUE(Execute(full, tc_full).ok());
  EXPECT_LT(tc.memory.peak() * 10, tc_full.memory.peak());
}

TEST(SortOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({I(i), T("some text to take up room")});
  SortOperator sort(Input(kCols, rows), {Asc(0)});
  TestContext tc(16 * 1024);
  auto result = Execute(sort, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(SortOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  TestContext tc;
  SortOperator sort(std::make_unique<testing::CancellingOperator>(Input(kCols, rows, 10), &tc.query, 3),
                    {Asc(0)});
  auto result = Execute(sort, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera
