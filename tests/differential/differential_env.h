// File: tests/differential/differential_env.h
//
// The two ways the differential suite runs a query: federated, through a
// Tessera session over three kinds of source (ehr in PostgreSQL, lab in
// MariaDB, pharmacy in a SQLite file), and centrally, sent as it is to the
// one PostgreSQL database that holds all of Riverside (schemas ehr, lab,
// pharmacy). `tessera gen --postgres ... --mariadb ...` loads both from one
// seed, so the two must give the same answers.

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
// the same `tessera gen` run).
struct DifferentialConfig {
  std::string postgres;
  std::string mariadb;
  std::string sqlite_dir;

  // Unavailable, naming what is missing, when a variable is unset.
  static absl::StatusOr<DifferentialConfig> FromEnvironment();
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

  // The query's rows through Tessera.
  absl::StatusOr<ResultRows> RunFederated(const std::string& sql);
  // The query's rows from the central PostgreSQL database.
  absl::StatusOr<ResultRows> RunCentral(const std::string& sql);
  // Runs the query again under EXPLAIN ANALYZE.
  absl::StatusOr<PlanProfile> Profile(const std::string& sql);
  // The federated plan without running it.
  absl::StatusOr<std::string> Explain(const std::string& sql);

  // Fails, saying what to regenerate, when the federated sources and the
  // central database do not hold the same Riverside (row counts per table).
  absl::Status CheckSameData();

 private:
  DifferentialEnv() = default;
  absl::StatusOr<ResultRows> RunSession(const std::string& sql);

  std::unique_ptr<SourceRegistry> sources_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Connector> central_;
};

// Reads the remote scans and local operators out of EXPLAIN ANALYZE lines
// (see engine/exec/explain.cc and RemoteScanOperator::Details).
PlanProfile ParsePlanProfile(std::vector<std::string> lines);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_DIFFERENTIAL_DIFFERENTIAL_ENV_H_
