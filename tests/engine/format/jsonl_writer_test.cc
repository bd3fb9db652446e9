#include <cmath>
#include <limits>
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

std::string WriteJsonLines(const RowBatch& batch) {
  std::ostringstream out;
  auto writer = MakeResultWriter(OutputFormat::kJsonLines, out);
  writer->Begin(batch.schema());
  writer->Write(batch);
  writer->End(batch.num_rows());
  return out.str();
}

std::unique_ptr<RowBatch> OneColumn(const std::string& name, DataType type) {
  return std::make_unique<RowBatch>(
      std::make_shared<const Schema>(std::vector<Field>{{name, type}}));
}

TEST(JsonLinesWriter, OneObjectPerRow) {
  EXPECT_EQ(WriteJsonLines(*testing::SampleBatch()),
            "{\"id\":1,\"name\":\"apple\",\"price\":1.99,\"ratio\":0.5,\"ok\":true,"
            "\"day\":\"2024-02-29\",\"at\":\"2024-02-29 13:45:00\"}\n"
            "{\"id\":null,\"name\":\"a,b \\\"q\\\"\\nline\",\"price\":-0.05,\"ratio\":null,"
            "\"ok\":false,\"day\":null,\"at\":\"2024-02-29 13:45:00.000500\"}\n"
            "{\"id\":-20,\"name\":\"\",\"price\":null,\"ratio\":0.1,"
            "\"ok\":null,\"day\":\"1969-12-31\",\"at\":null}\n");
}

TEST(JsonLinesWriter, EscapesControlCharacters) {
  auto batch = OneColumn("s", DataType::Text());
  batch->column(0).AppendText("tab\there");
  batch->column(0).AppendText("cr\rlf\n");
  batch->column(0).AppendText(std::string("nul\0", 4));
  batch->column(0).AppendText("\x01\x08\x0c\x1f");
  batch->column(0).AppendText("back\\slash \"quote\"");
  batch->column(0).AppendText("caf\xc3\xa9 \x7f");  // UTF-8 and DEL pass through.
  batch->SetNumRows(6);
  EXPECT_EQ(WriteJsonLines(*batch),
            "{\"s\":\"tab\\there\"}\n"
            "{\"s\":\"cr\\rlf\\n\"}\n"
            "{\"s\":\"nul\\u0000\"}\n"
            "{\"s\":\"\\u0001\\u0008\\u000c\\u001f\"}\n"
            "{\"s\":\"back\\\\slash \\\"quote\\\"\"}\n"
            "{\"s\":\"caf\xc3\xa9 \x7f\"}\n");
}

TEST(JsonLinesWriter, EscapesKeys) {
  auto batch = OneColumn("a \"b\"\n", DataType::Int64());
  batch->column(0).AppendInt64(7);
  batch->SetNumRows(1);
  EXPECT_EQ(WriteJsonLines(*batch), "{\"a \\\"b\\\"\\n\":7}\n");
}

TEST(JsonLinesWriter, DecimalsKeepTheirExactDigits) {
  auto batch = OneColumn("d", DataType::Decimal(2));
  batch->column(0).AppendInt64(123456789012345678);
  batch->column(0).AppendInt64(-5);
  batch->column(0).AppendInt64(100);
  batch->column(0).AppendInt64(std::numeric_limits<int64_t>::min());
  batch->SetNumRows(4);
  EXPECT_EQ(WriteJsonLines(*batch),
            "{\"d\":1234567890123456.78}\n"
            "{\"d\":-0.05}\n"
            "{\"d\":1.00}\n"
            "{\"d\":-92233720368547758.08}\n");
}

TEST(JsonLinesWriter, DoublesKeepEveryDigitAndNonFiniteIsNull) {
  auto batch = OneColumn("x", DataType::Double());
  batch->column(0).AppendDouble(1.0);
  batch->column(0).AppendDouble(1.0 / 3.0);
  batch->column(0).AppendDouble(-2.5e20);
  batch->column(0).AppendDouble(std::nan(""));
  batch->column(0).AppendDouble(std::numeric_limits<double>::infinity());
  batch->column(0).AppendDouble(-std::numeric_limits<double>::infinity());
  batch->SetNumRows(6);
  EXPECT_EQ(WriteJsonLines(*batch),
            "{\"x\":1}\n"
            "{\"x\":0.3333333333333333}\n"
            "{\"x\":-2.5e+20}\n"
            "{\"x\":null}\n"
            "{\"x\":null}\n"
            "{\"x\":null}\n");
}

TEST(JsonLinesWriter, StreamsEachBatchAndWritesNothingForNoRows) {
  auto batch = OneColumn("n", DataType::Int64());
  std::ostringstream out;
  auto writer = MakeResultWriter(OutputFormat::kJsonLines, out);
  writer->Begin(batch->schema());
  writer->Write(*batch);
  EXPECT_EQ(out.str(), "");
  batch->column(0).AppendInt64(1);
  batch->SetNumRows(1);
  writer->Write(*batch);
  EXPECT_EQ(out.str(), "{\"n\":1}\n");
  writer->End(1);
  EXPECT_EQ(out.str(), "{\"n\":1}\n");
}

}  // namespace
}  // namespace tessera
