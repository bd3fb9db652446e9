// File: bench/api/api_benchmark.cc
//
// What the client API costs, beside what it cannot cost less than, measured
// in the same process and run (see api_fixture.h for the servers and data):
//
//   stream/engine      ExecuteQuery("SELECT * FROM bench.fetch_bench"), 1M
//                      rows, through the Tessera server on 127.0.0.1: a gRPC
//                      client reads every message, decodes every batch and
//                      reads every value.
//   stream/floor       the same client reading the same bytes from the bare
//                      replay server: gRPC alone, no engine.
//   stream/inprocess   the same query through Session::Execute in this
//                      process, every value read: the engine alone, no gRPC.
//   lookup/paired      TESSERA_BENCH_LOOKUPS (default 300) patient lookups,
//                      "SELECT * FROM ehr.patient WHERE patient_id = N", N a
//                      random patient, each made three ways in turn:
//                        api        through ExecuteQuery as above;
//                        floor      answered by a bare replay server with the
//                                   messages of one lookup recorded from the
//                                   engine: what gRPC alone costs per call;
//                        inprocess  Session::Parse and Session::Execute.
//
// Streams are one iteration per repetition, wall-clock; items_per_second is
// rows, bytes_per_second the serialized ExecuteQueryResponse bytes. Lookups
// time every call and report each way's percentiles over the repetition as
// counters <way>_p50_us, _p95_us, _p99_us (microseconds per call). Every run
// of every benchmark checks that all rows arrived.
//
// Environment: TESSERA_BENCH_SQLITE (the fetch_bench file, default
// /tmp/tessera_fetch_bench.db), TESSERA_BENCH_EHR_DB (a Riverside ehr.db,
// default the check home's), TESSERA_BENCH_REPETITIONS (default 7),
// TESSERA_BENCH_LOOKUPS (default 300).
//
// scripts/bench-api.sh runs this and prints the table of medians and ratios.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "bench/api/api_fixture.h"
#include "bench/api/stream_reader.h"
#include "benchmark/benchmark.h"

namespace tessera::bench {
namespace {

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* v = std::getenv(name);
  int64_t out = 0;
  return v != nullptr && absl::SimpleAtoi(v, &out) && out > 0 ? out : fallback;
}

enum class Path { kEngine, kFloor, kInProcess };

// `lookup` picks the lookup's floor rather than the stream's.
absl::StatusOr<StreamTotals> RunOnce(ApiFixture& f, Path path, const std::string& sql, bool lookup) {
  const absl::Duration timeout = absl::Minutes(2);
  switch (path) {
    case Path::kEngine:
      return ReadQuery(*f.engine, sql, timeout);
    case Path::kFloor:
      return ReadQuery(lookup ? *f.lookup_floor : *f.floor, sql, timeout);
    case Path::kInProcess:
      return ExecuteInProcess(*f.session, sql, timeout);
  }
  return absl::InternalError("unknown path");
}

void BM_Stream(benchmark::State& state, Path path) {
  const absl::StatusOr<ApiFixture*>& fixture = Fixture();
  if (!fixture.ok()) {
    state.SkipWithError(fixture.status().ToString().c_str());
    return;
  }
  ApiFixture& f = **fixture;
  int64_t rows = 0;
  for (auto _ : state) {
    absl::StatusOr<StreamTotals> read = RunOnce(f, path, kStreamSql, /*lookup=*/false);
    if (!read.ok()) {
      state.SkipWithError(read.status().ToString().c_str());
      return;
    }
    if (read->rows != f.stream_rows) {
      state.SkipWithError(absl::StrCat("read ", read->rows, " rows of ", f.stream_rows).c_str());
      return;
    }
    benchmark::DoNotOptimize(read->checksum);
    rows += read->rows;
  }
  state.SetItemsProcessed(rows);
  // The same bytes for every path: what the engine puts on the wire.
  state.SetBytesProcessed(state.iterations() * f.stream_wire_bytes);
}

double Percentile(const std::vector<double>& sorted_us, double p) {
  if (sorted_us.empty()) return 0;
  size_t i = static_cast<size_t>(p * static_cast<double>(sorted_us.size() - 1) + 0.5);
  return sorted_us[std::min(i, sorted_us.size() - 1)];
}

// The three paths take turns call by call (the first path rotating), so that
// a burst of load elsewhere on the machine hits them alike.
void BM_Lookup(benchmark::State& state) {
  const absl::StatusOr<ApiFixture*>& fixture = Fixture();
  if (!fixture.ok()) {
    state.SkipWithError(fixture.status().ToString().c_str());
    return;
  }
  ApiFixture& f = **fixture;
  const int64_t calls = EnvInt("TESSERA_BENCH_LOOKUPS", 300);
  constexpr std::pair<const char*, Path> kPaths[] = {
      {"api", Path::kEngine}, {"floor", Path::kFloor}, {"inprocess", Path::kInProcess}};
  std::vector<double> us[3];
  for (auto _ : state) {
    // The same patients in the same order in every repetition.
    std::mt19937_64 random(20261125);
    std::uniform_int_distribution<size_t> pick(0, f.patient_ids.size() - 1);
    for (std::vector<double>& v : us) v.clear();
    for (int64_t i = 0; i < calls; ++i) {
      const std::string sql = absl::StrCat(kLookupSql, f.patient_ids[pick(random)]);
      for (int k = 0; k < 3; ++k) {
        const int p = static_cast<int>((i + k) % 3);
        absl::Time start = absl::Now();
        absl::StatusOr<StreamTotals> read = RunOnce(f, kPaths[p].second, sql, /*lookup=*/true);
        absl::Duration took = absl::Now() - start;
        if (!read.ok() || read->rows != 1) {
          state.SkipWithError(read.ok() ? absl::StrCat(sql, ": ", read->rows, " rows, not 1").c_str()
                                        : read.status().ToString().c_str());
          return;
        }
        benchmark::DoNotOptimize(read->checksum);
        us[p].push_back(absl::ToDoubleMicroseconds(took));
      }
    }
  }
  state.SetItemsProcessed(state.iterations() * calls);
  state.counters["calls"] = static_cast<double>(calls);
  for (int p = 0; p < 3; ++p) {
    std::sort(us[p].begin(), us[p].end());
    for (auto [q, name] : {std::pair{0.50, "p50_us"}, std::pair{0.95, "p95_us"}, std::pair{0.99, "p99_us"}}) {
      state.counters[absl::StrCat(kPaths[p].first, "_", name)] = Percentile(us[p], q);
    }
  }
}

void RegisterAll() {
  const int repetitions = static_cast<int>(EnvInt("TESSERA_BENCH_REPETITIONS", 7));
  for (auto [name, path] : {std::pair{"engine", Path::kEngine}, std::pair{"floor", Path::kFloor},
                            std::pair{"inprocess", Path::kInProcess}}) {
    benchmark::RegisterBenchmark(absl::StrCat("stream/", name).c_str(), &BM_Stream, path)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1)
        ->Repetitions(repetitions)
        ->ReportAggregatesOnly(true);
  }
  benchmark::RegisterBenchmark("lookup/paired", &BM_Lookup)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(1)
      ->Repetitions(repetitions)
      ->ReportAggregatesOnly(true);
}

}  // namespace
}  // namespace tessera::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  tessera::bench::RegisterAll();
  // Sets up before the first timed run, which would otherwise pay for it.
  if (!tessera::bench::Fixture().ok()) {
    std::fprintf(stderr, "%s\n", tessera::bench::Fixture().status().ToString().c_str());
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
