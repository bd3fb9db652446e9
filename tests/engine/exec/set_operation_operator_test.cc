#include "engine/exec/set_operation_operator.h"

#include <memory>
#include <string>
#include <vector>

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

const std::vector<std::pair<std::string, DataType>> kCols = {{"n", DataType::Int64()},
                                                             {"s", DataType::Text()}};

// Left: 1a x3, 2b x1, NULL x2, 3c x1. Right: 1a x2, 2b x2, NULL x1, 4d x1.
std::vector<Row> LeftRows() {
  return {{I(1), T("a")}, {NullI(), NullT()}, {I(2), T("b")}, {I(1), T("a")},
          {I(3), T("c")}, {NullI(), NullT()}, {I(1), T("a")}};
}
std::vector<Row> RightRows() {
  return {{I(2), T("b")}, {I(1), T("a")}, {I(4), T("d")}, {NullI(), NullT()}, {I(2), T("b")}, {I(1), T("a")}};
}

std::unique_ptr<SetOperationOperator> SetOp(SetOpKind kind, std::vector<Row> left, std::vector<Row> right) {
  std::vector<std::unique_ptr<Operator>> children;
  children.push_back(Input(kCols, left, 2));
  children.push_back(Input(kCols, right, 4));
  return std::make_unique<SetOperationOperator>(kind, std::move(children));
}

TEST(SetOperationOperator, UnionAllConcatenatesInOrder) {
  std::vector<std::unique_ptr<Operator>> children;
  children.push_back(Input(kCols, {{I(1), T("a")}, {I(2), T("b")}}));
  children.push_back(Input(kCols, {}));
  children.push_back(Input(kCols, {{NullI(), T("c")}, {I(1), T("a")}}, 1));
  SetOperationOperator op(SetOpKind::kUnionAll, std::move(children));
  EXPECT_EQ(Drain(op), std::vector<std::string>({"1|a", "2|b", "NULL|c", "1|a"}));
  EXPECT_EQ(op.Describe(), "UnionAll 3 inputs");
  EXPECT_EQ(op.children().size(), 3u);
}

TEST(SetOperationOperator, IntersectOutputsCommonRowsOnceWithNullsEqual) {
  auto op = SetOp(SetOpKind::kIntersect, LeftRows(), RightRows());
  EXPECT_EQ(Drain(*op), std::vector<std::string>({"1|a", "NULL|NULL", "2|b"}));
  EXPECT_EQ(op->Describe(), "Intersect");
}

TEST(SetOperationOperator, IntersectAllOutputsTheSmallerCount) {
  auto op = SetOp(SetOpKind::kIntersectAll, LeftRows(), RightRows());
  // 1a: min(3, 2); NULL: min(2, 1); 2b: min(1, 2).
  EXPECT_EQ(Drain(*op), std::vector<std::string>({"1|a", "NULL|NULL", "2|b", "1|a"}));
}

TEST(SetOperationOperator, ExceptOutputsLeftOnlyRowsOnce) {
  auto op = SetOp(SetOpKind::kExcept, LeftRows(), RightRows());
  EXPECT_EQ(Drain(*op), std::vector<std::string>({"3|c"}));
  auto repeated =
      SetOp(SetOpKind::kExcept, {{I(5), T("x")}, {I(5), T("x")}, {NullI(), NullT()}}, RightRows());
  EXPECT_EQ(Drain(*repeated), std::vector<std::string>({"5|x"}));
}

TEST(SetOperationOperator, ExceptAllSubtractsCounts) {
  auto op = SetOp(SetOpKind::kExceptAll, LeftRows(), RightRows());
  // 1a: 3 - 2 = 1 (the last one); NULL: 2 - 1 = 1; 3c: 1. 2b: 1 - 2 < 0.
  EXPECT_EQ(Drain(*op), std::vector<std::string>({"3|c", "NULL|NULL", "1|a"}));
}

TEST(SetOperationOperator, EmptySides) {
  EXPECT_THAT(Drain(*SetOp(SetOpKind::kIntersect, LeftRows(), {})), IsEmpty());
  EXPECT_THAT(Drain(*SetOp(SetOpKind::kIntersectAll, {}, RightRows())), IsEmpty());
  EXPECT_EQ(Drain(*SetOp(SetOpKind::kExcept, LeftRows(), {})),
            std::vector<std::string>({"1|a", "NULL|NULL", "2|b", "3|c"}));
  EXPECT_EQ(Drain(*SetOp(SetOpKind::kExceptAll, LeftRows(), {})).size(), 7u);
  EXPECT_THAT(Drain(*SetOp(SetOpKind::kExceptAll, {}, RightRows())), IsEmpty());
}

TEST(SetOperationOperator, RejectsInputsOfDifferentTypes) {
  std::vector<std::unique_ptr<Operator>> children;
  children.push_back(Input(kCols, {}));
  children.push_back(Input({{"n", DataType::Text()}, {"s", DataType::Text()}}, {}));
  SetOperationOperator op(SetOpKind::kUnionAll, std::move(children));
  TestContext tc;
  EXPECT_EQ(op.Open(tc.ctx).code(), absl::StatusCode::kInternal);
}

TEST(SetOperationOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({I(i), T("text")});
  auto op = SetOp(SetOpKind::kIntersect, LeftRows(), rows);
  TestContext tc(16 * 1024);
  auto result = Execute(*op, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(SetOperationOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  TestContext tc;
  std::vector<std::unique_ptr<Operator>> children;
  children.push_back(Input(kCols, rows, 10));
  children.push_back(std::make_unique<testing::CancellingOperator>(Input(kCols, rows, 10), &tc.query, 1));
  SetOperationOperator op(SetOpKind::kUnionAll, std::move(children));
  auto result = Execute(op, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
}

}  // namespace
}  // namespace tessera
