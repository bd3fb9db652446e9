// File: bench/micro/dedup_benchmark.cc
//
// DedupOperator alone, over batches held in memory, with the spec the
// unified observation view uses: same patient_id and code, times within
// 300 s, values within 2%. 100k facts (10k patients, 8 lab codes, times
// over two years) reported by the EHR, and a given percentage of them
// reported again by the lab, a few minutes later and with a value off by at
// most 1%, after the EHR's rows as a source would send them. Items are
// input rows; bytes are input bytes.

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/micro/memory_source.h"
#include "benchmark/benchmark.h"
#include "engine/exec/dedup_operator.h"

namespace tessera::bench {
namespace {

constexpr int64_t kFacts = 100000;
constexpr int64_t kPatients = 10000;
constexpr const char* kCodes[] = {"4548-4", "2345-7", "2160-0", "718-7", "6690-2", "2093-3", "2571-8", "13457-7"};
constexpr int64_t kSecond = 1000000;

struct Fact {
  int64_t patient;
  const char* code;
  int64_t time;
  double value;
};

void BM_Dedup(benchmark::State& state) {
  const int64_t duplicate_percent = state.range(0);
  auto schema = std::make_shared<const Schema>(std::vector<Field>{
      {"patient_id", DataType::Int64(), false},
      {"code", DataType::Text(), false},
      {"effective", DataType::Timestamp(), false},
      {"value", DataType::Double(), true},
      {"source", DataType::Text(), false},
      {"record_id", DataType::Text(), false},
  });
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int64_t> patient(1, kPatients);
  std::uniform_int_distribution<int> code(0, 7);
  // 2024-01-01 plus up to two years, in microseconds since the epoch.
  std::uniform_int_distribution<int64_t> when(0, 2 * 365 * 86400);
  std::uniform_real_distribution<double> value(4.0, 140.0);
  std::uniform_int_distribution<int64_t> delay(0, 240);
  std::uniform_real_distribution<double> drift(-0.01, 0.01);
  std::uniform_int_distribution<int> percent(0, 99);

  std::vector<Fact> facts(kFacts);
  for (Fact& f : facts) f = {patient(rng), kCodes[code(rng)], (1704067200 + when(rng)) * kSecond, value(rng)};
  std::vector<std::pair<Fact, bool>> rows;  // The fact as reported, and whether by the lab.
  for (const Fact& f : facts) rows.push_back({f, false});
  for (const Fact& f : facts) {
    if (percent(rng) >= duplicate_percent) continue;
    rows.push_back({{f.patient, f.code, f.time + delay(rng) * kSecond, f.value * (1 + drift(rng))}, true});
  }
  auto input = MakeBatches(schema, static_cast<int64_t>(rows.size()), [&](RowBatch& b, int64_t r) {
    const auto& [f, lab] = rows[r];
    b.column(0).AppendInt64(f.patient);
    b.column(1).AppendText(f.code);
    b.column(2).AppendInt64(f.time);
    b.column(3).AppendDouble(f.value);
    b.column(4).AppendText(lab ? "lab" : "ehr");
    b.column(5).AppendText(absl::StrCat(r));
  });
  const int64_t bytes = BatchBytes(*input);

  DedupSpec spec;
  spec.keys = {0, 1};
  spec.time = 2;
  spec.time_tolerance_micros = 300 * kSecond;
  spec.value = 3;
  spec.value_tolerance = 0.02;
  spec.source = 4;
  spec.record_id = 5;
  int64_t out_rows = 0;
  for (auto _ : state) {
    BenchContext bc;
    DedupOperator dedup(std::make_unique<MemorySource>(schema, input), spec);
    absl::StatusOr<int64_t> out = Drain(dedup, bc.ctx);
    if (!out.ok()) {
      state.SkipWithError(out.status().ToString().c_str());
      return;
    }
    out_rows = *out;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(rows.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["input_rows"] = static_cast<double>(rows.size());
  state.counters["output_rows"] = static_cast<double>(out_rows);
}

BENCHMARK(BM_Dedup)->ArgName("duplicate_percent")->Arg(10)->Arg(50)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tessera::bench

BENCHMARK_MAIN();
