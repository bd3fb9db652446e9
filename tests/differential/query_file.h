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
// A query over the unified views is a pair: its SQL runs in the unified
// session, and the SQL below a `-- central:` line (alone on its line) runs
// on the central database and must give the same rows:
//
//   -- name: conditions_per_person
//   SELECT patient_id, count(*) FROM condition GROUP BY patient_id
//   -- central:
//   SELECT t.person_id, count(*) FROM ehr.condition c JOIN truth.person_records t
//     ON t.source = 'ehr' AND t.record_type = 'patient' AND t.record_id = c.patient_id::text
//   GROUP BY t.person_id
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
  // The SQL below `-- central:`, or empty: then `sql` runs on both sides.
  std::string central;
  int central_line = 0;  // Of the `-- central:` line.
  bool ordered = false;
  std::string known;  // The reason of an expected failure, or empty.

  // "joins.left_join_vitals", as failures and summaries name the query.
  std::string id() const { return file + "." + name; }
  // A pair over the unified views.
  bool unified() const { return !central.empty(); }
  // What runs on the central database.
  const std::string& central_sql() const { return unified() ? central : sql; }
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
