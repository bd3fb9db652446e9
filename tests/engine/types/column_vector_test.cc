#include "engine/types/column_vector.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(ColumnVector, StartsEmptyWithItsType) {
  ColumnVector col(DataType::Decimal(2));
  EXPECT_EQ(col.size(), 0);
  EXPECT_EQ(col.type(), DataType::Decimal(2));
}

TEST(ColumnVector, Bool) {
  ColumnVector col(DataType::Bool());
  col.AppendBool(true);
  col.AppendNull();
  col.AppendBool(false);
  ASSERT_EQ(col.size(), 3);
  EXPECT_FALSE(col.IsNull(0));
  EXPECT_TRUE(col.IsNull(1));
  EXPECT_FALSE(col.IsNull(2));
  EXPECT_TRUE(col.GetBool(0));
  EXPECT_FALSE(col.GetBool(2));
  EXPECT_EQ(col.GetInt64(0), 1);
  EXPECT_EQ(col.FormatCell(0), "true");
  EXPECT_EQ(col.FormatCell(1), "NULL");
  EXPECT_EQ(col.FormatCell(2), "false");
}

TEST(ColumnVector, Int64) {
  ColumnVector col(DataType::Int64());
  col.AppendInt64(-3);
  col.AppendNull();
  col.AppendInt64(INT64_MAX);
  ASSERT_EQ(col.size(), 3);
  EXPECT_EQ(col.GetInt64(0), -3);
  EXPECT_TRUE(col.IsNull(1));
  EXPECT_EQ(col.GetInt64(1), 0);  // NULL rows hold a zero.
  EXPECT_EQ(col.GetInt64(2), INT64_MAX);
  EXPECT_EQ(col.FormatCell(0), "-3");
  EXPECT_EQ(col.FormatCell(1), "NULL");
  EXPECT_EQ(col.FormatCell(2), "9223372036854775807");
}

TEST(ColumnVector, Double) {
  ColumnVector col(DataType::Double());
  col.AppendDouble(2.5);
  col.AppendNull();
  col.AppendDouble(-0.125);
  ASSERT_EQ(col.size(), 3);
  EXPECT_EQ(col.GetDouble(0), 2.5);
  EXPECT_TRUE(col.IsNull(1));
  EXPECT_EQ(col.GetDouble(2), -0.125);
  EXPECT_EQ(col.FormatCell(0), "2.5");
  EXPECT_EQ(col.FormatCell(1), "NULL");
  EXPECT_EQ(col.FormatCell(2), "-0.125");
}

TEST(ColumnVector, Decimal) {
  ColumnVector col(DataType::Decimal(2));
  col.AppendInt64(-1230);
  col.AppendNull();
  col.AppendInt64(5);
  EXPECT_EQ(col.GetInt64(0), -1230);
  EXPECT_EQ(col.FormatCell(0), "-12.30");
  EXPECT_EQ(col.FormatCell(1), "NULL");
  EXPECT_EQ(col.FormatCell(2), "0.05");
}

TEST(ColumnVector, DateAndTimestamp) {
  ColumnVector dates(DataType::Date());
  dates.AppendInt64(19782);
  dates.AppendNull();
  dates.AppendInt64(-1);
  EXPECT_EQ(dates.FormatCell(0), "2024-02-29");
  EXPECT_EQ(dates.FormatCell(1), "NULL");
  EXPECT_EQ(dates.FormatCell(2), "1969-12-31");

  ColumnVector stamps(DataType::Timestamp());
  stamps.AppendInt64(1709214300000000);
  stamps.AppendInt64(1709214300000500);
  stamps.AppendNull();
  EXPECT_EQ(stamps.FormatCell(0), "2024-02-29 13:45:00");
  EXPECT_EQ(stamps.FormatCell(1), "2024-02-29 13:45:00.000500");
  EXPECT_EQ(stamps.FormatCell(2), "NULL");
}

TEST(ColumnVector, Text) {
  ColumnVector col(DataType::Text());
  col.AppendText("alpha");
  col.AppendNull();
  col.AppendText("");
  col.AppendText("b,\"c\"\n");
  ASSERT_EQ(col.size(), 4);
  EXPECT_EQ(col.GetText(0), "alpha");
  EXPECT_TRUE(col.IsNull(1));
  EXPECT_EQ(col.GetText(1), "");  // NULL rows hold an empty string.
  EXPECT_FALSE(col.IsNull(2));
  EXPECT_EQ(col.GetText(2), "");
  EXPECT_EQ(col.GetText(3), "b,\"c\"\n");
  EXPECT_EQ(col.FormatCell(0), "alpha");
  EXPECT_EQ(col.FormatCell(1), "NULL");
  EXPECT_EQ(col.FormatCell(2), "");
}

TEST(ColumnVector, TextKeepsEmbeddedNulBytes) {
  ColumnVector col(DataType::Text());
  std::string with_nul("a\0b", 3);
  col.AppendText(with_nul);
  col.AppendText("c");
  EXPECT_EQ(col.GetText(0), absl::string_view(with_nul));
  EXPECT_EQ(col.GetText(0).size(), 3u);
  EXPECT_EQ(col.GetText(1), "c");
}

// The value appended at `i` in the offset tests: lengths vary from 0 to 12,
// and every fifth value is empty.
std::string TextAt(int i) {
  if (i % 5 == 0) return "";
  return std::string(i % 13, static_cast<char>('a' + i % 26)) + absl::StrCat(i);
}

TEST(ColumnVector, TextOffsetsAcrossManyValues) {
  ColumnVector col(DataType::Text());
  constexpr int kRows = 3000;
  for (int i = 0; i < kRows; ++i) {
    if (i % 7 == 3) {
      col.AppendNull();
    } else {
      col.AppendText(TextAt(i));
    }
  }
  ASSERT_EQ(col.size(), kRows);
  for (int i = 0; i < kRows; ++i) {
    if (i % 7 == 3) {
      ASSERT_TRUE(col.IsNull(i)) << i;
      ASSERT_EQ(col.GetText(i), "") << i;
    } else {
      ASSERT_FALSE(col.IsNull(i)) << i;
      ASSERT_EQ(col.GetText(i), TextAt(i)) << i;
    }
  }
}

TEST(ColumnVector, ClearEmptiesAndKeepsWorking) {
  ColumnVector col(DataType::Text());
  col.AppendText("first batch value");
  col.AppendNull();
  col.AppendText("x");
  col.Clear();
  EXPECT_EQ(col.size(), 0);
  col.AppendText("new");
  col.AppendNull();
  col.AppendText("");
  col.AppendText("after");
  ASSERT_EQ(col.size(), 4);
  EXPECT_EQ(col.GetText(0), "new");
  EXPECT_FALSE(col.IsNull(0));
  EXPECT_TRUE(col.IsNull(1));
  EXPECT_EQ(col.GetText(2), "");
  EXPECT_EQ(col.GetText(3), "after");

  ColumnVector ints(DataType::Int64());
  ints.AppendNull();
  ints.AppendInt64(9);
  ints.Clear();
  ints.AppendInt64(4);
  ASSERT_EQ(ints.size(), 1);
  EXPECT_FALSE(ints.IsNull(0));
  EXPECT_EQ(ints.GetInt64(0), 4);
}

TEST(ColumnVector, ClearKeepsCapacity) {
  ColumnVector col(DataType::Int64());
  col.Reserve(1000);
  int64_t reserved = col.MemoryBytes();
  // One null byte and one int64 per reserved row.
  EXPECT_GE(reserved, 1000 * (1 + static_cast<int64_t>(sizeof(int64_t))));
  for (int i = 0; i < 1000; ++i) col.AppendInt64(i);
  EXPECT_EQ(col.MemoryBytes(), reserved);
  col.Clear();
  EXPECT_EQ(col.MemoryBytes(), reserved);
}

TEST(ColumnVector, AppendValueAndGetValueRoundTripEveryType) {
  std::vector<Value> values = {
      Value::Bool(true),
      Value::Bool(false),
      Value::Int64(-42),
      Value::Double(6.25),
      Value::Decimal(-1230, 2),
      Value::Text("hello"),
      Value::Text(""),
      Value::Date(absl::CivilDay(1968, 2, 29)),
      Value::Timestamp(absl::CivilSecond(2024, 2, 29, 13, 45, 0)),
      Value::TimestampFromMicros(-1),
  };
  for (const Value& v : values) {
    ColumnVector col(v.type());
    col.AppendValue(v);
    col.AppendValue(Value::Null(v.type()));
    col.AppendValue(v);
    ASSERT_EQ(col.size(), 3);
    EXPECT_TRUE(col.GetValue(0) == v) << v.ToString();
    EXPECT_TRUE(col.GetValue(1) == Value::Null(v.type())) << v.ToString();
    EXPECT_TRUE(col.GetValue(2) == v) << v.ToString();
    EXPECT_TRUE(col.GetValue(1).is_null());
    EXPECT_EQ(col.FormatCell(0), v.ToString());
    EXPECT_EQ(col.FormatCell(1), "NULL");
  }
}

TEST(ColumnVector, GetValueOfDecimalKeepsTheColumnScale) {
  ColumnVector col(DataType::Decimal(4));
  col.AppendInt64(12345);
  Value v = col.GetValue(0);
  EXPECT_EQ(v.type(), DataType::Decimal(4));
  EXPECT_EQ(v.ToString(), "1.2345");
}

}  // namespace
}  // namespace tessera
