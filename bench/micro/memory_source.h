// File: bench/micro/memory_source.h
//
// What the operator micro-benchmarks feed their operators with: an operator
// handing out batches built beforehand, each copied whole into the caller's
// batch (a memcpy per column, not a cell-by-cell copy as ValuesOperator
// does), so that the operator under test, not the source, dominates the
// time. Open rewinds it, so one tree can run once per benchmark iteration.
// Also the context every query's operators share and a drain loop.

#ifndef TESSERA_BENCH_MICRO_MEMORY_SOURCE_H_
#define TESSERA_BENCH_MICRO_MEMORY_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/exec/memory_tracker.h"
#include "engine/exec/operator.h"
#include "engine/exec/query_context.h"
#include "engine/types/row_batch.h"

namespace tessera::bench {

class MemorySource : public Operator {
 public:
  // REQUIRES: every batch is of `schema` and holds at most kDefaultBatchRows
  // rows, at least one.
  MemorySource(std::shared_ptr<const Schema> schema, std::shared_ptr<const std::vector<RowBatch>> batches);

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::Status Open(ExecContext& ctx) override;
  absl::StatusOr<bool> Next(RowBatch& out) override;
  std::string Describe() const override { return "MemorySource"; }

 private:
  std::shared_ptr<const Schema> schema_;
  std::shared_ptr<const std::vector<RowBatch>> batches_;
  size_t next_ = 0;
};

// Splits `rows` rows made by `fill(batch, row)` (which appends one value to
// every column of the batch) into batches of kDefaultBatchRows.
template <typename Fill>
std::shared_ptr<const std::vector<RowBatch>> MakeBatches(const std::shared_ptr<const Schema>& schema,
                                                         int64_t rows, Fill fill) {
  auto batches = std::make_shared<std::vector<RowBatch>>();
  for (int64_t begin = 0; begin < rows; begin += kDefaultBatchRows) {
    const int64_t end = std::min(rows, begin + kDefaultBatchRows);
    RowBatch batch(schema);
    for (int64_t r = begin; r < end; ++r) fill(batch, r);
    batch.SetNumRows(end - begin);
    batches->push_back(std::move(batch));
  }
  return batches;
}

// Bytes of the batches' column buffers: what bytes/s figures count.
int64_t BatchBytes(const std::vector<RowBatch>& batches);

// What one query's operators share, with no memory limit to speak of.
struct BenchContext {
  BenchContext() : memory(int64_t{1} << 40) {
    ctx.query = &query;
    ctx.memory = &memory;
  }
  QueryContext query;
  MemoryTracker memory;
  ExecContext ctx;
};

// Opens `op` and reads it to the end; returns the rows it produced.
absl::StatusOr<int64_t> Drain(Operator& op, ExecContext& ctx);

}  // namespace tessera::bench

#endif  // TESSERA_BENCH_MICRO_MEMORY_SOURCE_H_
