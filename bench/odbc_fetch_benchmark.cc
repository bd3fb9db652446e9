// File: bench/odbc_fetch_benchmark.cc
//
// Fetch throughput of the ODBC connector beside each database's own client.
// For every available database (see fetch_bench_table.h) three benchmarks run
// in the same process, against the same 1M-row table and statement:
//
//   fetch/<db>/connector   OdbcConnector::Scan with paging key "id", as the
//                          planner issues a plain scan, reading every value of
//                          every batch.
//   fetch/<db>/native      psql / mariadb --quick / sqlite3 printing every row
//                          to /dev/null, as a child process.
//   startup/<db>/native    the same client running "SELECT 1": the fixed cost
//                          (exec, connect, authenticate) inside each native run.
//
// All use wall-clock time (the server's work happens in another process), one
// iteration per repetition, and report medians. items_per_second is rows.
//
// Environment: TESSERA_BENCH_SQLITE (SQLite file, default under /tmp),
// TESSERA_PG_CONN, TESSERA_MARIADB_CONN (ODBC strings; unset skips the
// server), TESSERA_BENCH_REPETITIONS (default 7), TESSERA_BENCH_PAGE_ROWS
// (the connector's keyset page size; default the connector's own).
//
// scripts/bench-fetch.sh runs this and prints the connector/native ratios.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/fetch_bench_table.h"
#include "bench/native_client.h"
#include "benchmark/benchmark.h"
#include "connectors/odbc/odbc_connector.h"
#include "connectors/odbc/odbc_scan.h"
#include "engine/exec/query_context.h"
#include "engine/types/row_batch.h"

namespace tessera::bench {
namespace {

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  int64_t out = 0;
  return v != nullptr && absl::SimpleAtoi(v, &out) && out > 0 ? out : fallback;
}

// The table's facts per source, checked (and the table created) once, before
// the source's first timed run.
const absl::StatusOr<TableFacts>& Facts(const BenchSource& source) {
  static auto* cache = new std::map<std::string, absl::StatusOr<TableFacts>>;
  auto it = cache->find(source.name);
  if (it != cache->end()) return it->second;
  std::fprintf(stderr, "%s: checking fetch_bench (creating it takes a while the first time)...\n",
               source.name.c_str());
  absl::Time start = absl::Now();
  absl::StatusOr<TableFacts> facts = EnsureFetchBenchTable(source);
  if (facts.ok()) {
    std::fprintf(stderr, "%s: fetch_bench ready: %lld rows, %.1f MB of values (%.1f s)\n",
                 source.name.c_str(), static_cast<long long>(facts->rows), facts->value_bytes / 1e6,
                 absl::ToDoubleSeconds(absl::Now() - start));
  } else {
    std::fprintf(stderr, "%s: %s\n", source.name.c_str(), facts.status().ToString().c_str());
  }
  return cache->emplace(source.name, std::move(facts)).first->second;
}

// What one full read saw; compared against the table's facts.
struct ReadTotals {
  int64_t rows = 0;
  int64_t id_sum = 0;
  int64_t non_null_values = 0;
  int64_t value_bytes = 0;
  uint64_t checksum = 0;
};

// Reads every value of `batch` the way a consuming operator would, through
// the ColumnVector accessors.
void TouchBatch(const RowBatch& batch, ReadTotals& totals) {
  const int64_t n = batch.num_rows();
  for (int c = 0; c < batch.num_columns(); ++c) {
    const ColumnVector& col = batch.column(c);
    switch (col.type().id) {
      case TypeId::kText:
        for (int64_t r = 0; r < n; ++r) {
          if (col.IsNull(r)) continue;
          absl::string_view s = col.GetText(r);
          ++totals.non_null_values;
          totals.value_bytes += static_cast<int64_t>(s.size());
          totals.checksum += s.empty() ? 0 : static_cast<unsigned char>(s.back());
        }
        break;
      case TypeId::kDouble:
        for (int64_t r = 0; r < n; ++r) {
          if (col.IsNull(r)) continue;
          double d = col.GetDouble(r);
          ++totals.non_null_values;
          uint64_t bits;
          std::memcpy(&bits, &d, sizeof(bits));
          totals.value_bytes += 8;
          totals.checksum += bits;
        }
        break;
      default:
        for (int64_t r = 0; r < n; ++r) {
          if (col.IsNull(r)) continue;
          ++totals.non_null_values;
          totals.value_bytes += 8;
          totals.checksum += static_cast<uint64_t>(col.GetInt64(r));
          if (c == 0) totals.id_sum += col.GetInt64(r);
        }
    }
  }
  totals.rows += n;
}

void BM_ConnectorFetch(benchmark::State& state, const BenchSource* source) {
  const absl::StatusOr<TableFacts>& facts = Facts(*source);
  if (!facts.ok()) {
    state.SkipWithError(facts.status().ToString().c_str());
    return;
  }
  odbc::OdbcSourceOptions options{.name = source->name,
                                  .connection_string = source->connection_string,
                                  .dialect = source->dialect,
                                  .schema = source->schema};
  options.page_rows = EnvInt("TESSERA_BENCH_PAGE_ROWS", options.page_rows);
  odbc::OdbcConnector connector(options);
  // Connects outside the timed loop: the engine reads through pooled
  // connections.
  if (absl::Status health = connector.CheckHealth(); !health.ok()) {
    state.SkipWithError(health.ToString().c_str());
    return;
  }
  const ScanRequest request{.sql = FetchSql(*source), .paging_key = "id"};
  ReadTotals totals;
  int64_t block_rows = 0, batches = 0;
  for (auto _ : state) {
    QueryContext ctx;
    absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = connector.Scan(request, ctx);
    if (!stream.ok()) {
      state.SkipWithError(stream.status().ToString().c_str());
      return;
    }
    if (auto* scan = dynamic_cast<odbc::OdbcScan*>(stream->get())) block_rows = scan->block_rows();
    RowBatch batch((*stream)->schema());
    ReadTotals run;
    while (true) {
      absl::StatusOr<bool> more = (*stream)->Next(batch);
      if (!more.ok()) {
        state.SkipWithError(more.status().ToString().c_str());
        return;
      }
      if (!*more) break;
      ++batches;
      TouchBatch(batch, run);
    }
    benchmark::DoNotOptimize(run.checksum);
    // Bytes are not compared: a column the driver reports as text (SQLite's
    // DECIMAL) holds its digits rather than 8 bytes.
    if (run.rows != facts->rows || run.id_sum != facts->id_sum ||
        run.non_null_values != facts->non_null_values) {
      state.SkipWithError(absl::StrCat("read ", run.rows, " rows, id sum ", run.id_sum, ", ",
                                       run.non_null_values, " non-NULL values; the table holds ",
                                       facts->rows, ", ", facts->id_sum, ", ", facts->non_null_values)
                              .c_str());
      return;
    }
    totals.rows += run.rows;
    totals.value_bytes += run.value_bytes;
  }
  state.SetItemsProcessed(totals.rows);
  state.SetBytesProcessed(totals.value_bytes);
  state.counters["block_rows"] = static_cast<double>(block_rows);
  state.counters["batches"] = benchmark::Counter(static_cast<double>(batches),
                                                 benchmark::Counter::kAvgIterations);
}

void BM_NativeFetch(benchmark::State& state, const BenchSource* source) {
  const absl::StatusOr<TableFacts>& facts = Facts(*source);
  if (!facts.ok()) {
    state.SkipWithError(facts.status().ToString().c_str());
    return;
  }
  absl::StatusOr<NativeCommand> command = NativeClientCommand(*source, FetchSql(*source));
  if (!command.ok()) {
    state.SkipWithError(command.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    if (absl::Status run = RunToDevNull(*command); !run.ok()) {
      state.SkipWithError(run.ToString().c_str());
      return;
    }
  }
  // The client printed the same rows; bytes are the values the connector
  // delivers for them, so bytes_per_second compares like with like.
  state.SetItemsProcessed(state.iterations() * facts->rows);
  state.SetBytesProcessed(state.iterations() * facts->value_bytes);
}

void BM_NativeStartup(benchmark::State& state, const BenchSource* source) {
  absl::StatusOr<NativeCommand> command = NativeClientCommand(*source, "SELECT 1");
  if (!command.ok()) {
    state.SkipWithError(command.status().ToString().c_str());
    return;
  }
  for (auto _ : state) {
    if (absl::Status run = RunToDevNull(*command); !run.ok()) {
      state.SkipWithError(run.ToString().c_str());
      return;
    }
  }
}

void RegisterAll(const std::vector<BenchSource>& sources) {
  const int repetitions = static_cast<int>(EnvInt("TESSERA_BENCH_REPETITIONS", 7));
  for (const BenchSource& source : sources) {
    const BenchSource* s = &source;
    for (auto [kind, fn] : {std::pair{"connector", &BM_ConnectorFetch}, std::pair{"native", &BM_NativeFetch}}) {
      benchmark::RegisterBenchmark(absl::StrCat("fetch/", s->name, "/", kind).c_str(), fn, s)
          ->Unit(benchmark::kMillisecond)
          ->UseRealTime()
          ->Iterations(1)
          ->Repetitions(repetitions)
          ->ReportAggregatesOnly(true);
    }
    benchmark::RegisterBenchmark(absl::StrCat("startup/", s->name, "/native").c_str(), &BM_NativeStartup, s)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(5)
        ->Repetitions(3)
        ->ReportAggregatesOnly(true);
  }
}

}  // namespace
}  // namespace tessera::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  std::vector<std::string> skipped;
  // Lives until exit: the registered benchmarks point into it.
  static const std::vector<tessera::bench::BenchSource> sources =
      tessera::bench::AvailableSources(&skipped);
  for (const std::string& message : skipped) std::fprintf(stderr, "%s\n", message.c_str());
  tessera::bench::RegisterAll(sources);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
