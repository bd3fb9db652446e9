#include "tests/conformance/slt_result.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/conformance/md5.h"

namespace tessera::slt {
namespace {

std::string RenderInt(int64_t v, char letter) {
  ColumnVector c(DataType::Int64());
  c.AppendInt64(v);
  return RenderCell(c, 0, letter);
}

std::string RenderDouble(double v, char letter) {
  ColumnVector c(DataType::Double());
  c.AppendDouble(v);
  return RenderCell(c, 0, letter);
}

std::string RenderText(const std::string& v, char letter) {
  ColumnVector c(DataType::Text());
  c.AppendText(v);
  return RenderCell(c, 0, letter);
}

TEST(SltResult, NullIsNullUnderEveryLetter) {
  for (DataType type : {DataType::Int64(), DataType::Double(), DataType::Text(), DataType::Decimal(2)}) {
    ColumnVector c(type);
    c.AppendNull();
    for (char letter : {'I', 'R', 'T'}) EXPECT_EQ(RenderCell(c, 0, letter), "NULL");
  }
}

TEST(SltResult, IntegerLetterTruncatesAndReadsLeadingDigits) {
  EXPECT_EQ(RenderInt(-42, 'I'), "-42");
  EXPECT_EQ(RenderDouble(2.99, 'I'), "2");
  EXPECT_EQ(RenderDouble(-2.99, 'I'), "-2");
  EXPECT_EQ(RenderText("12abc", 'I'), "12");
  EXPECT_EQ(RenderText(" -7.5", 'I'), "-7");
  EXPECT_EQ(RenderText("abc", 'I'), "0");
  // sqlite3_column_int keeps the low 32 bits.
  EXPECT_EQ(RenderInt(int64_t{1} << 32 | 5, 'I'), "5");
  ColumnVector dec(DataType::Decimal(2));
  dec.AppendInt64(-1299);  // -12.99
  EXPECT_EQ(RenderCell(dec, 0, 'I'), "-12");
  EXPECT_EQ(RenderCell(dec, 0, 'R'), "-12.990");
}

TEST(SltResult, RealLetterPrintsThreeDecimals) {
  EXPECT_EQ(RenderInt(5, 'R'), "5.000");
  EXPECT_EQ(RenderDouble(2.0 / 3.0, 'R'), "0.667");
  EXPECT_EQ(RenderDouble(-0.0004, 'R'), "-0.000");
  EXPECT_EQ(RenderText("1.5e1x", 'R'), "15.000");
  // SQLite's printf stops at 16 significant digits.
  EXPECT_EQ(RenderInt(INT64_MIN, 'R'), "-9223372036854776000.000");
  EXPECT_EQ(RenderDouble(-18446744073709551616.0, 'R'), "-18446744073709550000.000");
  EXPECT_EQ(RenderDouble(12345678901234.567, 'R'), "12345678901234.570");
  EXPECT_EQ(RenderDouble(1234567890123.4567, 'R'), "1234567890123.457");
}

TEST(SltResult, TextLetterMarksEmptyAndUnprintable) {
  EXPECT_EQ(RenderText("", 'T'), "(empty)");
  EXPECT_EQ(RenderText("a\tb\x7f", 'T'), "a@b@");
  EXPECT_EQ(RenderText("caf\xc3\xa9", 'T'), "caf@@");
  EXPECT_EQ(RenderInt(12, 'T'), "12");
}

TEST(SltResult, SortModes) {
  std::vector<std::vector<std::string>> rows = {{"9", "b"}, {"10", "a"}, {"9", "a"}};
  // strcmp order: "10" < "9".
  EXPECT_EQ(SortAndFlatten(rows, SortMode::kNoSort), (std::vector<std::string>{"9", "b", "10", "a", "9", "a"}));
  EXPECT_EQ(SortAndFlatten(rows, SortMode::kRowSort), (std::vector<std::string>{"10", "a", "9", "a", "9", "b"}));
  EXPECT_EQ(SortAndFlatten(rows, SortMode::kValueSort), (std::vector<std::string>{"10", "9", "9", "a", "a", "b"}));
}

TEST(SltResult, HashesValuesEachFollowedByANewline) {
  std::vector<std::string> values = {"1", "NULL", "(empty)"};
  EXPECT_EQ(HashValues(values), Md5Hex("1\nNULL\n(empty)\n"));
  EXPECT_EQ(HashLine(values), "3 values hashing to " + Md5Hex("1\nNULL\n(empty)\n"));
}

TEST(SltResult, ComparesValuesUpToTheThreshold) {
  std::vector<std::string> values = {"1", "2", "3"};
  EXPECT_TRUE(CompareValues(values, values, 8).matches);
  EXPECT_TRUE(CompareValues(values, values, 0).matches);
  Comparison wrong = CompareValues(values, {"1", "5", "3"}, 8);
  EXPECT_FALSE(wrong.matches);
  EXPECT_EQ(wrong.actual, values);
  EXPECT_EQ(wrong.detail, "value 2 differs: expected \"5\", got \"2\"");
  EXPECT_EQ(CompareValues(values, {"1", "2"}, 8).detail, "too many values: expected 2, got 3");
  EXPECT_EQ(CompareValues(values, {"1", "2", "3", "4"}, 8).detail, "too few values: expected 4, got 3");
  EXPECT_FALSE(CompareValues({}, {"1"}, 8).matches);
}

TEST(SltResult, ComparesHashLinesPastTheThreshold) {
  std::vector<std::string> values = {"1", "2", "3"};
  std::vector<std::string> hashed = {HashLine(values)};
  EXPECT_TRUE(CompareValues(values, hashed, 2).matches);
  // At or below the threshold the values are listed, never hashed.
  EXPECT_FALSE(CompareValues(values, hashed, 3).matches);
  Comparison fewer = CompareValues({"1", "2"}, hashed, 1);
  EXPECT_FALSE(fewer.matches);
  EXPECT_EQ(fewer.detail, "expected 3 values, got 2");
  EXPECT_EQ(CompareValues({"1", "2", "4"}, hashed, 2).detail, "same number of values, different hash");
}

TEST(SltResult, ExpectedHashOfASkippedQuery) {
  EXPECT_EQ(ExpectedHash({"30 values hashing to 0123abcd"}), "0123abcd");
  EXPECT_EQ(ExpectedHash({"1", "2"}), Md5Hex("1\n2\n"));
}

}  // namespace
}  // namespace tessera::slt
