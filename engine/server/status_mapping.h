// File: engine/server/status_mapping.h
//
// Statuses across the wire. The engine's absl::Status codes are gRPC's, so
// the code passes through unchanged; what needs care is the place in the
// query text that a SQL error points at, which travels as trailing metadata
// (documented in proto/query_service.proto) so that a client in any
// language can read it without Tessera's protos.

#ifndef TESSERA_ENGINE_SERVER_STATUS_MAPPING_H_
#define TESSERA_ENGINE_SERVER_STATUS_MAPPING_H_

#include <map>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "grpcpp/grpcpp.h"

namespace tessera::server {

// Trailing metadata keys of an error's place in the query text.
inline constexpr char kErrorOffsetKey[] = "tessera-error-offset";        // Bytes, from 0.
inline constexpr char kErrorCharacterKey[] = "tessera-error-character";  // Characters, from 0.

// The gRPC status for `status`. When it carries a position in `sql`, adds
// the position to `context`'s trailing metadata (before the call finishes);
// such an error is the query's fault, so NotFound (an unknown column)
// becomes INVALID_ARGUMENT.
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view sql,
                          grpc::ServerContextBase* context);

// The client side: the engine status a call ended with, carrying the
// position (for FormatQueryError's caret) when the server sent one.
absl::Status FromGrpcStatus(const grpc::Status& status,
                            const std::multimap<grpc::string_ref, grpc::string_ref>& trailing_metadata,
                            absl::string_view sql);

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_STATUS_MAPPING_H_
