// Expr's constructors, Clone and ToString.

#include "engine/expr/expr.h"

#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

const DataType kBool = DataType::Bool();
const DataType kInt = DataType::Int64();
const DataType kText = DataType::Text();

TEST(Expr, ConstructorsSetTheType) {
  EXPECT_EQ(Col(2, kText)->type, kText);
  EXPECT_EQ(Col(2, kText)->column, 2);
  EXPECT_EQ(Dec(125, 2)->type, DataType::Decimal(2));
  EXPECT_EQ(Call(ExprOp::kLength, kInt, Col(0, kText))->args.size(), 1u);
}

TEST(Expr, ToStringOfOperators) {
  EXPECT_EQ(Call(ExprOp::kAdd, kInt, Col(2, kInt), Int(1))->ToString(), "(#2 + 1)");
  EXPECT_EQ(Call(ExprOp::kLower, kText, Col(0, kText))->ToString(), "lower(#0)");
  EXPECT_EQ(Call(ExprOp::kEqual, kBool, Col(1, kText), Txt("x"))->ToString(), "(#1 = 'x')");
  EXPECT_EQ(Call(ExprOp::kNegate, kInt, Col(0, kInt))->ToString(), "(-#0)");
  EXPECT_EQ(Call(ExprOp::kAnd, kBool, Col(0, kBool), Col(1, kBool), Bool(true))->ToString(),
            "(#0 AND #1 AND true)");
  EXPECT_EQ(Call(ExprOp::kNot, kBool, Col(0, kBool))->ToString(), "(NOT #0)");
  EXPECT_EQ(Call(ExprOp::kIsNotNull, kBool, Col(0, kInt))->ToString(), "(#0 IS NOT NULL)");
  EXPECT_EQ(Call(ExprOp::kIsDistinctFrom, kBool, Col(0, kInt), Null(kInt))->ToString(),
            "(#0 IS DISTINCT FROM NULL)");
  EXPECT_EQ(Call(ExprOp::kInList, kBool, Col(0, kInt), Int(1), Int(2))->ToString(),
            "(#0 IN (1, 2))");
  EXPECT_EQ(Call(ExprOp::kCast, DataType::Decimal(2), Col(0, kText))->ToString(),
            "CAST(#0 AS decimal(18,2))");
  EXPECT_EQ(Call(ExprOp::kSubstr, kText, Col(0, kText), Int(1), Int(2))->ToString(),
            "substr(#0, 1, 2)");
}

TEST(Expr, ToStringOfConstants) {
  EXPECT_EQ(Txt("it's")->ToString(), "'it''s'");
  EXPECT_EQ(Null(kInt)->ToString(), "NULL");
  EXPECT_EQ(Dec(-125, 2)->ToString(), "-1.25");
  EXPECT_EQ(Dbl(0.5)->ToString(), "0.5");
  EXPECT_EQ(DateLit("2024-01-31")->ToString(), "DATE '2024-01-31'");
  EXPECT_EQ(TsLit("2024-01-31 10:00:00")->ToString(), "TIMESTAMP '2024-01-31 10:00:00'");
}

TEST(Expr, ToStringOfCaseAndConcat) {
  auto c = Call(ExprOp::kCase, kText, Call(ExprOp::kEqual, kBool, Col(0, kInt), Int(0)), Txt("z"),
                Txt("nz"));
  EXPECT_EQ(c->ToString(), "CASE WHEN (#0 = 0) THEN 'z' ELSE 'nz' END");
  EXPECT_EQ(Call(ExprOp::kConcat, kText, Col(0, kText), Txt("-"), Col(1, kText))->ToString(),
            "(#0 || '-' || #1)");
  auto f = Call(ExprOp::kConcat, kText, Col(0, kText), Col(1, kText));
  f->skip_nulls = true;
  EXPECT_EQ(f->ToString(), "concat(#0, #1)");
}

TEST(Expr, ToStringOfDatetimeFunctions) {
  auto trunc = Call(ExprOp::kDateTrunc, DataType::Timestamp(), Col(0, DataType::Timestamp()));
  trunc->field = "month";
  EXPECT_EQ(trunc->ToString(), "date_trunc('month', #0)");
  auto extract = Call(ExprOp::kExtract, DataType::Double(), Col(0, DataType::Date()));
  extract->field = "dow";
  EXPECT_EQ(extract->ToString(), "extract(dow FROM #0)");
  auto plus = Call(ExprOp::kAddInterval, DataType::Timestamp(), Col(0, DataType::Date()));
  plus->interval = {.months = 14, .days = 1, .micros = 3723500000};
  EXPECT_EQ(plus->ToString(), "(#0 + INTERVAL '1 year 2 mons 1 day 01:02:03.5')");
  auto minus = Call(ExprOp::kSubtractInterval, DataType::Timestamp(), Col(0, DataType::Date()));
  minus->interval = {.days = 3};
  EXPECT_EQ(minus->ToString(), "(#0 - INTERVAL '3 days')");
}

TEST(Expr, DisplayOverridesToString) {
  auto e = Call(ExprOp::kAdd, kInt, Col(0, kInt), Int(1));
  e->display = "price + 1";
  EXPECT_EQ(e->ToString(), "price + 1");
  auto outer = Call(ExprOp::kMultiply, kInt, std::move(e), Int(2));
  EXPECT_EQ(outer->ToString(), "(price + 1 * 2)");
}

TEST(Expr, CloneIsDeep) {
  auto e = Call(ExprOp::kCase, kInt, Call(ExprOp::kEqual, kBool, Col(0, kInt), Int(0)), Int(1));
  e->display = "d";
  e->field = "f";
  e->interval.days = 4;
  e->skip_nulls = true;
  std::unique_ptr<Expr> copy = e->Clone();
  EXPECT_EQ(copy->ToString(), "d");
  EXPECT_EQ(copy->field, "f");
  EXPECT_EQ(copy->interval.days, 4);
  EXPECT_TRUE(copy->skip_nulls);
  ASSERT_EQ(copy->args.size(), 2u);
  EXPECT_NE(copy->args[0].get(), e->args[0].get());
  e->args[0]->args[1]->constant = Value::Int64(9);
  EXPECT_EQ(copy->args[0]->ToString(), "(#0 = 0)");
}

}  // namespace
}  // namespace tessera::expr_test
