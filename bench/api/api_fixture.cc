#include "bench/api/api_fixture.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/fetch_bench_table.h"
#include "engine/common/status_macros.h"
#include "engine/format/result_writer.h"
#include "engine/server/server_config.h"
#include "proto/config.pb.h"

namespace tessera::bench {
namespace {

constexpr char kDefaultEhr[] = "/root/.cache/tessera/check-home/data/ehr.db";

std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v == nullptr || *v == '\0' ? fallback : v;
}

void AddSqlite(config::TesseraConfig& cfg, const std::string& name, const std::string& path) {
  config::Source* source = cfg.add_source();
  source->set_name(name);
  source->mutable_odbc()->set_connection_string(absl::StrCat("Driver=SQLite3;Database=", path));
  source->mutable_odbc()->set_dialect(config::SQLITE);
}

// Reads every value of what the session writes.
class ReadingWriter : public ResultWriter {
 public:
  explicit ReadingWriter(StreamTotals* totals) : totals_(totals) {}
  void Begin(const Schema&) override {}
  void Write(const RowBatch& batch) override { ReadValues(batch, *totals_); }
  void End(int64_t) override {}

 private:
  StreamTotals* totals_;
};

// Collects the first column (an integer) of every row.
class IdWriter : public ResultWriter {
 public:
  explicit IdWriter(std::vector<int64_t>* ids) : ids_(ids) {}
  void Begin(const Schema&) override {}
  void Write(const RowBatch& batch) override {
    for (int64_t r = 0; r < batch.num_rows(); ++r) ids_->push_back(batch.column(0).GetInt64(r));
  }
  void End(int64_t) override {}

 private:
  std::vector<int64_t>* ids_;
};

absl::Status Run(Session& session, absl::string_view sql, absl::Duration timeout, ResultWriter& writer) {
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session.Parse(sql));
  QueryContext ctx(absl::Now() + timeout);
  return session.Execute(statements.at(0), sql, ctx, writer).status();
}

absl::StatusOr<ApiFixture*> SetUp() {
  std::vector<std::string> skipped;
  std::vector<BenchSource> available = AvailableSources(&skipped);
  const BenchSource& sqlite = available.at(0);  // Always SQLite first.
  std::fprintf(stderr, "checking fetch_bench in %s (creating it takes a while the first time)...\n",
               sqlite.sqlite_path.c_str());
  ASSIGN_OR_RETURN(TableFacts facts, EnsureFetchBenchTable(sqlite));
  const std::string ehr = Env("TESSERA_BENCH_EHR_DB", kDefaultEhr);
  if (!std::filesystem::exists(ehr)) {
    return absl::NotFoundError(absl::StrCat("no EHR SQLite file at ", ehr,
                                            " (set TESSERA_BENCH_EHR_DB, or make a home with tessera gen)"));
  }
  config::TesseraConfig cfg;
  AddSqlite(cfg, "bench", sqlite.sqlite_path);
  AddSqlite(cfg, "ehr", ehr);

  auto f = std::make_unique<ApiFixture>();
  server::ServerSettings settings;
  settings.listen_address = "127.0.0.1:0";
  settings.sources = cfg;
  settings.sources_path = "(benchmark)";
  ASSIGN_OR_RETURN(f->server, server::TesseraServer::Start(settings));
  f->engine = v1::QueryService::NewStub(
      grpc::CreateChannel(f->server->address(), grpc::InsecureChannelCredentials()));
  ASSIGN_OR_RETURN(f->sources, SourceRegistry::Create(cfg));
  f->session = std::make_unique<Session>(f->sources.get());

  // The floor replays exactly what the engine sent.
  std::vector<std::string> recorded;
  ASSIGN_OR_RETURN(StreamTotals engine_read, ReadQuery(*f->engine, kStreamSql, absl::Minutes(5), &recorded));
  if (engine_read.rows != facts.rows) {
    return absl::InternalError(absl::StrCat("the engine streamed ", engine_read.rows, " rows of fetch_bench's ",
                                            facts.rows));
  }
  f->stream_rows = engine_read.rows;
  f->stream_wire_bytes = engine_read.wire_bytes;
  f->stream_messages = engine_read.messages;
  ASSIGN_OR_RETURN(f->replay, ReplayServer::Start(std::move(recorded)));
  f->floor = v1::QueryService::NewStub(grpc::CreateChannel(f->replay->address(), grpc::InsecureChannelCredentials()));
  ASSIGN_OR_RETURN(StreamTotals floor_read, ReadQuery(*f->floor, kStreamSql, absl::Minutes(5)));
  if (floor_read.rows != engine_read.rows || floor_read.checksum != engine_read.checksum) {
    return absl::InternalError("the replay server's stream differs from the engine's");
  }

  IdWriter ids(&f->patient_ids);
  RETURN_IF_ERROR(Run(*f->session, "SELECT patient_id FROM ehr.patient", absl::Minutes(1), ids));
  if (f->patient_ids.empty()) return absl::NotFoundError(absl::StrCat(ehr, " holds no patient"));
  std::vector<std::string> lookup;
  ASSIGN_OR_RETURN(StreamTotals lookup_read,
                   ReadQuery(*f->engine, absl::StrCat(kLookupSql, f->patient_ids[0]), absl::Minutes(1), &lookup));
  if (lookup_read.rows != 1) return absl::InternalError("the recorded lookup did not return one patient");
  ASSIGN_OR_RETURN(f->lookup_replay, ReplayServer::Start(std::move(lookup)));
  f->lookup_floor =
      v1::QueryService::NewStub(grpc::CreateChannel(f->lookup_replay->address(), grpc::InsecureChannelCredentials()));
  std::fprintf(stderr, "ready: %lld rows in %lld messages, %.1f MB on the wire; %zu patients\n",
               static_cast<long long>(f->stream_rows), static_cast<long long>(f->stream_messages),
               f->stream_wire_bytes / 1e6, f->patient_ids.size());
  return f.release();  // Lives until exit, as the benchmarks use it.
}

}  // namespace

const absl::StatusOr<ApiFixture*>& Fixture() {
  static const auto* fixture = new absl::StatusOr<ApiFixture*>(SetUp());
  return *fixture;
}

absl::StatusOr<StreamTotals> ExecuteInProcess(Session& session, absl::string_view sql, absl::Duration timeout) {
  StreamTotals totals;
  ReadingWriter writer(&totals);
  RETURN_IF_ERROR(Run(session, sql, timeout, writer));
  return totals;
}

}  // namespace tessera::bench
