// File: tests/conformance/slt_parser.h
//
// Reads sqllogictest scripts (SQLite's format, one expected value per line)
// into records, as /work/shared/conformance/slt/FORMAT-NOTES.md describes:
// comment lines removed first, records separated by blank lines, an optional
// run of skipif/onlyif lines in front of each record. Parsing knows nothing
// about engines; deciding whether a record runs is ShouldRun's job.

#ifndef TESSERA_TESTS_CONFORMANCE_SLT_PARSER_H_
#define TESSERA_TESTS_CONFORMANCE_SLT_PARSER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::slt {

enum class RecordKind { kStatement, kQuery, kHashThreshold, kHalt };

// How a query's rows are ordered before they are compared or hashed.
enum class SortMode {
  kNoSort,     // In the order the engine returned them.
  kRowSort,    // Rows sorted by their rendered values, column by column.
  kValueSort,  // Every value sorted on its own, rows forgotten.
};

// One `skipif <engine>` or `onlyif <engine>` line.
struct Condition {
  bool only_if = false;  // onlyif when true, skipif when false.
  std::string engine;    // Lower case.
};

struct Record {
  RecordKind kind = RecordKind::kStatement;
  // 1-based line of the record's first line (its first condition, if any).
  int line = 0;
  std::vector<Condition> conditions;

  // kStatement and kQuery: the SQL, its lines joined with '\n'.
  std::string sql;
  // kStatement: `statement error` rather than `statement ok`.
  bool expect_error = false;

  // kQuery: one letter per result column, each 'T', 'I' or 'R'.
  std::string types;
  SortMode sort = SortMode::kNoSort;
  std::string label;  // Empty when the query has none.
  // The lines after "----": the values one per line, or one
  // "N values hashing to H" line. Empty for an empty result.
  std::vector<std::string> expected;

  // kHashThreshold: the new threshold (0 = never hash).
  int hash_threshold = 0;
};

// Parses a whole script. A record of unknown type, a query type string with
// letters other than T, I and R, an unknown sort mode or a record without SQL
// is InvalidArgument naming `file_name` and the line.
absl::StatusOr<std::vector<Record>> ParseScript(absl::string_view text, absl::string_view file_name);

// Whether `record` runs on the engine named `engine` (compared without
// regard to case): no skipif names it and every onlyif does.
bool ShouldRun(const Record& record, absl::string_view engine);

// "nosort", "rowsort" or "valuesort".
absl::string_view SortModeName(SortMode mode);

}  // namespace tessera::slt

#endif  // TESSERA_TESTS_CONFORMANCE_SLT_PARSER_H_
