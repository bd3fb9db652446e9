#include "engine/exec/project_operator.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Col;
using ::tessera::testing::Const;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::Row;
using ::tessera::testing::T;

const std::vector<std::pair<std::string, DataType>> kCols = {{"n", DataType::Int64()},
                                                             {"s", DataType::Text()}};

std::unique_ptr<Expr> Plus(std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return Expr::Call(ExprOp::kAdd, DataType::Int64(), std::move(args));
}

TEST(ProjectOperator, ComputesEachExpressionPerRow) {
  std::vector<std::unique_ptr<Expr>> exprs;
  exprs.push_back(Col(1, DataType::Text()));
  exprs.push_back(Plus(Col(0), Const(I(10))));
  exprs.push_back(Const(I(5)));
  ProjectOperator project(Input(kCols, {{I(1), T("a")}, {NullI(), T("b")}, {I(3), T("c")}}, 2),
                          std::move(exprs), {"s", "n10", "five"});
  auto rows = Execute(project);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, std::vector<std::string>({"a|11|5", "b|NULL|5", "c|13|5"}));
  EXPECT_EQ(project.schema()->ToString(), "s text, n10 bigint, five bigint");
  EXPECT_EQ(project.stats().batches_out, 2);
}

TEST(ProjectOperator, Describe) {
  std::vector<std::unique_ptr<Expr>> exprs;
  exprs.push_back(Plus(Col(0), Const(I(1))));
  ProjectOperator project(Input(kCols, {}), std::move(exprs), {"total"});
  EXPECT_EQ(project.Describe(), "Project " + Plus(Col(0), Const(I(1)))->ToString() + " AS total");
}

}  // namespace
}  // namespace tessera
