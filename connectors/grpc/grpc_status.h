// File: connectors/grpc/grpc_status.h
//
// A gRPC call's status as the engine reports it: gRPC's codes are Abseil's,
// and every message names the source and its address, so that "connection
// refused" says which service is down.

#ifndef TESSERA_CONNECTORS_GRPC_GRPC_STATUS_H_
#define TESSERA_CONNECTORS_GRPC_GRPC_STATUS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"

namespace tessera::grpc_source {

// `label` is "source \"devices\" at 127.0.0.1:50071"; `what` the call.
inline absl::Status FromGrpc(const ::grpc::Status& status, const std::string& label, const char* what) {
  if (status.ok()) return absl::OkStatus();
  const auto code = static_cast<absl::StatusCode>(status.error_code());
  if (code == absl::StatusCode::kUnavailable) {
    return absl::UnavailableError(absl::StrCat(label, " is unavailable (", what, "): ", status.error_message()));
  }
  return absl::Status(code, absl::StrCat(label, ": ", what, ": ", status.error_message()));
}

}  // namespace tessera::grpc_source

#endif  // TESSERA_CONNECTORS_GRPC_GRPC_STATUS_H_
