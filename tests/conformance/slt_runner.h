// File: tests/conformance/slt_runner.h
//
// Runs sqllogictest scripts against Tessera the way a federated engine is
// meant to be checked: each script gets a fresh SQLite file; `statement`
// records are run by SQLite itself (through a read-write ODBC connection),
// and every `query` record goes through a Tessera Session whose default
// source is that file, so the answer is Tessera's and the expected values are
// SQLite's. Every record ends up passed, failed (a wrong answer), an error
// (Tessera refused the query or failed) or skipped (by skipif/onlyif).

#ifndef TESSERA_TESTS_CONFORMANCE_SLT_RUNNER_H_
#define TESSERA_TESTS_CONFORMANCE_SLT_RUNNER_H_

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace tessera::slt {

struct RunnerOptions {
  // The name skipif/onlyif conditions are matched against. Tessera speaks
  // PostgreSQL's dialect.
  std::string engine_name = "postgresql";
  // A query still running after this long is cancelled and counted as an
  // error, so that one bad plan cannot stall a run.
  absl::Duration query_timeout = absl::Seconds(10);
  // Where the per-script SQLite files are made; TEST_TMPDIR, else /tmp,
  // when empty.
  std::string work_dir;
  // Optimizer passes to switch off ("source_pushdown" makes Tessera's own
  // operators compute what SQLite would otherwise be sent).
  std::set<std::string> disabled_passes;
};

enum class Outcome { kPassed, kFailed, kError, kSkipped };

// A record that did not pass, with what is needed to reproduce it.
struct Problem {
  std::string file;  // The script's file name, without its folder.
  int line = 0;
  bool is_statement = false;  // A statement record (run by SQLite).
  Outcome outcome = Outcome::kFailed;
  std::string sql;
  std::vector<std::string> expected;  // Queries only.
  std::vector<std::string> actual;    // Failed queries only.
  // Why: the comparison's detail for a wrong answer, the engine's message
  // for an error.
  std::string message;
};

// The outcome of one script. Query records are counted in passed, failed,
// errors and skipped; statement records, which test SQLite rather than
// Tessera, are counted apart.
struct FileResult {
  std::string file;
  // Not OK when the script could not be read, parsed or set up; the counts
  // then cover what ran before that.
  absl::Status status;
  int64_t passed = 0;
  int64_t failed = 0;
  int64_t errors = 0;
  int64_t skipped = 0;
  int64_t statements_ok = 0;
  int64_t statements_failed = 0;
  int64_t statements_skipped = 0;
  std::vector<Problem> problems;
  absl::Duration statement_time;  // In SQLite, running statement records.
  absl::Duration query_time;      // In Tessera, running query records.
  absl::Duration elapsed;         // The whole script.
  // How long each query record took, by its line, in script order.
  std::vector<std::pair<int, absl::Duration>> query_times;
};

class SltRunner {
 public:
  explicit SltRunner(RunnerOptions options);

  // Runs one script from a fresh, empty database.
  FileResult RunFile(const std::string& path);

 private:
  RunnerOptions options_;
  int64_t databases_made_ = 0;
};

// The ".test" files of `path` (a file, or a folder read in name order).
std::vector<std::string> ListScripts(const std::string& path);

// "select1.test: 1000 passed, 0 failed, 0 errors, 0 skipped" plus the
// statement counts.
std::string FormatFileLine(const FileResult& result);

// A problem as several lines: where, why, the SQL, expected and actual.
std::string FormatProblem(const Problem& problem);

}  // namespace tessera::slt

#endif  // TESSERA_TESTS_CONFORMANCE_SLT_RUNNER_H_
