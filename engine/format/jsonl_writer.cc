// JSON lines: one object per row, keyed by column name. Numbers stay numbers
// (decimals keep their exact digits), dates and timestamps are ISO strings,
// NULL is null.

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/format/json_escape.h"
#include "engine/format/result_writer_internal.h"
#include "engine/types/double_format.h"

namespace tessera {
namespace {

class JsonLinesWriter : public ResultWriter {
 public:
  explicit JsonLinesWriter(std::ostream& out) : out_(out) {}

  void Begin(const Schema& schema) override {
    for (const Field& f : schema.fields()) keys_.push_back(absl::StrCat(JsonQuote(f.name), ":"));
  }

  void Write(const RowBatch& batch) override {
    std::string line;
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      line = "{";
      for (int c = 0; c < batch.num_columns(); ++c) {
        if (c > 0) line += ',';
        line += keys_[c];
        AppendCell(batch.column(c), r, line);
      }
      line += "}\n";
      out_ << line;
    }
  }

  void End(int64_t) override { out_.flush(); }

 private:
  static void AppendCell(const ColumnVector& col, int64_t r, std::string& line) {
    if (col.IsNull(r)) {
      line += "null";
      return;
    }
    switch (col.type().id) {
      case TypeId::kBool:
      case TypeId::kInt64:
      case TypeId::kDecimal:
        line += col.FormatCell(r);
        return;
      case TypeId::kDouble: {
        double v = col.GetDouble(r);
        if (!std::isfinite(v)) {
          line += "null";
        } else {
          line += FormatDouble(v);
        }
        return;
      }
      case TypeId::kText:
        line += JsonQuote(col.GetText(r));
        return;
      case TypeId::kDate:
      case TypeId::kTimestamp:
        line += JsonQuote(col.FormatCell(r));
        return;
    }
  }

  std::ostream& out_;
  std::vector<std::string> keys_;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeJsonLinesWriter(std::ostream& out) {
  return std::make_unique<JsonLinesWriter>(out);
}

}  // namespace tessera
