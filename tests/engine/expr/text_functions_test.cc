// Text functions with PostgreSQL's semantics in a UTF-8 database: lengths
// and positions count characters, substr clips like PostgreSQL, NULL in
// gives NULL out (except concat(), which skips NULLs).

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kText = DataType::Text();
const DataType kInt = DataType::Int64();

std::string Substr(const std::string& s, int64_t from, std::optional<int64_t> count = {}) {
  if (count.has_value()) {
    return EvalOne(*Call(ExprOp::kSubstr, kText, Txt(s), Int(from), Int(*count)));
  }
  return EvalOne(*Call(ExprOp::kSubstr, kText, Txt(s), Int(from)));
}

TEST(TextFunctions, ConcatOperatorIsNullWithAnyNull) {
  RowBatch batch = MakeBatch({Texts({"a", std::nullopt, "c"}), Texts({"b", "x", std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kConcat, kText, Col(0, kText), Col(1, kText)), batch),
              ElementsAre("ab", "NULL", "NULL"));
}

TEST(TextFunctions, ConcatFunctionSkipsNullsAndPrintsOtherTypes) {
  auto expr = Call(ExprOp::kConcat, kText, Txt("a"), Null(kText), Int(1), Bool(true), Dec(150, 2));
  expr->skip_nulls = true;
  // concat() prints a boolean as PostgreSQL's output function does; || casts.
  EXPECT_EQ(EvalOne(*expr), "a1t1.50");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kConcat, kText, Txt("a"), Bool(true))), "atrue");
  auto all_null = Call(ExprOp::kConcat, kText, Null(kText));
  all_null->skip_nulls = true;
  EXPECT_EQ(EvalOne(*all_null), "");
}

TEST(TextFunctions, LowerAndUpper) {
  RowBatch batch = MakeBatch({Texts({"Hello World", "ÀÉÎ straße", std::nullopt, "ΑΒΓ ДЖ"})});
  EXPECT_THAT(Eval(*Call(ExprOp::kLower, kText, Col(0, kText)), batch),
              ElementsAre("hello world", "àéî straße", "NULL", "αβγ дж"));
  EXPECT_THAT(Eval(*Call(ExprOp::kUpper, kText, Col(0, kText)), batch),
              ElementsAre("HELLO WORLD", "ÀÉÎ STRAßE", "NULL", "ΑΒΓ ДЖ"));
}

TEST(TextFunctions, LowerKeepsMalformedBytes) {
  const std::string broken = "A\xff" "B\xc3";
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLower, kText, Txt(broken))), "a\xff" "b\xc3");
}

TEST(TextFunctions, LengthCountsCharacters) {
  RowBatch batch = MakeBatch({Texts({"", "abc", "é", "日本語", std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kLength, kInt, Col(0, kText)), batch),
              ElementsAre("0", "3", "1", "3", "NULL"));
}

TEST(TextFunctions, SubstrFollowsPostgres) {
  EXPECT_EQ(Substr("hello", 2, 3), "ell");
  EXPECT_EQ(Substr("hello", 0, 3), "he");
  EXPECT_EQ(Substr("hello", -1, 3), "h");
  EXPECT_EQ(Substr("hello", -5, 3), "");
  EXPECT_EQ(Substr("hello", 3, 100), "llo");
  EXPECT_EQ(Substr("hello", 6, 1), "");
  EXPECT_EQ(Substr("hello", 2), "ello");
  EXPECT_EQ(Substr("hello", -3), "hello");
  EXPECT_EQ(Substr("hello", 9), "");
  EXPECT_EQ(Substr("héllo", 2, 2), "él");
  EXPECT_EQ(Substr("hello", 1, 0), "");
  EXPECT_EQ(Substr("hello", INT64_MAX, INT64_MAX), "");
  EXPECT_EQ(Substr("hello", 1, -1), "error: negative substring length not allowed");
}

TEST(TextFunctions, SubstrWithColumns) {
  RowBatch batch = MakeBatch({Texts({"abcdef", "xyz", std::nullopt}), Ints({2, std::nullopt, 1})});
  EXPECT_THAT(Eval(*Call(ExprOp::kSubstr, kText, Col(0, kText), Col(1, kInt), Int(2)), batch),
              ElementsAre("bc", "NULL", "NULL"));
}

TEST(TextFunctions, TrimSpacesByDefault) {
  RowBatch batch = MakeBatch({Texts({"  x y  ", "\tx ", "   ", std::nullopt})});
  EXPECT_THAT(Eval(*Call(ExprOp::kTrim, kText, Col(0, kText)), batch),
              ElementsAre("x y", "\tx", "", "NULL"));
  EXPECT_THAT(Eval(*Call(ExprOp::kLTrim, kText, Col(0, kText)), batch),
              ElementsAre("x y  ", "\tx ", "", "NULL"));
  EXPECT_THAT(Eval(*Call(ExprOp::kRTrim, kText, Col(0, kText)), batch),
              ElementsAre("  x y", "\tx", "", "NULL"));
}

TEST(TextFunctions, TrimGivenCharacters) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kTrim, kText, Txt("xyaxy"), Txt("xy"))), "a");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kLTrim, kText, Txt("xxaxx"), Txt("x"))), "axx");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRTrim, kText, Txt("xxaxx"), Txt("x"))), "xxa");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kTrim, kText, Txt("éaé"), Txt("é"))), "a");
  // A multibyte character is trimmed whole or not at all.
  EXPECT_EQ(EvalOne(*Call(ExprOp::kRTrim, kText, Txt("aé"), Txt("è"))), "aé");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kTrim, kText, Txt("abc"), Null(kText))), "NULL");
}

TEST(TextFunctions, TrimCharactersPerRow) {
  RowBatch batch = MakeBatch({Texts({"xax", "yay", "xax"}), Texts({"x", "y", "y"})});
  EXPECT_THAT(Eval(*Call(ExprOp::kTrim, kText, Col(0, kText), Col(1, kText)), batch),
              ElementsAre("a", "a", "xax"));
}

TEST(TextFunctions, Replace) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kReplace, kText, Txt("abcabc"), Txt("b"), Txt("XX"))),
            "aXXcaXXc");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kReplace, kText, Txt("aaa"), Txt("aa"), Txt("b"))), "ba");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kReplace, kText, Txt("abc"), Txt(""), Txt("X"))), "abc");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kReplace, kText, Txt("abc"), Txt("b"), Txt(""))), "ac");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kReplace, kText, Txt("abc"), Null(kText), Txt("X"))), "NULL");
}

TEST(TextFunctions, StrposCountsCharacters) {
  EXPECT_EQ(EvalOne(*Call(ExprOp::kPosition, kInt, Txt("hello"), Txt("l"))), "3");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kPosition, kInt, Txt("héllo"), Txt("l"))), "3");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kPosition, kInt, Txt("hello"), Txt("z"))), "0");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kPosition, kInt, Txt("hello"), Txt(""))), "1");
  EXPECT_EQ(EvalOne(*Call(ExprOp::kPosition, kInt, Null(kText), Txt("a"))), "NULL");
}

}  // namespace
}  // namespace tessera::expr_test
