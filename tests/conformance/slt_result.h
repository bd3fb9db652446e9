// File: tests/conformance/slt_result.h
//
// Turns a query's rows into what a sqllogictest script expects: each cell
// rendered by its column's type letter (as the reference SQLite harness
// did), the rows sorted per the sort mode, and the values compared one per
// line or, past the hash threshold, as one "N values hashing to H" line.

#ifndef TESSERA_TESTS_CONFORMANCE_SLT_RESULT_H_
#define TESSERA_TESTS_CONFORMANCE_SLT_RESULT_H_

#include <string>
#include <vector>

#include "engine/types/column_vector.h"
#include "tests/conformance/slt_parser.h"

namespace tessera::slt {

// The cell at `row` of `column` as the reference harness printed it under
// `type_letter`: "NULL" for NULL; 'I' as a 32-bit integer ("%d", reals
// truncated toward zero, text by its leading integer); 'R' as "%.3f" with at
// most 16 significant digits; 'T' as the engine's text, "(empty)" when empty,
// with every byte outside ' '..'~' replaced by '@'.
std::string RenderCell(const ColumnVector& column, int64_t row, char type_letter);

// `rows` (rendered cells) in the order `mode` asks for, flattened row-major
// into one list of values.
std::vector<std::string> SortAndFlatten(std::vector<std::vector<std::string>> rows, SortMode mode);

// The lowercase hex MD5 of every value followed by '\n'.
std::string HashValues(const std::vector<std::string>& values);

// "N values hashing to H" for `values`.
std::string HashLine(const std::vector<std::string>& values);

struct Comparison {
  bool matches = false;
  // What the result looks like in a script's expected section: the values,
  // or the hash line when they are hashed.
  std::vector<std::string> actual;
  // Why it does not match ("value 3 differs", "too few result rows"), empty
  // when it does.
  std::string detail;
};

// Compares `values` with a query's expected section. With `hash_threshold`
// above 0 and more values than it, the expected section must be exactly the
// hash line of `values`; otherwise every value must match its line.
Comparison CompareValues(const std::vector<std::string>& values, const std::vector<std::string>& expected,
                         int hash_threshold);

// The hash a label stands for, from an expected section (used for records
// that are skipped): the hash of a hash line, or of the listed values.
std::string ExpectedHash(const std::vector<std::string>& expected);

}  // namespace tessera::slt

#endif  // TESSERA_TESTS_CONFORMANCE_SLT_RESULT_H_
