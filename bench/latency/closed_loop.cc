// File: bench/latency/closed_loop.cc

#include "bench/latency/closed_loop.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>

#include "absl/time/clock.h"

namespace tessera::bench::latency {

LoadResult RunClosedLoop(int clients, absl::Duration duration,
                         const std::function<absl::Status(int client, int64_t i)>& request) {
  LoadResult result;
  std::mutex mu;
  const absl::Time start = absl::Now();
  const absl::Time stop = start + duration;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      std::vector<double> mine;
      int64_t errors = 0;
      std::string first_error;
      for (int64_t i = 0; absl::Now() < stop; ++i) {
        absl::Time t0 = absl::Now();
        absl::Status status = request(c, i);
        double ms = absl::ToDoubleMilliseconds(absl::Now() - t0);
        if (status.ok()) {
          mine.push_back(ms);
        } else if (errors++ == 0) {
          first_error = status.ToString();
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      result.latencies_ms.insert(result.latencies_ms.end(), mine.begin(), mine.end());
      result.errors += errors;
      if (result.first_error.empty()) result.first_error = first_error;
    });
  }
  for (std::thread& t : threads) t.join();
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return result;
}

double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = static_cast<size_t>(std::ceil(q * values.size()));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace tessera::bench::latency
