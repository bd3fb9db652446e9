// File: bench/api/replay_service.h
//
// The floor of the streaming benchmark: a bare gRPC server on 127.0.0.1
// implementing tessera.v1.QueryService.ExecuteQuery with no engine behind
// it. Every call, whatever its SQL, streams the same recorded messages,
// already serialized, one write in flight at a time as the engine's server
// does. What it costs is what gRPC itself costs to move those bytes.

#ifndef TESSERA_BENCH_API_REPLAY_SERVICE_H_
#define TESSERA_BENCH_API_REPLAY_SERVICE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::bench {

class ReplayServer {
 public:
  // Listens on 127.0.0.1 on a port the system picks; every ExecuteQuery
  // streams `messages` (each a serialized ExecuteQueryResponse).
  static absl::StatusOr<std::unique_ptr<ReplayServer>> Start(std::vector<std::string> messages);
  ~ReplayServer();

  const std::string& address() const { return address_; }

 private:
  class Service;
  ReplayServer() = default;

  std::vector<grpc::Slice> slices_;
  std::unique_ptr<Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
};

}  // namespace tessera::bench

#endif  // TESSERA_BENCH_API_REPLAY_SERVICE_H_
