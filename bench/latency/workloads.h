// File: bench/latency/workloads.h
//
// The dashboard questions: each asked three ways. Tessera gets the unified
// views' SQL; the floor runs by hand the sub-queries a perfect engine would
// send to each source, concurrently where they do not depend on each other,
// and combines their rows in memory; the peer (a PostgreSQL with
// postgres_fdw and mysql_fdw) gets the same question over its foreign tables.

#ifndef TESSERA_BENCH_LATENCY_WORKLOADS_H_
#define TESSERA_BENCH_LATENCY_WORKLOADS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/latency/answer.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/terminology/code_map.h"

namespace grpc {
class Channel;
}  // namespace grpc

namespace tessera::bench::latency {

// Direct connections to the databases behind Tessera's sources, and to the
// peer; every connector keeps a pool, so client threads share them.
struct Connections {
  std::unique_ptr<odbc::OdbcConnector> ehr;       // PostgreSQL, schema ehr.
  std::unique_ptr<odbc::OdbcConnector> lab;       // MariaDB, database lab.
  std::unique_ptr<odbc::OdbcConnector> pharmacy;  // SQLite.
  std::unique_ptr<odbc::OdbcConnector> identity;  // SQLite link index.
  // PostgreSQL with the FDWs, their use_remote_estimate on and off: each
  // workload is timed on whichever answers it faster.
  std::unique_ptr<odbc::OdbcConnector> peer;
  std::unique_ptr<odbc::OdbcConnector> peer_plain;
  std::shared_ptr<grpc::Channel> devices;         // The device hub.
  // The peer's golden record with the patient's ids pushed into each
  // source, "{patient}" standing for the enterprise id (written by
  // scripts/bench-latency.sh from the view's SQL).
  std::string peer_golden_record;
  // The deployment's code maps (its configuration's code_map_file), for
  // floors that translate codes and units in memory.
  CodeMaps code_maps;
};

class TesseraClient;

struct Workload {
  std::string name;
  std::string question;
  // Whether each request draws a random enterprise patient id.
  bool per_patient = false;
  // Whether the answer's row order is part of the answer.
  bool ordered = false;
  // How the peer's version departs from the federation, if it does.
  std::string peer_note;
  std::function<std::string(int64_t patient)> tessera_sql;
  std::function<std::string(int64_t patient)> peer_sql;
  std::function<absl::StatusOr<Answer>(Connections&, int64_t patient)> floor;
  // When set, asked instead of running tessera_sql / peer_sql.
  std::function<absl::StatusOr<Answer>(TesseraClient&, int64_t patient)> tessera_call;
  std::function<absl::StatusOr<Answer>(Connections&, Connector& peer, int64_t patient)> peer_call;
};

// Workloads defined in files of their own.
Workload PatientRecordWorkload();  // patient_record.cc
Workload HeartFailureWorkload();   // heart_failure.cc
Workload PopulationWorkload();     // population.cc
Workload RecentResultsWorkload();  // recent_results.cc

std::vector<Workload> Workloads();

}  // namespace tessera::bench::latency

#endif  // TESSERA_BENCH_LATENCY_WORKLOADS_H_
