// File: bench/micro/hash_join_benchmark.cc
//
// HashJoinOperator alone, over batches held in memory: an inner join of a
// 1M-row probe side against a build side of 1k or 100k rows with unique
// keys, on a bigint key and on a text key (MRN-like strings). Probe keys are
// drawn from twice the build keys' range, so half the probe rows find their
// one match. Items are input rows (build + probe); bytes are input bytes.

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "bench/micro/memory_source.h"
#include "benchmark/benchmark.h"
#include "engine/exec/hash_join_operator.h"

namespace tessera::bench {
namespace {

constexpr int64_t kProbeRows = 1000000;

std::string TextKey(int64_t k) { return absl::StrFormat("MRN-%09d", k); }

struct JoinInput {
  std::shared_ptr<const Schema> schema;
  std::shared_ptr<const std::vector<RowBatch>> build;
  std::shared_ptr<const std::vector<RowBatch>> probe;
  int64_t bytes = 0;
};

// (key, payload) rows: the build side's keys 0..build_rows-1 in a shuffled
// order, the probe side's uniform in [0, 2 * build_rows).
JoinInput MakeInput(int64_t build_rows, bool text_key) {
  JoinInput in;
  const DataType key_type = text_key ? DataType::Text() : DataType::Int64();
  in.schema = std::make_shared<const Schema>(
      std::vector<Field>{{"key", key_type, false}, {"payload", DataType::Int64(), false}});
  std::mt19937_64 rng(42);
  std::vector<int64_t> keys(build_rows);
  for (int64_t i = 0; i < build_rows; ++i) keys[i] = i;
  std::shuffle(keys.begin(), keys.end(), rng);
  auto append_key = [text_key](RowBatch& b, int64_t k) {
    if (text_key) {
      b.column(0).AppendText(TextKey(k));
    } else {
      b.column(0).AppendInt64(k);
    }
  };
  in.build = MakeBatches(in.schema, build_rows, [&](RowBatch& b, int64_t r) {
    append_key(b, keys[r]);
    b.column(1).AppendInt64(r);
  });
  std::uniform_int_distribution<int64_t> probe_key(0, 2 * build_rows - 1);
  in.probe = MakeBatches(in.schema, kProbeRows, [&](RowBatch& b, int64_t r) {
    append_key(b, probe_key(rng));
    b.column(1).AppendInt64(r);
  });
  in.bytes = BatchBytes(*in.build) + BatchBytes(*in.probe);
  return in;
}

void BM_HashJoin(benchmark::State& state, bool text_key) {
  const int64_t build_rows = state.range(0);
  const JoinInput in = MakeInput(build_rows, text_key);
  int64_t out_rows = 0;
  for (auto _ : state) {
    BenchContext bc;
    HashJoinOperator join(std::make_unique<MemorySource>(in.schema, in.probe),
                          std::make_unique<MemorySource>(in.schema, in.build), JoinType::kInner, {0}, {0});
    absl::StatusOr<int64_t> rows = Drain(join, bc.ctx);
    if (!rows.ok()) {
      state.SkipWithError(rows.status().ToString().c_str());
      return;
    }
    out_rows = *rows;
  }
  state.SetItemsProcessed(state.iterations() * (build_rows + kProbeRows));
  state.SetBytesProcessed(state.iterations() * in.bytes);
  state.counters["output_rows"] = static_cast<double>(out_rows);
}

BENCHMARK_CAPTURE(BM_HashJoin, int64_key, false)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_HashJoin, text_key, true)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tessera::bench

BENCHMARK_MAIN();
