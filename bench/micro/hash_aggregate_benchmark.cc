// File: bench/micro/hash_aggregate_benchmark.cc
//
// HashAggregateOperator alone, over batches held in memory: 1M rows of
// (group bigint, value bigint), grouped by the bigint with count(*) and
// sum(value), into few groups (16: the hash table stays in cache) or many
// (100k, in random order: misses dominate). Items are input rows; bytes are
// input bytes.

#include <cstdint>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "bench/micro/memory_source.h"
#include "benchmark/benchmark.h"
#include "engine/exec/hash_aggregate_operator.h"

namespace tessera::bench {
namespace {

constexpr int64_t kRows = 1000000;

void BM_HashAggregate(benchmark::State& state) {
  const int64_t groups = state.range(0);
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"grp", DataType::Int64(), false}, {"value", DataType::Int64(), false}});
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> group(0, groups - 1);
  std::uniform_int_distribution<int64_t> value(0, 1000);
  auto input = MakeBatches(schema, kRows, [&](RowBatch& b, int64_t) {
    b.column(0).AppendInt64(group(rng));
    b.column(1).AppendInt64(value(rng));
  });
  const int64_t bytes = BatchBytes(*input);
  std::vector<AggregateSpec> aggregates = {
      {AggregateOp::kCountStar, false, -1, DataType::Int64(), "n"},
      {AggregateOp::kSum, false, 1, DataType::Int64(), "total"},
  };
  int64_t out_rows = 0;
  for (auto _ : state) {
    BenchContext bc;
    HashAggregateOperator agg(std::make_unique<MemorySource>(schema, input), {0}, aggregates);
    absl::StatusOr<int64_t> rows = Drain(agg, bc.ctx);
    if (!rows.ok()) {
      state.SkipWithError(rows.status().ToString().c_str());
      return;
    }
    out_rows = *rows;
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["groups"] = static_cast<double>(out_rows);
}

BENCHMARK(BM_HashAggregate)->ArgName("groups")->Arg(16)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tessera::bench

BENCHMARK_MAIN();
