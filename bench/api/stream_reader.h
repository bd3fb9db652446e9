// File: bench/api/stream_reader.h
//
// The client side of the API benchmarks: what an application does with an
// ExecuteQuery stream. It reads every message, decodes the schema and every
// row batch with the wire codec and reads every value of every row, so that
// the client does the work a real one would. The same code reads the
// engine's stream and the bare replay service's, and the rows of an
// in-process Session are read the same way (ReadValues).

#ifndef TESSERA_BENCH_API_STREAM_READER_H_
#define TESSERA_BENCH_API_STREAM_READER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/types/row_batch.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::bench {

// What one read of a result saw.
struct StreamTotals {
  int64_t messages = 0;
  int64_t rows = 0;
  int64_t wire_bytes = 0;  // Serialized size of every message received.
  int64_t non_null_values = 0;
  uint64_t checksum = 0;  // Over every value, so that the reads are not optimized away.
};

// Reads every value of `batch` into `totals` (rows included).
void ReadValues(const RowBatch& batch, StreamTotals& totals);

// Calls ExecuteQuery(`sql`) with a deadline of `timeout` and reads the whole
// stream. When `capture` is not null it receives every message serialized,
// in order. A stream that is not schema, batches, summary, or whose status is
// not OK, is an error.
absl::StatusOr<StreamTotals> ReadQuery(v1::QueryService::Stub& stub, const std::string& sql,
                                       absl::Duration timeout, std::vector<std::string>* capture = nullptr);

}  // namespace tessera::bench

#endif  // TESSERA_BENCH_API_STREAM_READER_H_
