#include "engine/format/result_writer.h"

#include "absl/strings/str_cat.h"
#include "engine/format/result_writer_internal.h"

namespace tessera {

absl::StatusOr<OutputFormat> ParseOutputFormat(absl::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonLines;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown output format \"", name, "\" (expected table, csv or jsonl)"));
}

std::unique_ptr<ResultWriter> MakeResultWriter(OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kCsv:
      return MakeCsvWriter(out);
    case OutputFormat::kJsonLines:
      return MakeJsonLinesWriter(out);
    case OutputFormat::kTable:
      break;
  }
  return MakeTableWriter(out);
}

}  // namespace tessera
