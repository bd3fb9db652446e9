// File: tests/differential/result_compare.h
//
// A query's result reduced to what two engines must agree on, and the
// comparison of two such results. Types may differ between the engines (an
// AVG is numeric in PostgreSQL and double in Tessera; a SUM of integers is
// numeric in one and bigint in the other), so every number is compared by
// value, with a relative tolerance; text compares exactly; dates and
// timestamps compare as their ISO text; NULL equals NULL.

#ifndef TESSERA_TESTS_DIFFERENTIAL_RESULT_COMPARE_H_
#define TESSERA_TESTS_DIFFERENTIAL_RESULT_COMPARE_H_

#include <string>
#include <vector>

#include "engine/types/row_batch.h"
#include "engine/types/schema.h"
#include "engine/types/value.h"

namespace tessera::testing {

// Relative tolerance of number comparisons (absolute below 1).
inline constexpr double kNumberTolerance = 1e-9;

struct Cell {
  enum class Kind { kNull, kNumber, kText };
  Kind kind = Kind::kNull;
  double number = 0;
  std::string text;  // kText: the value; kNumber: its spelling, for messages.
};

// Bool, text, date and timestamp become text ("true", "2024-02-29",
// "2024-02-29 13:45:00"); integers, decimals and doubles become numbers.
Cell NormalizeValue(const Value& value);

bool CellsEqual(const Cell& a, const Cell& b);

struct ResultRows {
  std::vector<Field> columns;
  std::vector<std::vector<Cell>> rows;

  // Takes the columns from the first call.
  void Begin(const Schema& schema);
  void Append(const RowBatch& batch);
};

// Empty when `actual` (Tessera's) and `expected` (the central database's)
// agree: the same number of columns and rows, and the same rows as a
// multiset, or as a sequence when `ordered`. Otherwise a description of the
// difference that shows the first rows that differ.
std::string CompareResults(const ResultRows& actual, const ResultRows& expected, bool ordered);

// At most `limit` rows as aligned text, one a line, for messages.
std::string FormatRows(const ResultRows& result, size_t limit);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_DIFFERENTIAL_RESULT_COMPARE_H_
