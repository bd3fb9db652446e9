#include "engine/cli/query_error.h"

#include "absl/strings/str_cat.h"
#include "planner/parser/parser.h"

namespace tessera::cli {

std::string FormatQueryError(const absl::Status& status, absl::string_view sql) {
  std::string out = absl::StrCat("ERROR:  ", status.message(), "\n");
  std::optional<int> pos = ErrorPosition(status);
  if (!pos.has_value() || *pos < 0 || *pos > static_cast<int>(sql.size())) return out;
  // The line holding the position, and the column within it in characters.
  size_t line_start = sql.rfind('\n', *pos == 0 ? 0 : *pos - 1);
  line_start = line_start == absl::string_view::npos ? 0 : line_start + 1;
  if (*pos == 0) line_start = 0;
  size_t line_end = sql.find('\n', *pos);
  if (line_end == absl::string_view::npos) line_end = sql.size();
  int line_number = 1;
  for (size_t i = 0; i < line_start; ++i) line_number += sql[i] == '\n';
  absl::string_view line = sql.substr(line_start, line_end - line_start);
  std::string prefix = absl::StrCat("LINE ", line_number, ": ");
  size_t column = 0;
  for (size_t i = line_start; i < static_cast<size_t>(*pos); ++i) {
    column += (static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80;
  }
  absl::StrAppend(&out, prefix, line, "\n", std::string(prefix.size() + column, ' '), "^\n");
  return out;
}

}  // namespace tessera::cli
