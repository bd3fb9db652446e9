#include "engine/format/result_writer.h"

#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/engine/format/sample_batch.h"

namespace tessera {
namespace {

TEST(ResultWriter, ParseOutputFormatAcceptsEachName) {
  EXPECT_EQ(ParseOutputFormat("table").value(), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("csv").value(), OutputFormat::kCsv);
  EXPECT_EQ(ParseOutputFormat("jsonl").value(), OutputFormat::kJsonLines);
  EXPECT_EQ(ParseOutputFormat("json").value(), OutputFormat::kJsonLines);
}

TEST(ResultWriter, ParseOutputFormatRejectsOthers) {
  for (const char* name : {"", "CSV", "Table", "tsv", "json-lines", " csv", "csv "}) {
    auto format = ParseOutputFormat(name);
    ASSERT_FALSE(format.ok()) << name;
    EXPECT_EQ(format.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(format.status().message(),
              absl::StrCat("unknown output format \"", name, "\" (expected table, csv or jsonl)"));
  }
}

TEST(ResultWriter, MakeResultWriterChoosesTheFormat) {
  auto batch = testing::SampleBatch();
  auto first_line = [&](OutputFormat format) {
    std::ostringstream out;
    auto writer = MakeResultWriter(format, out);
    writer->Begin(batch->schema());
    writer->Write(*batch);
    writer->End(batch->num_rows());
    std::string text = out.str();
    return text.substr(0, text.find('\n'));
  };
  EXPECT_EQ(first_line(OutputFormat::kCsv), "id,name,price,ratio,ok,day,at\r");
  EXPECT_EQ(first_line(OutputFormat::kJsonLines).substr(0, 8), "{\"id\":1,");
  EXPECT_EQ(first_line(OutputFormat::kTable).substr(0, 12), " id  |     n");
}

}  // namespace
}  // namespace tessera
