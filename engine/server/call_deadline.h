// File: engine/server/call_deadline.h
//
// A call's gRPC deadline as a query deadline: the client's deadline is the
// QueryContext's, so a query is stopped at its sources when the client
// would stop waiting anyway.

#ifndef TESSERA_ENGINE_SERVER_CALL_DEADLINE_H_
#define TESSERA_ENGINE_SERVER_CALL_DEADLINE_H_

#include <chrono>

#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace tessera::server {

inline absl::Time CallDeadline(const grpc::ServerContextBase& context) {
  auto deadline = context.deadline();
  // gRPC reports "no deadline" as a time centuries ahead.
  if (deadline >= std::chrono::system_clock::now() + std::chrono::hours(24 * 365 * 100)) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(deadline);
}

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_CALL_DEADLINE_H_
