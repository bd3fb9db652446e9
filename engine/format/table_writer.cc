// The aligned table: numbers right-aligned, everything else left-aligned,
// NULL shown as an empty cell like psql.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/format/result_writer_internal.h"

namespace tessera {
namespace {

// Display width of UTF-8 text: one column per code point (wide East Asian
// characters are rare in this domain and counted as one).
size_t DisplayWidth(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsNumeric(TypeId id) {
  return id == TypeId::kInt64 || id == TypeId::kDouble || id == TypeId::kDecimal;
}

class TableWriter : public ResultWriter {
 public:
  explicit TableWriter(std::ostream& out) : out_(out) {}

  void Begin(const Schema& schema) override {
    schema_ = schema;
    for (const Field& f : schema.fields()) widths_.push_back(DisplayWidth(f.name));
  }

  void Write(const RowBatch& batch) override {
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < batch.num_columns(); ++c) {
        const ColumnVector& col = batch.column(c);
        row.push_back(col.IsNull(r) ? "" : col.FormatCell(r));
        widths_[c] = std::max(widths_[c], DisplayWidth(row.back()));
      }
      rows_.push_back(std::move(row));
    }
  }

  void End(int64_t rows) override {
    std::string line;
    for (int c = 0; c < schema_.num_fields(); ++c) {
      const std::string& name = schema_.field(c).name;
      size_t pad = widths_[c] - DisplayWidth(name);
      absl::StrAppend(&line, c == 0 ? " " : " | ", std::string(pad / 2, ' '), name,
                      std::string(pad - pad / 2, ' '));
    }
    out_ << line << "\n";
    line.clear();
    for (int c = 0; c < schema_.num_fields(); ++c) {
      absl::StrAppend(&line, c == 0 ? "" : "+", std::string(widths_[c] + 2, '-'));
    }
    out_ << line << "\n";
    for (const auto& row : rows_) {
      line.clear();
      for (int c = 0; c < schema_.num_fields(); ++c) {
        std::string pad(widths_[c] - DisplayWidth(row[c]), ' ');
        bool right = IsNumeric(schema_.field(c).type.id);
        absl::StrAppend(&line, c == 0 ? " " : " | ", right ? pad : "", row[c], right ? "" : pad);
      }
      // psql trims the padding of the last column.
      line.erase(line.find_last_not_of(' ') + 1);
      out_ << line << "\n";
    }
    out_ << "(" << rows << (rows == 1 ? " row)" : " rows)") << "\n";
  }

 private:
  std::ostream& out_;
  Schema schema_;
  std::vector<size_t> widths_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace

std::unique_ptr<ResultWriter> MakeTableWriter(std::ostream& out) {
  return std::make_unique<TableWriter>(out);
}

}  // namespace tessera
