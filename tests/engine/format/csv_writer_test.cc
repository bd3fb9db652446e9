#include <cstdlib>
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

std::string WriteCsv(const RowBatch& batch) {
  std::ostringstream out;
  auto writer = MakeResultWriter(OutputFormat::kCsv, out);
  writer->Begin(batch.schema());
  writer->Write(batch);
  writer->End(batch.num_rows());
  return out.str();
}

// A one-column batch of the given type.
std::unique_ptr<RowBatch> OneColumn(const std::string& name, DataType type) {
  return std::make_unique<RowBatch>(
      std::make_shared<const Schema>(std::vector<Field>{{name, type}}));
}

TEST(CsvWriter, WritesHeaderAndRowsWithCrlf) {
  EXPECT_EQ(WriteCsv(*testing::SampleBatch()),
            "id,name,price,ratio,ok,day,at\r\n"
            "1,apple,1.99,0.5,true,2024-02-29,2024-02-29 13:45:00\r\n"
            ",\"a,b \"\"q\"\"\nline\",-0.05,,false,,2024-02-29 13:45:00.000500\r\n"
            "-20,\"\",,0.1,,1969-12-31,\r\n");
}

TEST(CsvWriter, QuotesOnlyFieldsThatNeedIt) {
  auto batch = OneColumn("v", DataType::Text());
  for (const char* s : {"plain", "with space", "comma,", "quote\"", "cr\r", "lf\n", "crlf\r\n",
                        "'single'", "semi;colon", "\"\""}) {
    batch->column(0).AppendText(s);
  }
  batch->SetNumRows(batch->column(0).size());
  EXPECT_EQ(WriteCsv(*batch),
            "v\r\n"
            "plain\r\n"
            "with space\r\n"
            "\"comma,\"\r\n"
            "\"quote\"\"\"\r\n"
            "\"cr\r\"\r\n"
            "\"lf\n\"\r\n"
            "\"crlf\r\n\"\r\n"
            "'single'\r\n"
            "semi;colon\r\n"
            "\"\"\"\"\"\"\r\n");
}

TEST(CsvWriter, QuotesHeaderNames) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"a,b", DataType::Int64()}, {"say \"x\"", DataType::Int64()},
                         {"plain", DataType::Int64()}});
  RowBatch batch(schema);
  batch.column(0).AppendInt64(1);
  batch.column(1).AppendInt64(2);
  batch.column(2).AppendInt64(3);
  batch.SetNumRows(1);
  EXPECT_EQ(WriteCsv(batch), "\"a,b\",\"say \"\"x\"\"\",plain\r\n1,2,3\r\n");
}

TEST(CsvWriter, NullIsAnEmptyField) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"a", DataType::Text()}, {"b", DataType::Int64()}});
  RowBatch batch(schema);
  batch.column(0).AppendNull();
  batch.column(1).AppendNull();
  batch.SetNumRows(1);
  EXPECT_EQ(WriteCsv(batch), "a,b\r\n,\r\n");
}

TEST(CsvWriter, StreamsEachBatchBeforeEnd) {
  auto batch = OneColumn("n", DataType::Int64());
  std::ostringstream out;
  auto writer = MakeResultWriter(OutputFormat::kCsv, out);
  writer->Begin(batch->schema());
  EXPECT_EQ(out.str(), "n\r\n");
  batch->column(0).AppendInt64(1);
  batch->SetNumRows(1);
  writer->Write(*batch);
  EXPECT_EQ(out.str(), "n\r\n1\r\n");
  batch->Clear();
  batch->column(0).AppendInt64(2);
  batch->column(0).AppendInt64(3);
  batch->SetNumRows(2);
  writer->Write(*batch);
  writer->End(3);
  EXPECT_EQ(out.str(), "n\r\n1\r\n2\r\n3\r\n");
}

TEST(CsvWriter, EmptyResultIsJustTheHeader) {
  auto batch = OneColumn("n", DataType::Int64());
  EXPECT_EQ(WriteCsv(*batch), "n\r\n");
}

// CSV is the format for scripts, so a double must keep every digit, as the
// JSON lines writer and the SQL dialects do. Cells are formatted through
// ColumnVector::FormatCell, whose absl::StrCat keeps only six significant
// digits: 0.123456789 is written as 0.123457 and 123456789.0 as 1.23457e+08.
TEST(CsvWriter, DoublesReadBackExactly) {
  auto batch = OneColumn("x", DataType::Double());
  const std::vector<double> values = {0.123456789, 123456789.0, 1.0 / 3.0, 0.1, 1e-7};
  for (double v : values) batch->column(0).AppendDouble(v);
  batch->SetNumRows(values.size());
  std::string csv = WriteCsv(*batch);
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  ASSERT_EQ(line, "x\r");
  for (double v : values) {
    ASSERT_TRUE(std::getline(lines, line));
    ASSERT_FALSE(line.empty());
    line.pop_back();  // The '\r'.
    EXPECT_EQ(std::strtod(line.c_str(), nullptr), v) << "written as " << line;
  }
}

}  // namespace
}  // namespace tessera
