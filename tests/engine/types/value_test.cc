#include "engine/types/value.h"

#include <cstdint>
#include <limits>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(Value, NullCarriesItsType) {
  Value v = Value::Null(DataType::Decimal(3));
  EXPECT_TRUE(v.is_null());
  EXPECT_EQ(v.type(), DataType::Decimal(3));
  EXPECT_EQ(v.ToString(), "NULL");
  EXPECT_EQ(Value::Null(DataType::Text()).ToString(), "NULL");
}

TEST(Value, BoolFactory) {
  Value t = Value::Bool(true);
  Value f = Value::Bool(false);
  EXPECT_FALSE(t.is_null());
  EXPECT_EQ(t.type(), DataType::Bool());
  EXPECT_TRUE(t.bool_value());
  EXPECT_FALSE(f.bool_value());
  EXPECT_EQ(t.int64_value(), 1);
  EXPECT_EQ(f.int64_value(), 0);
  EXPECT_EQ(t.ToString(), "true");
  EXPECT_EQ(f.ToString(), "false");
}

TEST(Value, Int64Factory) {
  Value v = Value::Int64(-42);
  EXPECT_EQ(v.type(), DataType::Int64());
  EXPECT_EQ(v.int64_value(), -42);
  EXPECT_EQ(v.ToString(), "-42");
  EXPECT_EQ(Value::Int64(std::numeric_limits<int64_t>::min()).ToString(), "-9223372036854775808");
}

TEST(Value, DoubleFactory) {
  Value v = Value::Double(1.5);
  EXPECT_EQ(v.type(), DataType::Double());
  EXPECT_EQ(v.double_value(), 1.5);
  EXPECT_EQ(v.ToString(), "1.5");
  EXPECT_EQ(Value::Double(-0.25).ToString(), "-0.25");
  EXPECT_EQ(Value::Double(3.0).ToString(), "3");
}

TEST(Value, DecimalFactory) {
  Value v = Value::Decimal(1234, 2);
  EXPECT_EQ(v.type(), DataType::Decimal(2));
  EXPECT_EQ(v.int64_value(), 1234);
  EXPECT_EQ(v.ToString(), "12.34");
  EXPECT_EQ(Value::Decimal(-5, 2).ToString(), "-0.05");
  EXPECT_EQ(Value::Decimal(7, 0).ToString(), "7");
}

TEST(Value, TextFactory) {
  Value v = Value::Text("it's \"quoted\"");
  EXPECT_EQ(v.type(), DataType::Text());
  EXPECT_EQ(v.text_value(), "it's \"quoted\"");
  EXPECT_EQ(v.ToString(), "it's \"quoted\"");  // Unquoted, unescaped.
  EXPECT_EQ(Value::Text("").ToString(), "");
}

TEST(Value, DateFactories) {
  Value v = Value::Date(absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(v.type(), DataType::Date());
  EXPECT_EQ(v.int64_value(), 19782);
  EXPECT_EQ(v.ToString(), "2024-02-29");
  EXPECT_EQ(Value::DateFromDays(-1).ToString(), "1969-12-31");
  EXPECT_TRUE(Value::DateFromDays(19782) == v);
}

TEST(Value, TimestampFactories) {
  Value v = Value::Timestamp(absl::CivilSecond(2024, 2, 29, 13, 45, 0));
  EXPECT_EQ(v.type(), DataType::Timestamp());
  EXPECT_EQ(v.int64_value(), 1709214300000000);
  EXPECT_EQ(v.ToString(), "2024-02-29 13:45:00");
  EXPECT_EQ(Value::TimestampFromMicros(1709214300000500).ToString(), "2024-02-29 13:45:00.000500");
  EXPECT_EQ(Value::TimestampFromMicros(-1).ToString(), "1969-12-31 23:59:59.999999");
  EXPECT_TRUE(Value::TimestampFromMicros(1709214300000000) == v);
}

TEST(Value, EqualityComparesTypeAndValue) {
  EXPECT_TRUE(Value::Int64(7) == Value::Int64(7));
  EXPECT_FALSE(Value::Int64(7) == Value::Int64(8));
  EXPECT_TRUE(Value::Text("a") == Value::Text("a"));
  EXPECT_FALSE(Value::Text("a") == Value::Text("A"));
  EXPECT_TRUE(Value::Decimal(1234, 2) == Value::Decimal(1234, 2));
  // Same representation, different types.
  EXPECT_FALSE(Value::Int64(1) == Value::Bool(true));
  EXPECT_FALSE(Value::Int64(19782) == Value::DateFromDays(19782));
  EXPECT_FALSE(Value::DateFromDays(0) == Value::TimestampFromMicros(0));
  // Equal numbers at different scales are different values of different types.
  EXPECT_FALSE(Value::Decimal(100, 2) == Value::Decimal(10, 1));
  EXPECT_FALSE(Value::Decimal(5, 2) == Value::Decimal(5, 3));
}

TEST(Value, NullEqualityDependsOnType) {
  EXPECT_TRUE(Value::Null(DataType::Int64()) == Value::Null(DataType::Int64()));
  EXPECT_FALSE(Value::Null(DataType::Int64()) == Value::Null(DataType::Text()));
  EXPECT_FALSE(Value::Null(DataType::Date()) == Value::Null(DataType::Timestamp()));
  EXPECT_FALSE(Value::Null(DataType::Decimal(2)) == Value::Null(DataType::Decimal(3)));
  EXPECT_FALSE(Value::Null(DataType::Int64()) == Value::Int64(0));
  EXPECT_FALSE(Value::Null(DataType::Text()) == Value::Text(""));
  EXPECT_FALSE(Value::Null(DataType::Bool()) == Value::Bool(false));
}

}  // namespace
}  // namespace tessera
