// File: tests/differential/differential_env.h
//
// The ways the differential suite runs a query: federated, through a
// Tessera session over three kinds of source (ehr in PostgreSQL, lab in
// MariaDB, pharmacy in a SQLite file), or through a second, unified session
// over the same sources plus the unified views (engine/riverside/
// unified_views.h) and a link index built from the ground truth; and
// centrally, on the one PostgreSQL database that holds all of Riverside
// (schemas ehr, lab, pharmacy) and its ground truth (schema truth).
// `tessera gen --postgres ... --mariadb ...` loads them all from one seed, so
// they must give the same answers.

#ifndef TESSERA_TESTS_DIFFERENTIAL_DIFFERENTIAL_ENV_H_
#define TESSERA_TESTS_DIFFERENTIAL_DIFFERENTIAL_ENV_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "engine/catalog/source_registry.h"
#include "engine/session/session.h"
#include "tests/differential/result_compare.h"

namespace tessera::testing {

// Where the data is, from the test's environment: TESSERA_PG_CONN,
// TESSERA_MARIADB_CONN and TESSERA_DIFF_SQLITE_DIR (the `data` folder of
// the same `tessera gen` run). The unified session's link index is written
// into `scratch_dir` (TEST_TMPDIR).
struct DifferentialConfig {
  std::string postgres;
  std::string mariadb;
  std::string sqlite_dir;
  std::string scratch_dir;

  // Unavailable, naming what is missing, when a variable is unset.
  static absl::StatusOr<DifferentialConfig> FromEnvironment();
};

// Which federated session runs a query.
enum class SessionKind {
  kSources,  // The sources' tables only.
  kUnified,  // The sources, the unified views and the identity source.
};

// One remote scan of an executed federated plan.
struct SourceScan {
  std::string source;
  int64_t rows_fetched = 0;
};

// How a federated query ran, from its EXPLAIN ANALYZE.
struct PlanProfile {
  std::vector<std::string> lines;       // The EXPLAIN ANALYZE text.
  std::vector<SourceScan> scans;        // Every remote scan, in plan order.
  std::vector<std::string> local_ops;   // Every other operator's name ("HashJoin").
};

class DifferentialEnv {
 public:
  static absl::StatusOr<std::unique_ptr<DifferentialEnv>> Create(const DifferentialConfig& config);

  // A test suite's environment: the one the environment variables describe,
  // left in *env (owned by the caller, set even when the data differ), and
  // CheckSameData's verdict.
  static absl::Status CreateForSuite(DifferentialEnv** env);

  // The query's rows through Tessera.
  absl::StatusOr<ResultRows> RunFederated(const std::string& sql, SessionKind kind = SessionKind::kSources);
  // The query's rows from the central PostgreSQL database.
  absl::StatusOr<ResultRows> RunCentral(const std::string& sql);
  // Runs the query again under EXPLAIN ANALYZE.
  absl::StatusOr<PlanProfile> Profile(const std::string& sql, SessionKind kind = SessionKind::kSources);
  // The federated plan without running it.
  absl::StatusOr<std::string> Explain(const std::string& sql, SessionKind kind = SessionKind::kSources);

  // Fails, saying what to regenerate, when the federated sources and the
  // central database do not hold the same Riverside (row counts per table).
  absl::Status CheckSameData();
  // Fails, saying what to regenerate, when the unified session cannot be
  // compared with the central database: no schema truth there, or not the
  // truth the link index was built from.
  absl::Status CheckUnifiedData();

 private:
  DifferentialEnv() = default;
  absl::StatusOr<ResultRows> RunSession(const std::string& sql, SessionKind kind);

  std::unique_ptr<SourceRegistry> sources_;
  std::unique_ptr<Session> session_;
  // The unified session, or why it could not be made (its queries fail
  // with this; the others still run).
  absl::Status unified_status_;
  std::unique_ptr<SourceRegistry> unified_sources_;
  std::unique_ptr<Session> unified_;
  std::unique_ptr<Connector> central_;
};

// Reads the remote scans and local operators out of EXPLAIN ANALYZE lines
// (see engine/exec/explain.cc and RemoteScanOperator::Details).
PlanProfile ParsePlanProfile(std::vector<std::string> lines);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_DIFFERENTIAL_DIFFERENTIAL_ENV_H_
