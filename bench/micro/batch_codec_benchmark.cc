// File: bench/micro/batch_codec_benchmark.cc
//
// The wire form of a row batch (engine/wire/batch_codec, proto/batch.proto):
// one 4096-row batch of mixed columns (bigint, text, double, decimal,
// timestamp, boolean; some NULLs) encoded into its message and serialized,
// and parsed and decoded back, as the server and the Tessera connector do
// for every batch. Items are rows; bytes are the serialized message's bytes.

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "engine/types/row_batch.h"
#include "engine/wire/batch_codec.h"
#include "proto/batch.pb.h"

namespace tessera::bench {
namespace {

constexpr int64_t kRows = 4096;

RowBatch MakeBatch() {
  auto schema = std::make_shared<const Schema>(std::vector<Field>{
      {"patient_id", DataType::Int64(), false},
      {"family_name", DataType::Text(), true},
      {"value", DataType::Double(), true},
      {"dose", DataType::Decimal(2), true},
      {"recorded_at", DataType::Timestamp(), true},
      {"active", DataType::Bool(), true},
  });
  static constexpr const char* kNames[] = {"Nguyen", "Smith", "Rodriguez", "Okafor", "Williamson", "Lee"};
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> pct(0, 99);
  RowBatch batch(schema);
  for (int64_t r = 0; r < kRows; ++r) {
    batch.column(0).AppendInt64(100000 + r);
    if (pct(rng) < 5) {
      batch.column(1).AppendNull();
    } else {
      batch.column(1).AppendText(absl::StrCat(kNames[r % 6], "-", r));
    }
    if (pct(rng) < 10) {
      batch.column(2).AppendNull();
    } else {
      batch.column(2).AppendDouble(static_cast<double>(pct(rng)) / 7.0);
    }
    batch.column(3).AppendInt64(12500 + pct(rng));
    batch.column(4).AppendInt64(int64_t{1704067200000000} + r * 60000000);
    batch.column(5).AppendBool(pct(rng) < 50);
  }
  batch.SetNumRows(kRows);
  return batch;
}

void BM_EncodeBatch(benchmark::State& state) {
  const RowBatch batch = MakeBatch();
  v1::RowBatch message;
  std::string wire;
  for (auto _ : state) {
    EncodeBatch(batch, &message);
    message.SerializeToString(&wire);
    benchmark::DoNotOptimize(wire.data());
  }
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}

void BM_DecodeBatch(benchmark::State& state) {
  const RowBatch batch = MakeBatch();
  v1::RowBatch encoded;
  EncodeBatch(batch, &encoded);
  const std::string wire = encoded.SerializeAsString();
  v1::RowBatch message;
  RowBatch out(batch.shared_schema());
  for (auto _ : state) {
    if (!message.ParseFromString(wire)) {
      state.SkipWithError("the encoded batch does not parse");
      return;
    }
    absl::Status s = DecodeBatch(message, out);
    if (!s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      return;
    }
  }
  if (out.num_rows() != kRows) state.SkipWithError("decoded batch has the wrong row count");
  state.SetItemsProcessed(state.iterations() * kRows);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(wire.size()));
}

BENCHMARK(BM_EncodeBatch)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DecodeBatch)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace tessera::bench

BENCHMARK_MAIN();
