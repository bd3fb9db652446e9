// Comparison operators: every type, three-valued NULLs, mixed numeric and
// datetime types, bytewise text order.

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kBool = DataType::Bool();

// a op b for each op, in the order = <> < <= > >=.
std::vector<std::string> AllOps(const Expr& a, const Expr& b) {
  std::vector<std::string> out;
  for (ExprOp op : {ExprOp::kEqual, ExprOp::kNotEqual, ExprOp::kLess, ExprOp::kLessEqual,
                    ExprOp::kGreater, ExprOp::kGreaterEqual}) {
    out.push_back(EvalOne(*Call(op, kBool, a.Clone(), b.Clone())));
  }
  return out;
}

TEST(Comparison, Bigint) {
  EXPECT_THAT(AllOps(*Int(1), *Int(2)), ElementsAre("false", "true", "true", "true", "false", "false"));
  EXPECT_THAT(AllOps(*Int(2), *Int(2)), ElementsAre("true", "false", "false", "true", "false", "true"));
  EXPECT_THAT(AllOps(*Int(INT64_MIN), *Int(INT64_MAX)),
              ElementsAre("false", "true", "true", "true", "false", "false"));
}

TEST(Comparison, NullOnEitherSideIsNull) {
  RowBatch batch = MakeBatch({Ints({1, std::nullopt, 3}), Ints({std::nullopt, 2, 3})});
  const DataType i = DataType::Int64();
  EXPECT_THAT(Eval(*Call(ExprOp::kEqual, kBool, Col(0, i), Col(1, i)), batch),
              ElementsAre("NULL", "NULL", "true"));
  EXPECT_THAT(Eval(*Call(ExprOp::kNotEqual, kBool, Col(0, i), Null(i)), batch),
              ElementsAre("NULL", "NULL", "NULL"));
}

TEST(Comparison, TextIsBytewise) {
  EXPECT_THAT(AllOps(*Txt("abc"), *Txt("abd")), ElementsAre("false", "true", "true", "true", "false", "false"));
  // C collation: upper case sorts before lower case, a prefix first, and
  // non-ASCII (bytes >= 0x80) after ASCII.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Txt("B"), Txt("a"))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Txt(""), Txt("a"))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Txt("ab"), Txt("abc"))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Txt("z"), Txt("é"))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, Txt("a"), Txt("a "))), "false");
}

TEST(Comparison, TextColumnAgainstConstant) {
  RowBatch batch = MakeBatch({Texts({"x", "y", std::nullopt, "x"})});
  EXPECT_THAT(Eval(*Call(ExprOp::kEqual, kBool, Col(0, DataType::Text()), Txt("x")), batch),
              ElementsAre("true", "false", "NULL", "true"));
}

TEST(Comparison, Doubles) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THAT(AllOps(*Dbl(1.5), *Dbl(2.5)), ElementsAre("false", "true", "true", "true", "false", "false"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, Dbl(0.0), Dbl(-0.0))), "true");
  // PostgreSQL: NaN equals NaN and is greater than every other value.
  EXPECT_THAT(AllOps(*Dbl(nan), *Dbl(nan)), ElementsAre("true", "false", "false", "true", "false", "true"));
  EXPECT_EQ(EvalOne(*Call(ExprOp::kGreater, kBool, Dbl(nan),
                          Dbl(std::numeric_limits<double>::infinity()))),
            "true");
}

TEST(Comparison, MixedNumericTypesCompareByValue) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, Int(1), Dec(100, 2))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Dec(150, 2), Dec(16, 1))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, Dec(150, 2), Dec(15, 1))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, Int(1), Dbl(1.0))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Dec(15, 1), Dbl(1.6))), "true");
  // Exact even beyond double precision: 2^62 + 1 vs 2^62 with scale.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kGreater, kBool, Int((int64_t{1} << 62) + 1),
                          Dec(int64_t{1} << 62, 0))),
            "true");
}

TEST(Comparison, DecimalColumnsOfDifferentScales) {
  RowBatch batch = MakeBatch({Decimals(2, {150, 149, std::nullopt}), Decimals(1, {15, 15, 15})});
  EXPECT_THAT(Eval(*Call(ExprOp::kGreaterEqual, kBool, Col(0, DataType::Decimal(2)),
                         Col(1, DataType::Decimal(1))),
                   batch),
              ElementsAre("true", "false", "NULL"));
}

TEST(Comparison, DatesAndTimestamps) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, DateLit("2024-01-01"), DateLit("2024-01-02"))),
            "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, DateLit("2024-01-01"),
                          TsLit("2024-01-01 00:00:00"))),
            "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, DateLit("2024-01-01"),
                          TsLit("2024-01-01 00:00:00.000001"))),
            "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, TsLit("1969-12-31 23:59:59"),
                          TsLit("1970-01-01 00:00:00"))),
            "true");
}

TEST(Comparison, Booleans) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Bool(false), Bool(true))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, Bool(true), Bool(true))), "true");
}

TEST(Comparison, TextAgainstAnotherTypeReadsTheText) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, DateLit("2024-01-31"), Txt("2024-01-31"))),
            "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Txt(" 5"), Int(10))), "true");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLess, kBool, Txt("x"), Int(10))),
            "error: invalid input syntax for type bigint: \"x\"");
}

TEST(Comparison, IncomparableTypesAreAnError) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kEqual, kBool, DateLit("2024-01-31"), Int(1))),
            "error: operator does not exist: date = bigint");
}

}  // namespace
}  // namespace tessera::expr_test
