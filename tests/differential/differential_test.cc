// The differential suite: every query of queries/*.sql runs federated (ehr in
// PostgreSQL, lab in MariaDB, pharmacy in SQLite) and on one central
// PostgreSQL database holding all of Riverside, and both must return the
// same rows. A query with a `-- central:` part runs over the unified views
// instead, and its central part, written by hand over the sources' tables
// and the ground truth, must return the same rows. Each query is its own test case, named file__name; a failure
// shows both results where they differ and the federated plan as it ran.
//
// Needs TESSERA_PG_CONN, TESSERA_MARIADB_CONN and TESSERA_DIFF_SQLITE_DIR
// (see differential_env.h); skips without them unless
// TESSERA_REQUIRE_SERVERS=1. At the end it prints, per query, the rows each
// source returned and the operators run locally, and which single-source
// queries were not computed wholly in their source.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "tests/differential/differential_env.h"
#include "tests/differential/query_file.h"
#include "tests/testing/backends.h"

namespace tessera::testing {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// Where Bazel puts the query files (the test's `data`).
std::string QueryDir() {
  std::string root = Env("TEST_SRCDIR");
  std::string workspace = Env("TEST_WORKSPACE");
  if (root.empty()) return "tests/differential/queries";
  return absl::StrCat(root, "/", workspace.empty() ? "tessera" : workspace, "/tests/differential/queries");
}

// The query list, or why it could not be read (reported by the one test
// case registered in its place).
absl::Status& LoadError() {
  static absl::Status* status = new absl::Status();
  return *status;
}

std::vector<DifferentialQuery> Queries() {
  absl::StatusOr<std::vector<DifferentialQuery>> queries = LoadQueryDir(QueryDir());
  if (queries.ok()) return *queries;
  LoadError() = queries.status();
  DifferentialQuery placeholder;
  placeholder.file = "queries";
  placeholder.name = "load";
  return {placeholder};
}

std::string TestName(const ::testing::TestParamInfo<DifferentialQuery>& info) {
  std::string name = absl::StrCat(info.param.file, "__", info.param.name);
  for (char& c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') c = '_';
  }
  return name;
}

// What happened to one query, for the summary.
struct Outcome {
  enum Kind { kPassed, kFailed, kKnownFailing, kKnownPassing };
  std::string id;
  Kind kind = kPassed;
  std::string known;
  int64_t result_rows = 0;
  PlanProfile profile;
  double federated_ms = 0, central_ms = 0;
};

std::vector<Outcome>& Outcomes() {
  static auto* outcomes = new std::vector<Outcome>();
  return *outcomes;
}

std::set<std::string> Sources(const PlanProfile& p) {
  std::set<std::string> out;
  for (const SourceScan& s : p.scans) out.insert(s.source);
  return out;
}

// Operators that do real work locally (a Project only renames or computes
// per row, which every plan may need).
std::vector<std::string> LocalWork(const PlanProfile& p) {
  std::vector<std::string> out;
  for (const std::string& op : p.local_ops) {
    if (op != "Project") out.push_back(op);
  }
  return out;
}

std::string Summary(const std::vector<Outcome>& outcomes) {
  int counts[4] = {0, 0, 0, 0};
  double federated_ms = 0, central_ms = 0;
  std::map<std::string, int64_t> fetched_by_source;
  std::string per_query;
  int single = 0, pushed = 0;
  std::string not_pushed;
  for (const Outcome& o : outcomes) {
    ++counts[o.kind];
    federated_ms += o.federated_ms;
    central_ms += o.central_ms;
    std::vector<std::string> fetched;
    for (const SourceScan& s : o.profile.scans) {
      fetched.push_back(absl::StrCat(s.source, ":", s.rows_fetched));
      fetched_by_source[s.source] += s.rows_fetched;
    }
    std::vector<std::string> local = LocalWork(o.profile);
    absl::StrAppendFormat(&per_query, "  %-58s %8d rows  fetched %-34s local %s\n", o.id, o.result_rows,
                          absl::StrJoin(fetched, " "), local.empty() ? "-" : absl::StrJoin(local, ","));
    if (Sources(o.profile).size() == 1 && o.kind != Outcome::kFailed) {
      ++single;
      if (o.profile.scans.size() == 1 && local.empty()) {
        ++pushed;
      } else {
        int64_t rows = 0;
        for (const SourceScan& s : o.profile.scans) rows += s.rows_fetched;
        absl::StrAppendFormat(&not_pushed, "  %-58s %d scan(s) fetched %d rows for %d; local %s\n", o.id,
                              o.profile.scans.size(), rows, o.result_rows, absl::StrJoin(local, ","));
      }
    }
  }
  std::vector<std::string> totals;
  for (const auto& [source, rows] : fetched_by_source) totals.push_back(absl::StrCat(source, " ", rows));
  std::string out = absl::StrFormat(
      "Differential suite: %d queries: %d passed, %d failed, %d known failures still failing, %d known failures "
      "now passing\nTime in queries: federated %.1f s (each run twice: rows, then EXPLAIN ANALYZE), central %.1f s\n"
      "Rows fetched from each source: %s\n\nPer query (rows fetched per remote scan; operators run locally besides "
      "Project):\n%s\nPushdown: %d single-source queries, %d computed wholly in their source (one remote scan, "
      "nothing local but Project).\n",
      outcomes.size(), counts[Outcome::kPassed], counts[Outcome::kFailed], counts[Outcome::kKnownFailing],
      counts[Outcome::kKnownPassing], federated_ms / 1000, central_ms / 1000, absl::StrJoin(totals, ", "), per_query,
      single, pushed);
  if (!not_pushed.empty()) absl::StrAppend(&out, "Single-source queries with local work:\n", not_pushed);
  for (const Outcome& o : outcomes) {
    if (o.kind == Outcome::kKnownFailing) absl::StrAppend(&out, "Known, still failing: ", o.id, " (", o.known, ")\n");
    if (o.kind == Outcome::kKnownPassing) {
      absl::StrAppend(&out, "Known, NOW PASSES (remove its -- known line): ", o.id, " (", o.known, ")\n");
    }
  }
  return out;
}

double MillisSince(absl::Time start) { return absl::ToDoubleMilliseconds(absl::Now() - start); }

class DifferentialTest : public ::testing::TestWithParam<DifferentialQuery> {
 protected:
  static void SetUpTestSuite() {
    *setup_ = DifferentialEnv::CreateForSuite(&env_);
    if (setup_->ok()) *unified_setup_ = env_->CheckUnifiedData();
  }

  static void TearDownTestSuite() {
    if (Outcomes().empty()) return;
    std::string summary = Summary(Outcomes());
    std::cout << "\n" << summary << std::flush;
    std::string dir = Env("TEST_UNDECLARED_OUTPUTS_DIR");
    if (!dir.empty()) std::ofstream(absl::StrCat(dir, "/differential_summary.txt")) << summary;
  }

  static absl::Status* setup_;
  static absl::Status* unified_setup_;  // For the pairs over the unified views.
  static DifferentialEnv* env_;
};

absl::Status* DifferentialTest::setup_ = new absl::Status();
absl::Status* DifferentialTest::unified_setup_ = new absl::Status();
DifferentialEnv* DifferentialTest::env_ = nullptr;

TEST_P(DifferentialTest, SameRowsAsCentralDatabase) {
  ASSERT_TRUE(LoadError().ok()) << LoadError();
  const DifferentialQuery& q = GetParam();
  if (setup_->code() == absl::StatusCode::kUnavailable && !ServersRequired()) GTEST_SKIP() << *setup_;
  ASSERT_TRUE(setup_->ok()) << *setup_;
  if (q.unified()) ASSERT_TRUE(unified_setup_->ok()) << *unified_setup_;
  const SessionKind kind = q.unified() ? SessionKind::kUnified : SessionKind::kSources;

  Outcome outcome;
  outcome.id = q.id();
  outcome.known = q.known;
  std::string where = absl::StrCat("queries/", q.file, ".sql line ", q.line, " (", q.id(), ")");

  absl::Time start = absl::Now();
  absl::StatusOr<ResultRows> central = env_->RunCentral(q.central_sql());
  outcome.central_ms = MillisSince(start);
  if (central.ok()) outcome.result_rows = static_cast<int64_t>(central->rows.size());
  ASSERT_TRUE(central.ok()) << where << ": the central database rejects the query, so the query needs fixing: "
                            << central.status() << "\n" << q.central_sql();

  start = absl::Now();
  absl::StatusOr<ResultRows> federated = env_->RunFederated(q.sql, kind);
  outcome.federated_ms = MillisSince(start);

  std::string problem, plan;
  if (!federated.ok()) {
    absl::StatusOr<std::string> explain = env_->Explain(q.sql, kind);
    problem = absl::StrCat("Tessera failed: ", federated.status().ToString(), "\n");
    plan = explain.ok() ? *explain : absl::StrCat("(EXPLAIN failed too: ", explain.status().ToString(), ")");
  } else {
    problem = CompareResults(*federated, *central, q.ordered);
    start = absl::Now();
    absl::StatusOr<PlanProfile> profile = env_->Profile(q.sql, kind);
    outcome.federated_ms += MillisSince(start);
    if (profile.ok()) {
      outcome.profile = *profile;
      plan = absl::StrJoin(profile->lines, "\n");
    } else {
      plan = absl::StrCat("(EXPLAIN ANALYZE failed: ", profile.status().ToString(), ")");
    }
    if (!problem.empty()) {
      absl::StrAppend(&problem, "first rows from Tessera:\n", FormatRows(*federated, 5), "first rows from the central database:\n",
                      FormatRows(*central, 5));
    }
  }
  std::string report = absl::StrCat(where, q.ordered ? " [ordered]" : "", ":\n", q.sql, "\n\n",
                                    q.unified() ? absl::StrCat("central (line ", q.central_line, "):\n", q.central, "\n\n") : "",
                                    problem,
                                    "\nfederated plan (EXPLAIN ANALYZE):\n", plan);

  if (!q.known.empty()) {
    outcome.kind = problem.empty() ? Outcome::kKnownPassing : Outcome::kKnownFailing;
    Outcomes().push_back(std::move(outcome));
    if (problem.empty()) {
      std::cout << "[ KNOWN  ] " << q.id() << " now passes: remove its \"-- known\" line (" << q.known << ")\n";
    } else {
      std::cout << "[ KNOWN  ] " << q.id() << " still fails as known (" << q.known << "):\n" << report << "\n";
    }
    return;
  }
  outcome.kind = problem.empty() ? Outcome::kPassed : Outcome::kFailed;
  Outcomes().push_back(std::move(outcome));
  EXPECT_TRUE(problem.empty()) << report;
}

INSTANTIATE_TEST_SUITE_P(Riverside, DifferentialTest, ::testing::ValuesIn(Queries()), TestName);

}  // namespace
}  // namespace tessera::testing
