#include "engine/exec/window_operator.h"

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
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

const std::vector<std::pair<std::string, DataType>> kCols = {
    {"dept", DataType::Text()}, {"salary", DataType::Int64()}, {"name", DataType::Text()}};

std::vector<Row> Staff() {
  return {{T("sales"), I(100), T("a")}, {T("eng"), I(200), T("e")},   {T("sales"), I(200), T("b")},
          {NullT(), I(50), T("h")},     {T("sales"), I(100), T("c")}, {T("eng"), NullI(), T("g")},
          {T("sales"), I(300), T("d")}, {T("eng"), I(200), T("f")}};
}

WindowFunctionSpec Fn(WindowOp op, std::string name) {
  WindowFunctionSpec f;
  f.op = op;
  f.name = std::move(name);
  return f;
}

WindowFunctionSpec Shift(WindowOp op, int arg, int64_t offset, int default_column, std::string name) {
  WindowFunctionSpec f = Fn(op, std::move(name));
  f.arg = arg;
  f.offset = offset;
  f.default_column = default_column;
  return f;
}

TEST(WindowOperator, RankingFunctionsWithTiesAndShiftsAcrossPartitions) {
  WindowOperator window(
      Input(kCols, Staff(), 3), {0}, {ColumnSortKey{1, false, false}},
      {Fn(WindowOp::kRowNumber, "rn"), Fn(WindowOp::kRank, "rank"), Fn(WindowOp::kDenseRank, "dense"),
       Shift(WindowOp::kLag, 2, 1, -1, "prev"), Shift(WindowOp::kLead, 2, 1, 2, "next")});
  EXPECT_EQ(Drain(window), std::vector<std::string>({
                               "sales|100|a|1|1|1|NULL|c",
                               "sales|100|c|2|1|1|a|b",
                               "sales|200|b|3|3|2|c|d",
                               "sales|300|d|4|4|3|b|d",
                               "eng|200|e|1|1|1|NULL|f",
                               "eng|200|f|2|1|1|e|g",
                               "eng|NULL|g|3|3|2|f|g",
                               "NULL|50|h|1|1|1|NULL|h",
                           }));
  EXPECT_EQ(
      window.schema()->ToString(),
      "dept text, salary bigint, name text, rn bigint, rank bigint, dense bigint, prev text, next text");
  EXPECT_EQ(
      window.Describe(),
      "Window partition by #0 order by #1: row_number(), rank(), dense_rank(), lag(#2, 1), lead(#2, 1, #2)");
}

TEST(WindowOperator, LagAndLeadWithLargerOffsetsAndDefaults) {
  const std::vector<std::pair<std::string, DataType>> cols = {
      {"g", DataType::Int64()}, {"v", DataType::Int64()}, {"dflt", DataType::Int64()}};
  std::vector<Row> rows = {{I(1), I(10), I(-1)},
                           {I(2), I(20), I(-2)},
                           {I(1), I(30), I(-3)},
                           {I(1), I(40), I(-4)},
                           {I(2), I(50), I(-5)}};
  WindowOperator window(Input(cols, rows), {0}, {ColumnSortKey{1, true, true}},
                        {Shift(WindowOp::kLag, 1, 2, 2, "lag2"), Shift(WindowOp::kLead, 1, 2, -1, "lead2")});
  // Partition 1 by v DESC: 40, 30, 10. Partition 2: 50, 20.
  EXPECT_EQ(Drain(window), std::vector<std::string>({"1|40|-4|-4|10", "1|30|-3|-3|NULL", "1|10|-1|40|NULL",
                                                     "2|50|-5|-5|NULL", "2|20|-2|-2|NULL"}));
}

TEST(WindowOperator, WithoutOrderKeysEveryRowIsAPeer) {
  WindowOperator window(
      Input(kCols, Staff()), {0}, {},
      {Fn(WindowOp::kRowNumber, "rn"), Fn(WindowOp::kRank, "rank"), Fn(WindowOp::kDenseRank, "dense")});
  std::vector<std::string> out = Drain(window);
  ASSERT_EQ(out.size(), 8u);
  // Input order within each partition.
  EXPECT_EQ(out[0], "sales|100|a|1|1|1");
  EXPECT_EQ(out[1], "sales|200|b|2|1|1");
  EXPECT_EQ(out[3], "sales|300|d|4|1|1");
  EXPECT_EQ(out[4], "eng|200|e|1|1|1");
  EXPECT_EQ(out[7], "NULL|50|h|1|1|1");
}

TEST(WindowOperator, WithoutPartitionsOneWindow) {
  WindowOperator window(Input(kCols, Staff()), {},
                        {ColumnSortKey{1, true, false}, ColumnSortKey{2, false, false}},
                        {Fn(WindowOp::kRank, "rank")});
  EXPECT_EQ(Drain(window),
            std::vector<std::string>({"sales|300|d|1", "sales|200|b|2", "eng|200|e|3", "eng|200|f|4",
                                      "sales|100|a|5", "sales|100|c|6", "NULL|50|h|7", "eng|NULL|g|8"}));
}

TEST(WindowOperator, EmptyInput) {
  WindowOperator window(Input(kCols, {}), {0}, {}, {Fn(WindowOp::kRowNumber, "rn")});
  EXPECT_THAT(Drain(window), IsEmpty());
}

TEST(WindowOperator, ManyRowsAcrossBatches) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"g", DataType::Int64()},
                                                              {"v", DataType::Int64()}};
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({I(i % 7), I((i * 31) % 5000)});
  WindowOperator window(Input(cols, rows, 333), {0}, {ColumnSortKey{1, false, false}},
                        {Fn(WindowOp::kRowNumber, "rn"), Shift(WindowOp::kLag, 1, 1, -1, "prev")});
  std::vector<std::string> out = Drain(window);
  ASSERT_EQ(out.size(), 5000u);
  int64_t expected_rn = 0;
  std::string group;
  int64_t prev = -1;
  for (const std::string& line : out) {
    std::vector<std::string> cells = absl::StrSplit(line, '|');
    if (cells[0] != group) {
      group = cells[0];
      expected_rn = 0;
      prev = -1;
    }
    ++expected_rn;
    ASSERT_EQ(cells[2], absl::StrCat(expected_rn)) << line;
    ASSERT_EQ(cells[3], prev < 0 ? "NULL" : absl::StrCat(prev)) << line;
    ASSERT_GT(std::stoll(cells[1]), prev) << line;
    prev = std::stoll(cells[1]);
  }
}

TEST(WindowOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({T("dept"), I(i), T("a name")});
  WindowOperator window(Input(kCols, rows), {0}, {}, {Fn(WindowOp::kRowNumber, "rn")});
  TestContext tc(16 * 1024);
  auto result = Execute(window, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(WindowOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({T("d"), I(i), T("n")});
  TestContext tc;
  WindowOperator window(std::make_unique<testing::CancellingOperator>(Input(kCols, rows, 10), &tc.query, 3),
                        {0}, {}, {Fn(WindowOp::kRowNumber, "rn")});
  auto result = Execute(window, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera

namespace tessera {
namespace {

WindowFunctionSpec Agg(WindowOp op, int arg, std::string name) {
  WindowFunctionSpec f = Fn(op, std::move(name));
  f.arg = arg;
  return f;
}

TEST(WindowOperator, AggregatesRunUpToTheLastPeer) {
  // Default frame: rows equal on the order key (the two sales at 100, the
  // two eng at 200) see each other; NULLs are skipped but count(*) counts.
  WindowOperator window(Input(kCols, Staff(), 3), {0}, {ColumnSortKey{1, false, false}},
                        {Fn(WindowOp::kCountStar, "n"), Agg(WindowOp::kCount, 1, "c"), Agg(WindowOp::kSum, 1, "s"),
                         Agg(WindowOp::kMin, 2, "lo"), Agg(WindowOp::kMax, 1, "hi")});
  EXPECT_EQ(Drain(window), std::vector<std::string>({
                               "sales|100|a|2|2|200|a|100",
                               "sales|100|c|2|2|200|a|100",
                               "sales|200|b|3|3|400|a|200",
                               "sales|300|d|4|4|700|a|300",
                               "eng|200|e|2|2|400|e|200",
                               "eng|200|f|2|2|400|e|200",
                               "eng|NULL|g|3|2|400|e|200",
                               "NULL|50|h|1|1|50|h|50",
                           }));
  EXPECT_EQ(window.schema()->ToString(),
            "dept text, salary bigint, name text, n bigint, c bigint, s bigint, lo text, hi bigint");
}

TEST(WindowOperator, AggregatesWithoutOrderCoverThePartition) {
  WindowOperator window(Input(kCols, Staff()), {0}, {},
                        {Agg(WindowOp::kSum, 1, "s"), Agg(WindowOp::kMax, 1, "hi")});
  std::vector<std::string> out = Drain(window);
  ASSERT_EQ(out.size(), 8u);
  int sales = 0;
  for (const std::string& row : out) {
    if (row.rfind("sales|", 0) == 0) {
      EXPECT_TRUE(absl::EndsWith(row, "|700|300")) << row;
      ++sales;
    }
    if (row.rfind("eng|", 0) == 0) EXPECT_TRUE(absl::EndsWith(row, "|400|200")) << row;
  }
  EXPECT_EQ(sales, 4);
}

TEST(WindowOperator, AvgAndSumOfAnEmptyFrameAreNull) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"g", DataType::Int64()}, {"v", DataType::Int64()}};
  std::vector<Row> rows = {{I(1), NullI()}, {I(1), I(10)}, {I(1), I(20)}, {I(1), I(30)}};
  // NULLS FIRST: the first frame holds only the NULL.
  WindowOperator window(Input(cols, rows), {0}, {ColumnSortKey{1, false, true}},
                        {Agg(WindowOp::kAvg, 1, "a"), Agg(WindowOp::kSum, 1, "s")});
  EXPECT_EQ(Drain(window), std::vector<std::string>({"1|NULL|NULL|NULL", "1|10|10|10", "1|20|15|30", "1|30|20|60"}));
  EXPECT_EQ(window.schema()->ToString(), "g bigint, v bigint, a double precision, s bigint");
}

TEST(WindowOperator, WindowSumOverflowIsAnError) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"g", DataType::Int64()}, {"v", DataType::Int64()}};
  std::vector<Row> rows = {{I(1), I(std::numeric_limits<int64_t>::max())}, {I(1), I(1)}};
  WindowOperator window(Input(cols, rows), {}, {}, {Agg(WindowOp::kSum, 1, "s")});
  auto result = Execute(window);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(std::string(result.status().message()), ::testing::HasSubstr("bigint out of range"));
}

}  // namespace
}  // namespace tessera
