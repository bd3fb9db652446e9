#include "tests/differential/result_compare.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace tessera::testing {
namespace {

// Rows shown around a difference.
constexpr size_t kShownRows = 10;

double NumberOf(const Value& v) {
  switch (v.type().id) {
    case TypeId::kInt64:
      return static_cast<double>(v.int64_value());
    case TypeId::kDecimal:
      return static_cast<double>(v.int64_value()) / std::pow(10.0, v.type().scale);
    default:
      return v.double_value();
  }
}

// A key under which equal rows sort together: numbers rounded to ten
// significant digits (well inside the tolerance's reach), so the order does
// not depend on the last bits of a double.
std::vector<std::string> SortKey(const std::vector<Cell>& row) {
  std::vector<std::string> key;
  key.reserve(row.size());
  for (const Cell& c : row) {
    switch (c.kind) {
      case Cell::Kind::kNull:
        key.push_back("0");
        break;
      case Cell::Kind::kNumber:
        key.push_back(absl::StrFormat("1%.9e", c.number == 0 ? 0.0 : c.number));
        break;
      case Cell::Kind::kText:
        key.push_back(absl::StrCat("2", c.text));
        break;
    }
  }
  return key;
}

bool RowsEqual(const std::vector<Cell>& a, const std::vector<Cell>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!CellsEqual(a[i], b[i])) return false;
  }
  return true;
}

std::string FormatCell(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kNull:
      return "NULL";
    case Cell::Kind::kNumber:
      return c.text;
    case Cell::Kind::kText:
      return absl::StrCat("'", c.text, "'");
  }
  return "?";
}

std::string FormatRow(const std::vector<Cell>& row) {
  std::vector<std::string> cells;
  for (const Cell& c : row) cells.push_back(FormatCell(c));
  return absl::StrCat("(", absl::StrJoin(cells, ", "), ")");
}

std::string FormatColumns(const std::vector<Field>& columns) {
  std::vector<std::string> parts;
  for (const Field& f : columns) parts.push_back(absl::StrCat(f.name, " ", f.type.ToString()));
  return absl::StrJoin(parts, ", ");
}

// Rows of one side missing from the other, as message lines.
std::string ListRows(absl::string_view title, const std::vector<const std::vector<Cell>*>& rows) {
  if (rows.empty()) return "";
  std::string out = absl::StrCat(title, " (", std::min(rows.size(), kShownRows), " of ", rows.size(), "):\n");
  for (size_t i = 0; i < rows.size() && i < kShownRows; ++i) absl::StrAppend(&out, "    ", FormatRow(*rows[i]), "\n");
  return out;
}

// The difference of two multisets of rows, or empty.
std::string CompareUnordered(const ResultRows& actual, const ResultRows& expected) {
  auto sorted = [](const ResultRows& r) {
    std::vector<std::pair<std::vector<std::string>, const std::vector<Cell>*>> keyed;
    for (const auto& row : r.rows) keyed.emplace_back(SortKey(row), &row);
    std::sort(keyed.begin(), keyed.end());
    return keyed;
  };
  auto a = sorted(actual), e = sorted(expected);
  std::vector<const std::vector<Cell>*> only_actual, only_expected;
  size_t i = 0, j = 0;
  while (i < a.size() || j < e.size()) {
    if (i < a.size() && j < e.size() && (a[i].first == e[j].first || RowsEqual(*a[i].second, *e[j].second))) {
      ++i, ++j;
    } else if (j == e.size() || (i < a.size() && a[i].first < e[j].first)) {
      only_actual.push_back(a[i++].second);
    } else {
      only_expected.push_back(e[j++].second);
    }
  }
  if (only_actual.empty() && only_expected.empty()) return "";
  return absl::StrCat(ListRows("rows only in Tessera's result", only_actual),
                      ListRows("rows only in the central result", only_expected));
}

// The first difference of two sequences of rows, or empty.
std::string CompareOrdered(const ResultRows& actual, const ResultRows& expected) {
  size_t n = std::min(actual.rows.size(), expected.rows.size());
  size_t first = 0;
  while (first < n && RowsEqual(actual.rows[first], expected.rows[first])) ++first;
  if (first == n && actual.rows.size() == expected.rows.size()) return "";
  std::string out = absl::StrCat("first difference at row ", first + 1, " (Tessera | central):\n");
  size_t begin = first >= 2 ? first - 2 : 0;
  for (size_t r = begin; r < begin + kShownRows && (r < actual.rows.size() || r < expected.rows.size()); ++r) {
    std::string left = r < actual.rows.size() ? FormatRow(actual.rows[r]) : "-";
    std::string right = r < expected.rows.size() ? FormatRow(expected.rows[r]) : "-";
    bool same = r < actual.rows.size() && r < expected.rows.size() && RowsEqual(actual.rows[r], expected.rows[r]);
    absl::StrAppend(&out, same ? "    " : "  * ", r + 1, ": ", left, " | ", right, "\n");
  }
  return out;
}

}  // namespace

Cell NormalizeValue(const Value& value) {
  Cell c;
  if (value.is_null()) return c;
  switch (value.type().id) {
    case TypeId::kInt64:
    case TypeId::kDecimal:
    case TypeId::kDouble:
      c.kind = Cell::Kind::kNumber;
      c.number = NumberOf(value);
      break;
    default:
      c.kind = Cell::Kind::kText;
      break;
  }
  c.text = value.ToString();
  return c;
}

bool CellsEqual(const Cell& a, const Cell& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Cell::Kind::kNull:
      return true;
    case Cell::Kind::kNumber: {
      if (a.number == b.number) return true;
      double scale = std::max({1.0, std::fabs(a.number), std::fabs(b.number)});
      return std::fabs(a.number - b.number) <= kNumberTolerance * scale;
    }
    case Cell::Kind::kText:
      return a.text == b.text;
  }
  return false;
}

void ResultRows::Begin(const Schema& schema) {
  if (columns.empty()) columns = schema.fields();
}

void ResultRows::Append(const RowBatch& batch) {
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    std::vector<Cell> row;
    row.reserve(batch.num_columns());
    for (int c = 0; c < batch.num_columns(); ++c) row.push_back(NormalizeValue(batch.column(c).GetValue(r)));
    rows.push_back(std::move(row));
  }
}

std::string CompareResults(const ResultRows& actual, const ResultRows& expected, bool ordered) {
  std::string header = absl::StrCat("Tessera returned ", actual.rows.size(), " rows of (", FormatColumns(actual.columns),
                                    ");\nthe central database ", expected.rows.size(), " rows of (",
                                    FormatColumns(expected.columns), ")\n");
  if (actual.columns.size() != expected.columns.size()) {
    return absl::StrCat("different numbers of columns: ", header);
  }
  std::string diff = ordered ? CompareOrdered(actual, expected) : CompareUnordered(actual, expected);
  if (diff.empty()) return "";
  return absl::StrCat(header, diff);
}

std::string FormatRows(const ResultRows& result, size_t limit) {
  std::string out;
  for (size_t i = 0; i < result.rows.size() && i < limit; ++i) absl::StrAppend(&out, "    ", FormatRow(result.rows[i]), "\n");
  if (result.rows.size() > limit) absl::StrAppend(&out, "    ... ", result.rows.size() - limit, " more\n");
  return out;
}

}  // namespace tessera::testing
