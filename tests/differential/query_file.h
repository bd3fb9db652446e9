// File: tests/differential/query_file.h
//
// The differential suite's query files: plain SQL under a `-- name:` line per
// query, with optional directive lines right below it:
//
//   -- name: dispensings_per_drug
//   -- ordered
//   SELECT drug_name, count(*) FROM pharmacy.dispensing
//   GROUP BY drug_name ORDER BY count(*) DESC, drug_name
//
//   -- name: correlated_scalar
//   -- known: correlated scalar subqueries are not bound yet
//   SELECT ...
//
// `-- ordered` compares the rows as a sequence (only for an ORDER BY that
// fixes every row's place); otherwise rows compare as a multiset.
// `-- known: <reason>` marks an expected failure: it runs and is reported,
// but does not fail the suite. Lines before the first `-- name:` are the
// file's own comments.

#ifndef TESSERA_TESTS_DIFFERENTIAL_QUERY_FILE_H_
#define TESSERA_TESTS_DIFFERENTIAL_QUERY_FILE_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::testing {

struct DifferentialQuery {
  std::string file;  // Base name without ".sql": "joins".
  std::string name;  // The `-- name:` id, unique within its file.
  int line = 0;      // Of the `-- name:` line, for messages.
  std::string sql;   // Without a trailing semicolon.
  bool ordered = false;
  std::string known;  // The reason of an expected failure, or empty.

  // "joins.left_join_vitals", as failures and summaries name the query.
  std::string id() const { return file + "." + name; }
};

// For gtest's messages: the query's id.
void PrintTo(const DifferentialQuery& query, std::ostream* os);

// Parses one file's text. `file` names it in the queries and in errors
// ("queries/joins.sql line 12: ...").
absl::StatusOr<std::vector<DifferentialQuery>> ParseQueryFile(absl::string_view file, absl::string_view text);

// Every `*.sql` file of `dir`, in file name order.
absl::StatusOr<std::vector<DifferentialQuery>> LoadQueryDir(const std::string& dir);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_DIFFERENTIAL_QUERY_FILE_H_
