// File: bench/federation/federated_join_benchmark.cc
//
// One cross-source join plus aggregate (EHR in PostgreSQL, lab in MariaDB),
// timed three ways in the same process, against the same data:
//
//   federated/tessera           a Session runs the query end to end.
//   federated/floor             the sub-queries Tessera's EXPLAIN shows it
//                               sends, run directly through OdbcConnector, one
//                               thread per source, every row fetched, then the
//                               smallest local hash join and count that gives
//                               the answer. Tessera cannot beat this without
//                               sending different sub-queries.
//   federated/peer_<label>      a PostgreSQL with postgres_fdw and mysql_fdw
//                               over the same databases runs the same text.
//
// Before any timing, all variants compute the answer once and must agree
// (rows sorted and compared as text); a mismatch fails the program.
// Wall-clock time, one iteration per repetition; scripts/bench-federation.sh
// interleaves repetitions randomly and prints medians and ratios.
//
// Environment: TESSERA_BENCH_PG_CONN, TESSERA_BENCH_MARIADB_CONN (ODBC
// strings for the ehr and lab databases), TESSERA_BENCH_PEERS (label=ODBC
// string entries separated by "|", e.g. "estimate_off=Driver=...|..."),
// TESSERA_BENCH_REPETITIONS (default 7).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "benchmark/benchmark.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/catalog/source_registry.h"
#include "engine/common/status_macros.h"
#include "engine/exec/query_context.h"
#include "engine/format/result_writer.h"
#include "engine/session/session.h"
#include "engine/types/row_batch.h"
#include "proto/config.pb.h"

namespace tessera::bench {
namespace {

// HbA1c results per sex and state of EHR patients with type 2 diabetes.
// PostgreSQL's SQL, so the peer runs the same text.
constexpr char kQuery[] =
    "SELECT p.sex, p.state, count(*) AS hba1c_results "
    "FROM ehr.patient p "
    "JOIN lab.patient lp ON lp.ehr_mrn = p.mrn "
    "JOIN lab.lab_result r ON r.lab_patient_id = lp.lab_patient_id "
    "WHERE r.test_code IN ('HBA1C', 'A1C') "
    "AND p.patient_id IN (SELECT c.patient_id FROM ehr.condition c WHERE c.icd10_code LIKE 'E11%') "
    "GROUP BY p.sex, p.state";

constexpr absl::Duration kDeadline = absl::Minutes(10);

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

int EnvInt(const char* name, int fallback) {
  int out = 0;
  return absl::SimpleAtoi(Env(name), &out) && out > 0 ? out : fallback;
}

// A result as text: the column names and every row's cells.
struct Answer {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  void Begin(const Schema& schema) {
    columns.clear();
    for (int i = 0; i < schema.num_fields(); ++i) columns.push_back(schema.field(i).name);
  }
  void Append(const RowBatch& batch) {
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      row.reserve(batch.num_columns());
      for (int c = 0; c < batch.num_columns(); ++c) {
        row.push_back(batch.column(c).IsNull(r) ? "NULL" : batch.column(c).FormatCell(r));
      }
      rows.push_back(std::move(row));
    }
  }
  // Rows in a canonical order, for comparison (the query has no ORDER BY).
  std::vector<std::vector<std::string>> Sorted() const {
    auto out = rows;
    std::sort(out.begin(), out.end());
    return out;
  }
};

class AnswerWriter : public ResultWriter {
 public:
  explicit AnswerWriter(Answer* out) : out_(out) {}
  void Begin(const Schema& schema) override { out_->Begin(schema); }
  void Write(const RowBatch& batch) override { out_->Append(batch); }
  void End(int64_t) override {}

 private:
  Answer* out_;
};

// Runs `sql` on one connector and keeps every row as text.
absl::StatusOr<Answer> ScanAll(Connector& connector, const ScanRequest& request) {
  QueryContext ctx(absl::Now() + kDeadline);
  ASSIGN_OR_RETURN(std::unique_ptr<RowBatchStream> stream, connector.Scan(request, ctx));
  Answer answer;
  answer.Begin(*stream->schema());
  RowBatch batch(stream->schema());
  while (true) {
    ASSIGN_OR_RETURN(bool more, stream->Next(batch));
    if (!more) break;
    answer.Append(batch);
  }
  return answer;
}

// ---------------------------------------------------------------- Tessera

// The sources, as tests/differential configures them (default page size).
struct Federation {
  std::unique_ptr<SourceRegistry> sources;
  std::unique_ptr<Session> session;
};

absl::StatusOr<Federation*> GetFederation() {
  static absl::StatusOr<Federation*> federation = []() -> absl::StatusOr<Federation*> {
    std::string pg = Env("TESSERA_BENCH_PG_CONN"), mariadb = Env("TESSERA_BENCH_MARIADB_CONN");
    if (pg.empty() || mariadb.empty()) {
      return absl::FailedPreconditionError("set TESSERA_BENCH_PG_CONN and TESSERA_BENCH_MARIADB_CONN");
    }
    config::TesseraConfig cfg;
    auto add = [&](const char* name, config::SqlDialect dialect, const std::string& conn) {
      config::Source* s = cfg.add_source();
      s->set_name(name);
      s->mutable_odbc()->set_dialect(dialect);
      s->mutable_odbc()->set_connection_string(conn);
      s->mutable_odbc()->set_schema(name);
    };
    add("ehr", config::POSTGRESQL, pg);
    add("lab", config::MARIADB, mariadb);
    auto f = new Federation;
    ASSIGN_OR_RETURN(f->sources, SourceRegistry::Create(cfg));
    f->session = std::make_unique<Session>(f->sources.get());
    return f;
  }();
  return federation;
}

absl::StatusOr<Answer> RunTessera(absl::string_view sql) {
  ASSIGN_OR_RETURN(Federation * f, GetFederation());
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, f->session->Parse(sql));
  if (statements.size() != 1) return absl::InvalidArgumentError("one statement expected");
  Answer answer;
  AnswerWriter writer(&answer);
  QueryContext ctx(absl::Now() + kDeadline);
  RETURN_IF_ERROR(f->session->Execute(statements[0], sql, ctx, writer).status());
  return answer;
}

// ------------------------------------------------------------------ floor

// One sub-query as EXPLAIN shows it.
struct SubQuery {
  std::string source;
  ScanRequest request;
};

// Reads "RemoteScan <source>" operators and their "sql: ..." and
// "paged by ..." detail lines from plain EXPLAIN. A bind-join scan (its keys
// not yet known) shows its unrestricted sub-query, which is what Tessera
// sends when the other side has more than its bind-key limit; the floor runs
// that, concurrently with the rest, and says so in `notes`.
absl::StatusOr<std::vector<SubQuery>> SubQueriesFromExplain(const Answer& plan, std::string* notes) {
  std::vector<SubQuery> out;
  for (const auto& row : plan.rows) {
    absl::string_view text = absl::StripLeadingAsciiWhitespace(row[0]);
    absl::ConsumePrefix(&text, "-> ");
    if (absl::ConsumePrefix(&text, "RemoteScan ")) {
      out.push_back({std::string(text), {}});
    } else if (!out.empty() && absl::StartsWith(text, "bind join")) {
      absl::StrAppend(notes, "sub-query ", out.size(), " (", out.back().source,
                      ") is a bind-join probe; the floor runs it unrestricted and concurrently\n");
    } else if (!out.empty() && absl::ConsumePrefix(&text, "sql: ")) {
      out.back().request.sql = std::string(text);
    } else if (!out.empty() && absl::ConsumePrefix(&text, "paged by ")) {
      out.back().request.paging_key = std::string(text);
    }
  }
  if (out.empty()) return absl::InternalError("EXPLAIN shows no RemoteScan");
  return out;
}

struct Floor {
  std::vector<SubQuery> sub_queries;
  std::string plan;   // EXPLAIN's text, for the log.
  std::string notes;  // How the floor departs from the plan, if it does.
  std::map<std::string, std::unique_ptr<odbc::OdbcConnector>> connectors;
};

absl::StatusOr<Floor*> GetFloor() {
  static absl::StatusOr<Floor*> floor = []() -> absl::StatusOr<Floor*> {
    ASSIGN_OR_RETURN(Answer plan, RunTessera(absl::StrCat("EXPLAIN ", kQuery)));
    auto f = new Floor;
    for (const auto& row : plan.rows) absl::StrAppend(&f->plan, row[0], "\n");
    ASSIGN_OR_RETURN(f->sub_queries, SubQueriesFromExplain(plan, &f->notes));
    for (const SubQuery& q : f->sub_queries) {
      if (f->connectors.count(q.source)) continue;
      odbc::OdbcSourceOptions options;
      options.name = q.source;
      options.schema = q.source;
      if (q.source == "ehr") {
        options.connection_string = Env("TESSERA_BENCH_PG_CONN");
        options.dialect = DialectKind::kPostgres;
      } else if (q.source == "lab") {
        options.connection_string = Env("TESSERA_BENCH_MARIADB_CONN");
        options.dialect = DialectKind::kMariaDb;
      } else {
        return absl::UnimplementedError(absl::StrCat("the floor knows sources ehr and lab, not ", q.source));
      }
      auto connector = std::make_unique<odbc::OdbcConnector>(std::move(options));
      RETURN_IF_ERROR(connector->CheckHealth());
      f->connectors.emplace(q.source, std::move(connector));
    }
    return f;
  }();
  return floor;
}

// The local step for the plan Tessera chooses (see the EXPLAIN the program
// prints): ehr patients (patient_id, mrn, sex, state), ehr condition
// patient_ids (E11%), and lab rows (lab_patient_id, ehr_mrn, ...) one per
// HbA1c result. Joins patients to lab rows on the MRN, keeps patients with a
// condition (a semi join), and counts per (sex, state).
absl::StatusOr<Answer> JoinAndCount(const Answer& patients, const Answer& conditions, const Answer& lab) {
  if (patients.columns.size() != 4 || conditions.columns.size() != 1 || lab.columns.size() < 2) {
    return absl::UnimplementedError(absl::StrCat(
        "the floor's local join expects ehr (patient_id, mrn, sex, state), ehr (patient_id) and lab ",
        "(lab_patient_id, ehr_mrn, ...); the sub-queries return (", absl::StrJoin(patients.columns, ", "), "), (",
        absl::StrJoin(conditions.columns, ", "), ") and (", absl::StrJoin(lab.columns, ", "), ")"));
  }
  absl::flat_hash_map<std::string, int64_t> lab_per_mrn;
  for (const auto& row : lab.rows) {
    if (row[1] != "NULL") ++lab_per_mrn[row[1]];
  }
  absl::flat_hash_map<std::string, bool> diabetic;
  for (const auto& row : conditions.rows) diabetic[row[0]] = true;
  std::map<std::pair<std::string, std::string>, int64_t> groups;
  for (const auto& row : patients.rows) {
    auto it = lab_per_mrn.find(row[1]);
    if (it == lab_per_mrn.end() || !diabetic.contains(row[0])) continue;
    groups[{row[2], row[3]}] += it->second;
  }
  Answer out;
  out.columns = {"sex", "state", "hba1c_results"};
  for (const auto& [key, count] : groups) out.rows.push_back({key.first, key.second, absl::StrCat(count)});
  return out;
}

// Runs every sub-query at once, one thread each, and returns their answers
// in EXPLAIN's order.
absl::StatusOr<std::vector<Answer>> FetchConcurrently(Floor& f) {
  std::vector<absl::StatusOr<Answer>> results(f.sub_queries.size(), absl::UnknownError("not run"));
  std::vector<std::thread> threads;
  for (size_t i = 0; i < f.sub_queries.size(); ++i) {
    threads.emplace_back([&, i] {
      results[i] = ScanAll(*f.connectors.at(f.sub_queries[i].source), f.sub_queries[i].request);
    });
  }
  for (std::thread& t : threads) t.join();
  std::vector<Answer> out;
  for (auto& r : results) {
    RETURN_IF_ERROR(r.status());
    out.push_back(std::move(*r));
  }
  return out;
}

absl::StatusOr<Answer> RunFloor(int64_t* rows_fetched) {
  ASSIGN_OR_RETURN(Floor * f, GetFloor());
  ASSIGN_OR_RETURN(std::vector<Answer> parts, FetchConcurrently(*f));
  const Answer* patients = nullptr;
  const Answer* conditions = nullptr;
  const Answer* lab = nullptr;
  *rows_fetched = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    *rows_fetched += static_cast<int64_t>(parts[i].rows.size());
    if (f->sub_queries[i].source == "lab") {
      lab = &parts[i];
    } else {
      (parts[i].columns.size() == 1 ? conditions : patients) = &parts[i];
    }
  }
  if (parts.size() != 3 || patients == nullptr || conditions == nullptr || lab == nullptr) {
    return absl::UnimplementedError(absl::StrCat("the floor expects Tessera's plan of two ehr sub-queries and one lab ",
                                                 "sub-query; EXPLAIN shows ", parts.size(), " sub-queries"));
  }
  return JoinAndCount(*patients, *conditions, *lab);
}

// ------------------------------------------------------------------- peer

struct Peer {
  std::string label;
  std::unique_ptr<odbc::OdbcConnector> connector;
};

std::vector<Peer>& Peers() {
  static auto* peers = [] {
    auto* out = new std::vector<Peer>;
    for (absl::string_view entry : absl::StrSplit(Env("TESSERA_BENCH_PEERS"), '|', absl::SkipEmpty())) {
      std::pair<std::string, std::string> kv = absl::StrSplit(entry, absl::MaxSplits('=', 1));
      odbc::OdbcSourceOptions options;
      options.name = absl::StrCat("peer_", kv.first);
      options.connection_string = kv.second;
      options.dialect = DialectKind::kPostgres;
      out->push_back({kv.first, std::make_unique<odbc::OdbcConnector>(std::move(options))});
    }
    return out;
  }();
  return *peers;
}

absl::StatusOr<Answer> RunPeer(Peer& peer) { return ScanAll(*peer.connector, ScanRequest{.sql = kQuery}); }

// ------------------------------------------------------------- benchmarks

void Report(benchmark::State& state, const absl::Status& status) {
  state.SkipWithError(status.ToString().c_str());
}

void BM_Tessera(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<Answer> a = RunTessera(kQuery);
    if (!a.ok()) return Report(state, a.status());
    benchmark::DoNotOptimize(a->rows.size());
  }
}

void BM_Floor(benchmark::State& state) {
  int64_t fetched = 0;
  for (auto _ : state) {
    absl::StatusOr<Answer> a = RunFloor(&fetched);
    if (!a.ok()) return Report(state, a.status());
    benchmark::DoNotOptimize(a->rows.size());
  }
  state.counters["rows_fetched"] = static_cast<double>(fetched);
}

void BM_Peer(benchmark::State& state, Peer* peer) {
  for (auto _ : state) {
    absl::StatusOr<Answer> a = RunPeer(*peer);
    if (!a.ok()) return Report(state, a.status());
    benchmark::DoNotOptimize(a->rows.size());
  }
}

std::string Describe(const Answer& a) {
  int64_t total = 0;
  int count_col = static_cast<int>(a.columns.size()) - 1;
  for (const auto& row : a.rows) {
    int64_t n = 0;
    if (count_col >= 0 && absl::SimpleAtoi(row[count_col], &n)) total += n;
  }
  return absl::StrCat(a.rows.size(), " groups, ", total, " HbA1c results in all");
}

// Computes every variant's answer once and compares them; returns false
// (having printed why) if any fails or differs.
bool CheckAnswers() {
  absl::StatusOr<Answer> tessera = RunTessera(kQuery);
  if (!tessera.ok()) {
    std::fprintf(stderr, "tessera: %s\n", tessera.status().ToString().c_str());
    return false;
  }
  std::vector<std::vector<std::string>> expected = tessera->Sorted();
  std::fprintf(stderr, "answer (tessera): %s\n", Describe(*tessera).c_str());
  for (const auto& row : expected) std::fprintf(stderr, "  %s\n", absl::StrJoin(row, " | ").c_str());
  bool ok = true;
  auto compare = [&](const std::string& name, const absl::StatusOr<Answer>& a) {
    if (!a.ok()) {
      std::fprintf(stderr, "%s: %s\n", name.c_str(), a.status().ToString().c_str());
      ok = false;
    } else if (a->Sorted() != expected) {
      std::fprintf(stderr, "%s: DIFFERENT answer: %s\n", name.c_str(), Describe(*a).c_str());
      for (const auto& row : a->Sorted()) std::fprintf(stderr, "  %s\n", absl::StrJoin(row, " | ").c_str());
      ok = false;
    } else {
      std::fprintf(stderr, "%s: same answer\n", name.c_str());
    }
  };
  int64_t fetched = 0;
  absl::StatusOr<Floor*> floor = GetFloor();
  if (floor.ok()) {
    std::fprintf(stderr, "Tessera's plan (EXPLAIN):\n%s%s", (*floor)->plan.c_str(), (*floor)->notes.c_str());
  }
  compare("floor", RunFloor(&fetched));
  std::fprintf(stderr, "floor fetched %lld rows from the sources\n", static_cast<long long>(fetched));
  for (Peer& peer : Peers()) compare(absl::StrCat("peer_", peer.label), RunPeer(peer));
  return ok;
}

}  // namespace
}  // namespace tessera::bench

int main(int argc, char** argv) {
  using namespace tessera::bench;
  benchmark::Initialize(&argc, argv);
  if (!CheckAnswers()) {
    std::fprintf(stderr, "answers differ or a variant failed; not timing\n");
    return 1;
  }
  const int reps = EnvInt("TESSERA_BENCH_REPETITIONS", 7);
  auto configure = [reps](benchmark::internal::Benchmark* b) {
    b->UseRealTime()->Iterations(1)->Repetitions(reps)->Unit(benchmark::kMillisecond);
  };
  configure(benchmark::RegisterBenchmark("federated/tessera", BM_Tessera));
  configure(benchmark::RegisterBenchmark("federated/floor", BM_Floor));
  for (Peer& peer : Peers()) {
    configure(benchmark::RegisterBenchmark(absl::StrCat("federated/peer_", peer.label).c_str(), BM_Peer, &peer));
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
