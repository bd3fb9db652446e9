#include "engine/exec/filter_operator.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Cmp;
using ::tessera::testing::Col;
using ::tessera::testing::Const;
using ::tessera::testing::Drain;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::Row;
using ::tessera::testing::T;
using ::tessera::testing::TestContext;
using ::testing::IsEmpty;

const std::vector<std::pair<std::string, DataType>> kCols = {{"n", DataType::Int64()},
                                                             {"s", DataType::Text()}};

TEST(FilterOperator, KeepsTrueRowsAndDropsFalseAndNull) {
  std::vector<Row> rows = {{I(1), T("a")}, {I(7), T("b")}, {NullI(), T("c")}, {I(9), T("d")}, {I(3), T("e")}};
  FilterOperator filter(Input(kCols, rows, 2), Cmp(ExprOp::kGreater, Col(0), Const(I(2))));
  EXPECT_EQ(Drain(filter), std::vector<std::string>({"7|b", "9|d", "3|e"}));
  EXPECT_EQ(filter.Describe(), "Filter " + Cmp(ExprOp::kGreater, Col(0), Const(I(2)))->ToString());
}

TEST(FilterOperator, GathersSparseSurvivorsIntoFewerBatches) {
  std::vector<Row> rows;
  for (int i = 0; i < 10000; ++i) rows.push_back({I(i), T("x")});
  // Keeps one row in ten, from input batches of 100.
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(Col(0));
  args.push_back(Const(I(10)));
  FilterOperator filter(
      Input(kCols, rows, 100),
      Cmp(ExprOp::kEqual, Expr::Call(ExprOp::kModulo, DataType::Int64(), std::move(args)), Const(I(0))));
  std::vector<std::string> out = Drain(filter);
  ASSERT_EQ(out.size(), 1000u);
  EXPECT_EQ(out[999], "9990|x");
  EXPECT_LE(filter.stats().batches_out, 2);
}

TEST(FilterOperator, NeverExceedsTheDefaultBatchSize) {
  // Input batches of 1000: 400 rows of the first pass, then all but one of
  // each later batch, so gathering two batches' survivors would overflow.
  std::vector<Row> rows;
  int64_t passing = 0;
  for (int i = 0; i < 5000; ++i) {
    bool pass = i < 1000 ? i % 10 < 4 : i % 1000 != 0;
    passing += pass;
    rows.push_back({I(pass ? 1 : 0), T(absl::StrCat(i))});
  }
  FilterOperator filter(Input(kCols, rows, 1000), Cmp(ExprOp::kEqual, Col(0), Const(I(1))));
  std::vector<std::string> out = Drain(filter);  // Execute checks every batch's size.
  ASSERT_EQ(static_cast<int64_t>(out.size()), passing);
  EXPECT_EQ(out[0], "1|0");
  EXPECT_EQ(out.back(), "1|4999");
  EXPECT_GE(filter.stats().batches_out, 4);
}

TEST(FilterOperator, PassesFullBatchesThrough) {
  std::vector<Row> rows;
  for (int i = 0; i < 3000; ++i) rows.push_back({I(i), T("x")});
  FilterOperator filter(Input(kCols, rows, 1000), Cmp(ExprOp::kGreaterEqual, Col(0), Const(I(0))));
  EXPECT_EQ(Drain(filter).size(), 3000u);
  EXPECT_EQ(filter.stats().batches_out, 3);
}

TEST(FilterOperator, NothingPasses) {
  std::vector<Row> rows = {{I(1), T("a")}, {I(2), T("b")}};
  FilterOperator filter(Input(kCols, rows), Cmp(ExprOp::kLess, Col(0), Const(I(0))));
  EXPECT_THAT(Drain(filter), IsEmpty());
}

TEST(FilterOperator, PredicateErrorsPropagate) {
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(Const(I(1)));
  args.push_back(Col(0));
  FilterOperator filter(
      Input(kCols, {{I(0), T("a")}}),
      Cmp(ExprOp::kEqual, Expr::Call(ExprOp::kDivide, DataType::Int64(), std::move(args)), Const(I(1))));
  auto result = Execute(filter);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(FilterOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  TestContext tc;
  FilterOperator filter(std::make_unique<testing::CancellingOperator>(Input(kCols, rows, 5), &tc.query, 2),
                        Cmp(ExprOp::kGreater, Col(0), Const(I(-1))));
  auto result = Execute(filter, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera
