// File: bench/latency/tessera_client.h
//
// Asks `tessera serve` a query over tessera.v1.QueryService, as an
// application would, and keeps the rows as text.

#ifndef TESSERA_BENCH_LATENCY_TESSERA_CLIENT_H_
#define TESSERA_BENCH_LATENCY_TESSERA_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "bench/latency/answer.h"
#include "grpcpp/grpcpp.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::bench::latency {

class TesseraClient {
 public:
  // One channel per client thread, as independent applications would have.
  explicit TesseraClient(const std::string& address);

  absl::StatusOr<Answer> Query(const std::string& sql, absl::Duration deadline);
  absl::StatusOr<v1::PatientRecordResponse> PatientRecord(int64_t patient, absl::Duration deadline);

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::QueryService::Stub> stub_;
};

}  // namespace tessera::bench::latency

#endif  // TESSERA_BENCH_LATENCY_TESSERA_CLIENT_H_
