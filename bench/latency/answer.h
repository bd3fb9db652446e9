// File: bench/latency/answer.h
//
// A query's result as text, so that Tessera, the floor and the peer can be
// compared cell by cell before any of them is timed.

#ifndef TESSERA_BENCH_LATENCY_ANSWER_H_
#define TESSERA_BENCH_LATENCY_ANSWER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "engine/types/row_batch.h"

namespace tessera::bench::latency {

struct Answer {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  void Begin(const Schema& schema);
  void Append(const RowBatch& batch);
};

// Runs `sql` on one connector, every row fetched and kept as text.
absl::StatusOr<Answer> ScanAll(Connector& connector, const std::string& sql);

// OK when `got` has the rows of `want` (ignoring order when `ordered` is
// false; numbers equal to 6 significant digits, since the three paths round
// differently); otherwise an error naming the first difference.
absl::Status SameAnswer(const Answer& want, const Answer& got, bool ordered);

}  // namespace tessera::bench::latency

#endif  // TESSERA_BENCH_LATENCY_ANSWER_H_
