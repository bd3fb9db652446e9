#include "engine/types/schema.h"

#include "gtest/gtest.h"

namespace tessera {
namespace {

Schema MakeSchema() {
  return Schema({{"id", DataType::Int64(), false},
                 {"amount", DataType::Decimal(2)},
                 {"Name", DataType::Text()},
                 {"id", DataType::Text()}});
}

TEST(Schema, IndexOfFindsTheFirstExactMatch) {
  Schema s = MakeSchema();
  EXPECT_EQ(s.IndexOf("id"), 0);  // The first of two fields named "id".
  EXPECT_EQ(s.IndexOf("amount"), 1);
  EXPECT_EQ(s.IndexOf("Name"), 2);
}

TEST(Schema, IndexOfIsCaseSensitiveAndExact) {
  Schema s = MakeSchema();
  EXPECT_EQ(s.IndexOf("name"), std::nullopt);
  EXPECT_EQ(s.IndexOf("ID"), std::nullopt);
  EXPECT_EQ(s.IndexOf("amoun"), std::nullopt);
  EXPECT_EQ(s.IndexOf("amount "), std::nullopt);
  EXPECT_EQ(s.IndexOf(""), std::nullopt);
}

TEST(Schema, ToStringListsNamesAndTypes) {
  EXPECT_EQ(MakeSchema().ToString(), "id bigint, amount decimal(18,2), Name text, id text");
  EXPECT_EQ(Schema({{"d", DataType::Date()}}).ToString(), "d date");
}

TEST(Schema, EmptySchema) {
  Schema s;
  EXPECT_EQ(s.num_fields(), 0);
  EXPECT_EQ(s.ToString(), "");
  EXPECT_EQ(s.IndexOf("x"), std::nullopt);
}

TEST(Schema, AccessorsExposeFields) {
  Schema s = MakeSchema();
  ASSERT_EQ(s.num_fields(), 4);
  EXPECT_EQ(s.field(1).name, "amount");
  EXPECT_EQ(s.field(1).type, DataType::Decimal(2));
  EXPECT_FALSE(s.field(0).nullable);
  EXPECT_TRUE(s.field(1).nullable);  // Fields are nullable unless said otherwise.
  EXPECT_EQ(s.fields().size(), 4u);
}

}  // namespace
}  // namespace tessera
