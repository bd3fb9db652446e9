#include "engine/types/data_type.h"

#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(DataType, ToStringSpellsEachTypeInSql) {
  EXPECT_EQ(DataType::Bool().ToString(), "boolean");
  EXPECT_EQ(DataType::Int64().ToString(), "bigint");
  EXPECT_EQ(DataType::Double().ToString(), "double precision");
  EXPECT_EQ(DataType::Decimal(2).ToString(), "decimal(18,2)");
  EXPECT_EQ(DataType::Decimal(0).ToString(), "decimal(18,0)");
  EXPECT_EQ(DataType::Decimal(kMaxDecimalScale).ToString(), "decimal(18,9)");
  EXPECT_EQ(DataType::Text().ToString(), "text");
  EXPECT_EQ(DataType::Date().ToString(), "date");
  EXPECT_EQ(DataType::Timestamp().ToString(), "timestamp");
}

TEST(DataType, DefaultIsText) {
  DataType t;
  EXPECT_EQ(t.id, TypeId::kText);
  EXPECT_EQ(t.ToString(), "text");
}

TEST(DataType, EqualityComparesScaleOnlyForDecimals) {
  EXPECT_EQ(DataType::Decimal(2), DataType::Decimal(2));
  EXPECT_NE(DataType::Decimal(2), DataType::Decimal(3));
  EXPECT_NE(DataType::Int64(), DataType::Decimal(0));
  // A stray scale on a non-decimal type carries no meaning.
  EXPECT_EQ((DataType{TypeId::kInt64, 5}), DataType::Int64());
  EXPECT_NE(DataType::Date(), DataType::Timestamp());
}

TEST(DataType, IntegerBackedExcludesDoubleAndText) {
  EXPECT_TRUE(DataType::Bool().IsIntegerBacked());
  EXPECT_TRUE(DataType::Int64().IsIntegerBacked());
  EXPECT_TRUE(DataType::Decimal(2).IsIntegerBacked());
  EXPECT_TRUE(DataType::Date().IsIntegerBacked());
  EXPECT_TRUE(DataType::Timestamp().IsIntegerBacked());
  EXPECT_FALSE(DataType::Double().IsIntegerBacked());
  EXPECT_FALSE(DataType::Text().IsIntegerBacked());
}

}  // namespace
}  // namespace tessera

namespace tessera {
namespace {

TEST(DataTypeFromString, ReadsWhatToStringWrites) {
  for (DataType t : {DataType::Bool(), DataType::Int64(), DataType::Double(), DataType::Decimal(2), DataType::Text(),
                     DataType::Date(), DataType::Timestamp()}) {
    std::optional<DataType> back = DataTypeFromString(t.ToString());
    ASSERT_TRUE(back.has_value()) << t.ToString();
    EXPECT_EQ(*back, t);
  }
  EXPECT_EQ(DataTypeFromString("decimal(10,4)"), DataType::Decimal(4));
  EXPECT_FALSE(DataTypeFromString("varchar").has_value());
  EXPECT_FALSE(DataTypeFromString("decimal(4,5)").has_value());
  EXPECT_FALSE(DataTypeFromString("decimal(10,2").has_value());
}

}  // namespace
}  // namespace tessera
