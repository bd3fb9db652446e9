#include "tests/conformance/slt_parser.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tessera::slt {
namespace {

struct Line {
  int number;  // 1-based, in the original file.
  absl::string_view text;
};

bool IsBlank(absl::string_view line) { return absl::StripAsciiWhitespace(line).empty(); }

// The first four whitespace-separated tokens of `line`; the harness ignores
// the rest, which is how "skipif postgresql # reason" carries a comment.
std::vector<std::string> Tokens(absl::string_view line) {
  std::vector<std::string> tokens = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (tokens.size() > 4) tokens.resize(4);
  return tokens;
}

absl::Status Malformed(absl::string_view file_name, int line, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("malformed sqllogictest record (", what, ") at ", file_name, ":", line));
}

// Splits `text` into records: runs of non-blank lines, comment lines removed
// before the split so that they never separate two records.
std::vector<std::vector<Line>> SplitRecords(absl::string_view text) {
  std::vector<std::vector<Line>> records;
  std::vector<Line> current;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() && line.front() == '#') continue;
    if (IsBlank(line)) {
      if (!current.empty()) records.push_back(std::move(current));
      current.clear();
      continue;
    }
    current.push_back({number, line});
  }
  if (!current.empty()) records.push_back(std::move(current));
  return records;
}

std::string JoinLines(const std::vector<Line>& lines, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out.push_back('\n');
    absl::StrAppend(&out, lines[i].text);
  }
  return out;
}

absl::Status ParseQuery(const std::vector<Line>& lines, size_t first, const std::vector<std::string>& tokens,
                        absl::string_view file_name, Record& record) {
  const int at = lines[first].number;
  if (tokens.size() < 2) return Malformed(file_name, at, "query without a type string");
  record.types = tokens[1];
  for (char c : record.types) {
    if (c != 'T' && c != 'I' && c != 'R') return Malformed(file_name, at, absl::StrCat("type letter '", std::string(1, c), "'"));
  }
  if (tokens.size() >= 3) {
    if (tokens[2] == "nosort") {
      record.sort = SortMode::kNoSort;
    } else if (tokens[2] == "rowsort") {
      record.sort = SortMode::kRowSort;
    } else if (tokens[2] == "valuesort") {
      record.sort = SortMode::kValueSort;
    } else {
      return Malformed(file_name, at, absl::StrCat("sort mode \"", tokens[2], "\""));
    }
  }
  if (tokens.size() >= 4) record.label = tokens[3];
  size_t separator = first + 1;
  while (separator < lines.size() && absl::StripTrailingAsciiWhitespace(lines[separator].text) != "----") {
    ++separator;
  }
  if (separator == first + 1) return Malformed(file_name, at, "query without SQL");
  record.sql = JoinLines(lines, first + 1, separator);
  for (size_t i = separator + 1; i < lines.size(); ++i) record.expected.emplace_back(lines[i].text);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<Record>> ParseScript(absl::string_view text, absl::string_view file_name) {
  std::vector<Record> records;
  for (const std::vector<Line>& lines : SplitRecords(text)) {
    Record record;
    record.line = lines[0].number;
    size_t first = 0;
    std::vector<std::string> tokens = Tokens(lines[0].text);
    while (tokens[0] == "skipif" || tokens[0] == "onlyif") {
      if (tokens.size() < 2) return Malformed(file_name, lines[first].number, "condition without an engine name");
      record.conditions.push_back({tokens[0] == "onlyif", absl::AsciiStrToLower(tokens[1])});
      if (++first == lines.size()) return Malformed(file_name, lines[first - 1].number, "condition without a record");
      tokens = Tokens(lines[first].text);
    }
    const int at = lines[first].number;
    if (tokens[0] == "statement") {
      record.kind = RecordKind::kStatement;
      if (tokens.size() < 2 || (tokens[1] != "ok" && tokens[1] != "error")) {
        return Malformed(file_name, at, "statement is neither ok nor error");
      }
      record.expect_error = tokens[1] == "error";
      if (lines.size() == first + 1) return Malformed(file_name, at, "statement without SQL");
      record.sql = JoinLines(lines, first + 1, lines.size());
    } else if (tokens[0] == "query") {
      record.kind = RecordKind::kQuery;
      if (absl::Status s = ParseQuery(lines, first, tokens, file_name, record); !s.ok()) return s;
    } else if (tokens[0] == "hash-threshold") {
      record.kind = RecordKind::kHashThreshold;
      if (tokens.size() < 2 || !absl::SimpleAtoi(tokens[1], &record.hash_threshold) || record.hash_threshold < 0) {
        return Malformed(file_name, at, "hash-threshold without a count");
      }
    } else if (tokens[0] == "halt") {
      record.kind = RecordKind::kHalt;
    } else {
      return Malformed(file_name, at, absl::StrCat("unknown record type \"", tokens[0], "\""));
    }
    records.push_back(std::move(record));
  }
  return records;
}

bool ShouldRun(const Record& record, absl::string_view engine) {
  std::string name = absl::AsciiStrToLower(engine);
  for (const Condition& c : record.conditions) {
    if (c.only_if != (c.engine == name)) return false;
  }
  return true;
}

absl::string_view SortModeName(SortMode mode) {
  switch (mode) {
    case SortMode::kNoSort:
      return "nosort";
    case SortMode::kRowSort:
      return "rowsort";
    case SortMode::kValueSort:
      return "valuesort";
  }
  return "?";
}

}  // namespace tessera::slt
