// File: bench/latency/closed_loop.h
//
// Closed-loop load: N clients, each sending its next request as soon as the
// previous answer is complete, for a fixed time. Latency of each request and
// the throughput of the whole phase.

#ifndef TESSERA_BENCH_LATENCY_CLOSED_LOOP_H_
#define TESSERA_BENCH_LATENCY_CLOSED_LOOP_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace tessera::bench::latency {

struct LoadResult {
  std::vector<double> latencies_ms;  // One per completed request.
  int64_t errors = 0;
  std::string first_error;
  double seconds = 0;  // Wall time of the phase.
};

// `request(client, i)` is client `client`'s i-th request; it runs on that
// client's own thread. Each client stops starting requests at `duration`.
LoadResult RunClosedLoop(int clients, absl::Duration duration,
                         const std::function<absl::Status(int client, int64_t i)>& request);

// The q-quantile (0..1) of `values`, by nearest rank; 0 when empty.
double Quantile(std::vector<double> values, double q);

}  // namespace tessera::bench::latency

#endif  // TESSERA_BENCH_LATENCY_CLOSED_LOOP_H_
