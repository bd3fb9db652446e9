#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "engine/format/result_writer.h"
#include "engine/types/row_batch.h"
#include "gtest/gtest.h"
#include "tests/engine/format/sample_batch.h"

namespace tessera {
namespace {

std::string WriteTable(const std::vector<const RowBatch*>& batches, const Schema& schema) {
  std::ostringstream out;
  auto writer = MakeResultWriter(OutputFormat::kTable, out);
  writer->Begin(schema);
  int64_t rows = 0;
  for (const RowBatch* b : batches) {
    writer->Write(*b);
    rows += b->num_rows();
  }
  writer->End(rows);
  return out.str();
}

std::shared_ptr<const Schema> FruitSchema() {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"id", DataType::Int64()}, {"name", DataType::Text()}, {"price", DataType::Decimal(2)}});
}

TEST(TableWriter, AlignsNumbersRightAndTextLeft) {
  RowBatch batch(FruitSchema());
  batch.column(0).AppendInt64(1);
  batch.column(1).AppendText("apple");
  batch.column(2).AppendInt64(199);
  batch.column(0).AppendNull();
  batch.column(1).AppendText("kiwi");
  batch.column(2).AppendInt64(-5);
  batch.column(0).AppendInt64(123);
  batch.column(1).AppendText("");
  batch.column(2).AppendNull();
  batch.SetNumRows(3);
  // Widths: id 3, name 5, price 5. Headers are centred; NULL is an empty cell;
  // trailing padding is trimmed from each row.
  EXPECT_EQ(WriteTable({&batch}, batch.schema()),
            " id  | name  | price\n"
            "-----+-------+-------\n"
            "   1 | apple |  1.99\n"
            "     | kiwi  | -0.05\n"
            " 123 |       |\n"
            "(3 rows)\n");
}

TEST(TableWriter, CentresHeadersWiderThanValues) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"identifier", DataType::Int64()}, {"t", DataType::Text()}});
  RowBatch batch(schema);
  batch.column(0).AppendInt64(7);
  batch.column(1).AppendText("long text");
  batch.SetNumRows(1);
  // "t" in a width of 9: four spaces before, four after. Unlike the rows,
  // the header keeps its trailing padding (as psql does).
  EXPECT_EQ(WriteTable({&batch}, *schema),
            " identifier |     t    \n"
            "------------+-----------\n"
            "          7 | long text\n"
            "(1 row)\n");
}

TEST(TableWriter, EveryType) {
  auto batch = testing::SampleBatch();
  // The text with a line break is printed as is, and its width counts the
  // line break as one column, like any other code point (12 in all).
  std::string out = WriteTable({batch.get()}, batch->schema());
  EXPECT_EQ(out,
            " id  |     name     | price | ratio |  ok   |    day     |             at            \n"
            "-----+--------------+-------+-------+-------+------------+----------------------------\n"
            "   1 | apple        |  1.99 |   0.5 | true  | 2024-02-29 | 2024-02-29 13:45:00\n"
            "     | a,b \"q\"\nline | -0.05 |       | false |            | 2024-02-29 13:45:00.000500\n"
            " -20 |              |       |   0.1 |       | 1969-12-31 |\n"
            "(3 rows)\n");
}

TEST(TableWriter, CountsUtf8CodePointsForWidth) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"w", DataType::Text()}, {"n", DataType::Int64()}});
  RowBatch batch(schema);
  batch.column(0).AppendText("caf\xc3\xa9");  // Four code points, five bytes.
  batch.column(1).AppendInt64(1);
  batch.column(0).AppendText("ab");
  batch.column(1).AppendInt64(2);
  batch.SetNumRows(2);
  EXPECT_EQ(WriteTable({&batch}, *schema),
            "  w   | n\n"
            "------+---\n"
            " caf\xc3\xa9 | 1\n"
            " ab   | 2\n"
            "(2 rows)\n");
}

TEST(TableWriter, WaitsForEveryBatchToSizeColumns) {
  auto schema = FruitSchema();
  RowBatch first(schema);
  first.column(0).AppendInt64(1);
  first.column(1).AppendText("a");
  first.column(2).AppendInt64(1);
  first.SetNumRows(1);
  RowBatch second(schema);
  second.column(0).AppendInt64(100000);
  second.column(1).AppendText("banana");
  second.column(2).AppendInt64(-123456);
  second.SetNumRows(1);

  std::ostringstream out;
  auto writer = MakeResultWriter(OutputFormat::kTable, out);
  writer->Begin(*schema);
  writer->Write(first);
  writer->Write(second);
  EXPECT_EQ(out.str(), "");  // Nothing before End: the widths are not known yet.
  writer->End(2);
  EXPECT_EQ(out.str(),
            "   id   |  name  |  price  \n"
            "--------+--------+----------\n"
            "      1 | a      |     0.01\n"
            " 100000 | banana | -1234.56\n"
            "(2 rows)\n");
}

TEST(TableWriter, NoRows) {
  auto schema = FruitSchema();
  EXPECT_EQ(WriteTable({}, *schema),
            " id | name | price\n"
            "----+------+-------\n"
            "(0 rows)\n");
}

}  // namespace
}  // namespace tessera
