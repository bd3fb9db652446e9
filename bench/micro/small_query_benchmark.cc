// File: bench/micro/small_query_benchmark.cc
//
// What Tessera itself adds to a small query: the whole in-process path of a
// Session (parse, bind, optimize, build the operators, run them against the
// sources, write the rows), for a point lookup, beside the same lookup sent
// straight to the source through its connector.
//
//   patient_lookup/session    SELECT * FROM patient WHERE patient_id = N: the
//                             golden-record view over every source.
//   patient_lookup/plan       the same, parsed and planned (views kept between
//                             statements, as a session does), not run: the
//                             engine's own share before any source is asked.
//   ehr_lookup/session        SELECT * FROM ehr.patient WHERE patient_id = N.
//   ehr_lookup/direct         the SQL Tessera sends for it, through the ehr
//                             connector directly: the floor.
//
// N cycles over the people of the home, so that no two consecutive queries
// have the same text. The configuration is the home's tessera.textproto, as
// `tessera query --home` reads it; sources are opened once, as a server's
// are. Before timing, each lookup of a known person must return a row.
//
// Environment: TESSERA_BENCH_HOME, a home made by `tessera gen` (default
// /root/.cache/tessera/check-home).

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "engine/catalog/source_registry.h"
#include "engine/common/status_macros.h"
#include "engine/config/config_loader.h"
#include "engine/exec/query_context.h"
#include "engine/format/result_writer.h"
#include "engine/session/session.h"
#include "planner/planner.h"

namespace tessera::bench {
namespace {

// People looked up: 1..kPeople, each in the ehr source and the link index
// of a 1,000-person home.
constexpr int64_t kPeople = 990;

std::string Home() {
  const char* home = std::getenv("TESSERA_BENCH_HOME");
  return home != nullptr && *home != '\0' ? home : "/root/.cache/tessera/check-home";
}

// Counts rows and reads every cell's length, as a writer would, without
// formatting anything.
class CountingWriter : public ResultWriter {
 public:
  void Begin(const Schema&) override {}
  void Write(const RowBatch& batch) override {
    rows += batch.num_rows();
    benchmark::DoNotOptimize(batch.num_columns());
  }
  void End(int64_t) override {}
  int64_t rows = 0;
};

// The sources of the home and a session over them, made once.
struct Federation {
  std::unique_ptr<SourceRegistry> sources;
  std::unique_ptr<Session> session;
};

absl::StatusOr<Federation*> GetFederation() {
  static absl::StatusOr<Federation*>* federation = [] {
    auto* out = new absl::StatusOr<Federation*>(absl::UnknownError("not loaded"));
    absl::StatusOr<config::TesseraConfig> cfg = LoadConfig(Home() + "/tessera.textproto");
    if (!cfg.ok()) {
      *out = cfg.status();
      return out;
    }
    absl::StatusOr<std::unique_ptr<SourceRegistry>> sources = SourceRegistry::Create(*cfg);
    if (!sources.ok()) {
      *out = sources.status();
      return out;
    }
    auto* f = new Federation;
    f->sources = std::move(*sources);
    f->session = std::make_unique<Session>(f->sources.get());
    *out = f;
    return out;
  }();
  return *federation;
}

// Runs `sql` (one statement) through the session; returns its row count.
absl::StatusOr<int64_t> RunSession(Session& session, const std::string& sql) {
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session.Parse(sql));
  if (statements.size() != 1) return absl::InvalidArgumentError("expected one statement");
  QueryContext ctx;
  CountingWriter writer;
  ASSIGN_OR_RETURN(StatementResult result, session.Execute(statements[0], sql, ctx, writer));
  return result.rows;
}

// Sends `sql` to the source `source` as Tessera sends a scan's SQL (with its
// first column as the paging key, as EXPLAIN shows); returns the row count.
absl::StatusOr<int64_t> RunDirect(SourceRegistry& sources, const std::string& source, const std::string& sql) {
  ASSIGN_OR_RETURN(Connector * connector, sources.Find(source));
  QueryContext ctx;
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, connector->Scan(ScanRequest{.sql = sql, .paging_key = "c0"}, ctx));
  RowBatch batch(stream->schema());
  int64_t rows = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    rows += batch.num_rows();
  }
  return rows;
}

// The person of the i-th query: 1..kPeople in a scattered order.
int64_t PersonOf(int64_t i) { return (i * 379) % kPeople + 1; }

std::string PatientSql(int64_t id) { return absl::StrCat("SELECT * FROM patient WHERE patient_id = ", id); }
std::string EhrSql(int64_t id) { return absl::StrCat("SELECT * FROM ehr.patient WHERE patient_id = ", id); }
// What Tessera sends to ehr for EhrSql, as EXPLAIN shows it.
std::string EhrDirectSql(int64_t id) {
  return absl::StrCat(
      "SELECT \"t0\".\"patient_id\" AS \"c0\", \"t0\".\"mrn\" AS \"c1\", \"t0\".\"family_name\" AS \"c2\", "
      "\"t0\".\"given_name\" AS \"c3\", \"t0\".\"middle_name\" AS \"c4\", \"t0\".\"sex\" AS \"c5\", "
      "\"t0\".\"birth_date\" AS \"c6\", \"t0\".\"address_line\" AS \"c7\", \"t0\".\"city\" AS \"c8\", "
      "\"t0\".\"state\" AS \"c9\", \"t0\".\"zip\" AS \"c10\", \"t0\".\"phone\" AS \"c11\", "
      "\"t0\".\"registered_on\" AS \"c12\" FROM \"patient\" AS \"t0\" WHERE (\"t0\".\"patient_id\" = ",
      id, ")");
}

// Fails the benchmark unless `rows` is a result with at least one row.
bool CheckRows(benchmark::State& state, const absl::StatusOr<int64_t>& rows, const std::string& what) {
  if (!rows.ok()) {
    state.SkipWithError(absl::StrCat(what, ": ", rows.status().ToString()).c_str());
    return false;
  }
  if (*rows < 1) {
    state.SkipWithError(absl::StrCat(what, ": no row").c_str());
    return false;
  }
  return true;
}

void BM_PatientLookupSession(benchmark::State& state) {
  absl::StatusOr<Federation*> f = GetFederation();
  if (!f.ok()) return state.SkipWithError(f.status().ToString().c_str());
  if (!CheckRows(state, RunSession(*(*f)->session, PatientSql(455)), "patient 455")) return;
  int64_t i = 0;
  for (auto _ : state) {
    if (!CheckRows(state, RunSession(*(*f)->session, PatientSql(PersonOf(i++))), "patient lookup")) return;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_PatientLookupPlan(benchmark::State& state) {
  absl::StatusOr<Federation*> f = GetFederation();
  if (!f.ok()) return state.SkipWithError(f.status().ToString().c_str());
  Session& session = *(*f)->session;
  BoundViewCache views;  // As a session keeps its own.
  int64_t i = 0;
  for (auto _ : state) {
    const std::string sql = PatientSql(PersonOf(i++));
    absl::StatusOr<std::vector<ast::Statement>> statements = session.Parse(sql);
    if (!statements.ok()) return state.SkipWithError(statements.status().ToString().c_str());
    absl::StatusOr<PlannedQuery> planned = PlanStatement((*statements)[0], session.catalog(), sql, absl::Now(), {}, "", &views);
    if (!planned.ok()) return state.SkipWithError(planned.status().ToString().c_str());
    benchmark::DoNotOptimize(planned->root.get());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EhrLookupSession(benchmark::State& state) {
  absl::StatusOr<Federation*> f = GetFederation();
  if (!f.ok()) return state.SkipWithError(f.status().ToString().c_str());
  int64_t i = 0;
  for (auto _ : state) {
    if (!CheckRows(state, RunSession(*(*f)->session, EhrSql(PersonOf(i++))), "ehr lookup")) return;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_EhrLookupDirect(benchmark::State& state) {
  absl::StatusOr<Federation*> f = GetFederation();
  if (!f.ok()) return state.SkipWithError(f.status().ToString().c_str());
  int64_t i = 0;
  for (auto _ : state) {
    if (!CheckRows(state, RunDirect(*(*f)->sources, "ehr", EhrDirectSql(PersonOf(i++))), "direct ehr lookup")) {
      return;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_PatientLookupSession)->Name("patient_lookup/session")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_PatientLookupPlan)->Name("patient_lookup/plan")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_EhrLookupSession)->Name("ehr_lookup/session")->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_EhrLookupDirect)->Name("ehr_lookup/direct")->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace tessera::bench

BENCHMARK_MAIN();
