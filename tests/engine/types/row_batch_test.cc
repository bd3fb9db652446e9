#include "engine/types/row_batch.h"

#include <memory>

#include "gtest/gtest.h"

namespace tessera {
namespace {

std::shared_ptr<const Schema> TestSchema() {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"id", DataType::Int64()}, {"name", DataType::Text()}, {"price", DataType::Decimal(2)}});
}

TEST(RowBatch, HasOneColumnPerFieldOfItsType) {
  auto schema = TestSchema();
  RowBatch batch(schema);
  EXPECT_EQ(batch.num_columns(), 3);
  EXPECT_EQ(batch.num_rows(), 0);
  EXPECT_EQ(batch.column(0).type(), DataType::Int64());
  EXPECT_EQ(batch.column(1).type(), DataType::Text());
  EXPECT_EQ(batch.column(2).type(), DataType::Decimal(2));
  EXPECT_EQ(batch.shared_schema().get(), schema.get());
  EXPECT_EQ(&batch.schema(), schema.get());
}

TEST(RowBatch, FillClearAndRefill) {
  RowBatch batch(TestSchema());
  batch.column(0).AppendInt64(1);
  batch.column(1).AppendText("apple");
  batch.column(2).AppendInt64(199);
  batch.column(0).AppendInt64(2);
  batch.column(1).AppendNull();
  batch.column(2).AppendNull();
  batch.SetNumRows(2);
  EXPECT_EQ(batch.num_rows(), 2);
  const RowBatch& view = batch;
  EXPECT_EQ(view.column(1).GetText(0), "apple");
  EXPECT_EQ(view.column(2).FormatCell(0), "1.99");
  EXPECT_TRUE(view.column(2).IsNull(1));

  batch.Clear();
  EXPECT_EQ(batch.num_rows(), 0);
  for (int c = 0; c < batch.num_columns(); ++c) EXPECT_EQ(batch.column(c).size(), 0) << c;

  batch.column(0).AppendInt64(3);
  batch.column(1).AppendText("pear");
  batch.column(2).AppendInt64(5);
  batch.SetNumRows(1);
  EXPECT_EQ(batch.column(0).GetInt64(0), 3);
  EXPECT_EQ(batch.column(1).GetText(0), "pear");
  EXPECT_EQ(batch.column(2).FormatCell(0), "0.05");
}

TEST(RowBatch, MemoryBytesSumsColumnsAndSurvivesClear) {
  RowBatch batch(TestSchema());
  for (int c = 0; c < batch.num_columns(); ++c) batch.column(c).Reserve(kDefaultBatchRows);
  int64_t expected = 0;
  for (int c = 0; c < batch.num_columns(); ++c) expected += batch.column(c).MemoryBytes();
  EXPECT_EQ(batch.MemoryBytes(), expected);
  EXPECT_GT(expected, 0);
  batch.Clear();
  EXPECT_EQ(batch.MemoryBytes(), expected);
}

TEST(RowBatch, EmptySchema) {
  RowBatch batch(std::make_shared<const Schema>());
  EXPECT_EQ(batch.num_columns(), 0);
  EXPECT_EQ(batch.MemoryBytes(), 0);
}

}  // namespace
}  // namespace tessera
