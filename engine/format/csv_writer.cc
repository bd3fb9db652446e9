// CSV as RFC 4180 describes it: a header line, fields quoted when they hold a
// comma, quote or line break, NULL as an empty field and an empty string as "".

#include <string>

#include "absl/strings/str_replace.h"
#include "engine/format/result_writer_internal.h"

namespace tessera {
namespace {

void WriteField(std::ostream& out, absl::string_view field) {
  if (field.find_first_of(",\"\r\n") == absl::string_view::npos) {
    out << field;
  } else {
    out << '"' << absl::StrReplaceAll(field, {{"\"", "\"\""}}) << '"';
  }
}

class CsvWriter : public ResultWriter {
 public:
  explicit CsvWriter(std::ostream& out) : out_(out) {}

  void Begin(const Schema& schema) override {
    for (int c = 0; c < schema.num_fields(); ++c) {
      if (c > 0) out_ << ',';
      WriteField(out_, schema.field(c).name);
    }
    out_ << "\r\n";
  }

  void Write(const RowBatch& batch) override {
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      for (int c = 0; c < batch.num_columns(); ++c) {
        if (c > 0) out_ << ',';
        const ColumnVector& col = batch.column(c);
        if (col.IsNull(r)) continue;
        if (col.type().id == TypeId::kText) {
          // An empty string is written "" so that it differs from NULL, as
          // PostgreSQL's CSV does.
          if (col.GetText(r).empty()) {
            out_ << "\"\"";
          } else {
            WriteField(out_, col.GetText(r));
          }
        } else {
          WriteField(out_, col.FormatCell(r));
        }
      }
      out_ << "\r\n";
    }
  }

  void End(int64_t) override { out_.flush(); }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeCsvWriter(std::ostream& out) { return std::make_unique<CsvWriter>(out); }

}  // namespace tessera
