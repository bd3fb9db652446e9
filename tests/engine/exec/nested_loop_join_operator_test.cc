#include "engine/exec/nested_loop_join_operator.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Cmp;
using ::tessera::testing::Col;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::ReferenceJoin;
using ::tessera::testing::Row;
using ::tessera::testing::Sorted;
using ::tessera::testing::T;
using ::tessera::testing::TestContext;
using ::testing::IsEmpty;

const std::vector<std::pair<std::string, DataType>> kCols = {{"n", DataType::Int64()},
                                                             {"s", DataType::Text()}};

std::vector<Row> LeftRows() { return {{I(1), T("a")}, {I(5), T("b")}, {NullI(), T("n")}, {I(3), T("c")}}; }
std::vector<Row> RightRows() { return {{I(2), T("x")}, {I(4), T("y")}, {NullI(), T("z")}}; }

// left.n < right.n.
std::unique_ptr<Expr> Less() { return Cmp(ExprOp::kLess, Col(0), Col(2)); }

std::vector<std::string> Rows(Operator& op) {
  auto rows = Execute(op);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<std::string>{};
}

std::unique_ptr<NestedLoopJoinOperator> Join(JoinType type, std::vector<Row> left, std::vector<Row> right,
                                             std::unique_ptr<Expr> predicate) {
  return std::make_unique<NestedLoopJoinOperator>(Input(kCols, left), Input(kCols, right), type,
                                                  std::move(predicate));
}

TEST(NestedLoopJoinOperator, CrossJoinPairsEveryRow) {
  auto join =
      Join(JoinType::kInner, {{I(1), T("a")}, {I(2), T("b")}}, {{I(7), T("x")}, {NullI(), T("y")}}, nullptr);
  EXPECT_EQ(Rows(*join), std::vector<std::string>({"1|a|7|x", "1|a|NULL|y", "2|b|7|x", "2|b|NULL|y"}));
  EXPECT_EQ(join->Describe(), "NestedLoopJoin cross");
}

TEST(NestedLoopJoinOperator, ThetaInner) {
  auto join = Join(JoinType::kInner, LeftRows(), RightRows(), Less());
  // NULL < anything is NULL: never a match.
  EXPECT_EQ(Rows(*join), std::vector<std::string>({"1|a|2|x", "1|a|4|y", "3|c|4|y"}));
  EXPECT_EQ(join->Describe(), "NestedLoopJoin inner on " + Less()->ToString());
}

TEST(NestedLoopJoinOperator, ThetaOuterJoins) {
  EXPECT_EQ(Rows(*Join(JoinType::kLeft, LeftRows(), RightRows(), Less())),
            std::vector<std::string>({"1|a|2|x", "1|a|4|y", "3|c|4|y", "5|b|NULL|NULL", "NULL|n|NULL|NULL"}));
  EXPECT_EQ(Rows(*Join(JoinType::kRight, LeftRows(), RightRows(), Less())),
            std::vector<std::string>({"1|a|2|x", "1|a|4|y", "3|c|4|y", "NULL|NULL|NULL|z"}));
  EXPECT_EQ(
      Sorted(Rows(*Join(JoinType::kFull, LeftRows(), RightRows(), Less()))),
      Sorted({"1|a|2|x", "1|a|4|y", "3|c|4|y", "5|b|NULL|NULL", "NULL|n|NULL|NULL", "NULL|NULL|NULL|z"}));
}

TEST(NestedLoopJoinOperator, ThetaSemiAndAnti) {
  EXPECT_EQ(Rows(*Join(JoinType::kSemi, LeftRows(), RightRows(), Less())),
            std::vector<std::string>({"1|a", "3|c"}));
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), RightRows(), Less())),
            std::vector<std::string>({"5|b", "NULL|n"}));
}

TEST(NestedLoopJoinOperator, WithoutPredicateSemiAndAntiDependOnlyOnTheRightBeingEmpty) {
  EXPECT_EQ(Rows(*Join(JoinType::kSemi, LeftRows(), RightRows(), nullptr)).size(), 4u);
  EXPECT_THAT(Rows(*Join(JoinType::kAnti, LeftRows(), RightRows(), nullptr)), IsEmpty());
  EXPECT_THAT(Rows(*Join(JoinType::kSemi, LeftRows(), {}, nullptr)), IsEmpty());
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), {}, nullptr)).size(), 4u);
}

TEST(NestedLoopJoinOperator, EmptySides) {
  EXPECT_THAT(Rows(*Join(JoinType::kInner, LeftRows(), {}, nullptr)), IsEmpty());
  EXPECT_THAT(Rows(*Join(JoinType::kInner, {}, RightRows(), nullptr)), IsEmpty());
  EXPECT_EQ(
      Rows(*Join(JoinType::kLeft, LeftRows(), {}, Less())),
      std::vector<std::string>({"1|a|NULL|NULL", "5|b|NULL|NULL", "NULL|n|NULL|NULL", "3|c|NULL|NULL"}));
  EXPECT_EQ(Rows(*Join(JoinType::kRight, {}, RightRows(), Less())),
            std::vector<std::string>({"NULL|NULL|2|x", "NULL|NULL|4|y", "NULL|NULL|NULL|z"}));
  EXPECT_THAT(Rows(*Join(JoinType::kFull, {}, {}, Less())), IsEmpty());
}

TEST(NestedLoopJoinOperator, AllTypesMatchReferenceOnRandomData) {
  std::mt19937_64 rng(7);
  auto make = [&](int n) {
    std::vector<Row> rows;
    for (int i = 0; i < n; ++i) {
      int64_t v = static_cast<int64_t>(rng() % 101);
      rows.push_back({v == 100 ? NullI() : I(v), T(std::to_string(i))});
    }
    return rows;
  };
  std::vector<Row> left = make(300);
  std::vector<Row> right = make(200);
  auto less = [](const Row& l, const Row& r) {
    return !l[0].is_null() && !r[0].is_null() && l[0].int64_value() < r[0].int64_value() - 60;
  };
  for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kRight, JoinType::kFull, JoinType::kSemi,
                        JoinType::kAnti}) {
    SCOPED_TRACE(JoinTypeName(type));
    // left.n + 60 < right.n
    std::vector<std::unique_ptr<Expr>> args;
    args.push_back(Col(0));
    args.push_back(testing::Const(I(60)));
    auto predicate = Cmp(ExprOp::kLess, Expr::Call(ExprOp::kAdd, DataType::Int64(), std::move(args)), Col(2));
    NestedLoopJoinOperator join(Input(kCols, left, 64), Input(kCols, right, 31), type, std::move(predicate));
    EXPECT_EQ(Sorted(Rows(join)), ReferenceJoin(type, left, 2, right, 2, less));
  }
}

TEST(NestedLoopJoinOperator, LargeCrossJoinComesInFullBatches) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  auto join = Join(JoinType::kInner, rows, rows, nullptr);
  auto out = Execute(*join);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->size(), 10000u);
  EXPECT_LE(join->stats().batches_out, 10000 / (kDefaultBatchRows * 3 / 4) + 1);
}

TEST(NestedLoopJoinOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({I(i), T("some text to take up room")});
  auto join = Join(JoinType::kInner, LeftRows(), rows, nullptr);
  TestContext tc(16 * 1024);
  auto result = Execute(*join, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(NestedLoopJoinOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  TestContext tc;
  auto left = std::make_unique<testing::CancellingOperator>(Input(kCols, rows, 10), &tc.query, 2);
  NestedLoopJoinOperator join(std::move(left), Input(kCols, rows), JoinType::kInner, nullptr);
  auto result = Execute(join, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera
