// File: bench/api/api_fixture.h
//
// Everything the API benchmarks run against, built once per process before
// the first timed run: the 1M-row fetch_bench table in SQLite (see
// bench/fetch_bench_table.h) and a Riverside EHR SQLite file as sources, a
// real Tessera server on 127.0.0.1 over them (TesseraServer, what
// `tessera serve` runs), the engine's messages for the 1M-row query and for
// one patient lookup recorded once and bare replay servers streaming them
// (the floors), and a Session over the same sources in this process (the
// in-process baseline).

#ifndef TESSERA_BENCH_API_API_FIXTURE_H_
#define TESSERA_BENCH_API_API_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "bench/api/replay_service.h"
#include "bench/api/stream_reader.h"
#include "engine/catalog/source_registry.h"
#include "engine/server/server.h"
#include "engine/session/session.h"
#include "grpcpp/grpcpp.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::bench {

// The statement streamed through the API: every row and column of fetch_bench.
inline constexpr char kStreamSql[] = "SELECT * FROM bench.fetch_bench";
// The small query, followed by a patient's id.
inline constexpr char kLookupSql[] = "SELECT * FROM ehr.patient WHERE patient_id = ";

struct ApiFixture {
  std::unique_ptr<server::TesseraServer> server;
  std::unique_ptr<v1::QueryService::Stub> engine;  // A client of `server`.
  std::unique_ptr<ReplayServer> replay;
  std::unique_ptr<v1::QueryService::Stub> floor;  // A client of `replay`.
  // The same for one patient lookup's messages: the small query's floor.
  std::unique_ptr<ReplayServer> lookup_replay;
  std::unique_ptr<v1::QueryService::Stub> lookup_floor;
  // The in-process baseline: its own sources, the same configuration.
  std::unique_ptr<SourceRegistry> sources;
  std::unique_ptr<Session> session;

  int64_t stream_rows = 0;           // fetch_bench's rows.
  int64_t stream_wire_bytes = 0;     // The recorded messages' bytes.
  int64_t stream_messages = 0;
  std::vector<int64_t> patient_ids;  // Every ehr.patient id, for lookups.
};

// The fixture, set up on first use; an error (a missing file, a server that
// cannot listen) is kept and returned on every call.
const absl::StatusOr<ApiFixture*>& Fixture();

// Runs `sql` through `session` in this process with `timeout`, reading every
// value as the API client does.
absl::StatusOr<StreamTotals> ExecuteInProcess(Session& session, absl::string_view sql, absl::Duration timeout);

}  // namespace tessera::bench

#endif  // TESSERA_BENCH_API_API_FIXTURE_H_
