// File: engine/server/server.h
//
// The client API server behind `tessera serve`: tessera.v1.QueryService
// over the configured sources, with gRPC's health checking and server
// reflection, TLS (and client certificates) when configured, and bearer
// tokens when configured.

#ifndef TESSERA_ENGINE_SERVER_SERVER_H_
#define TESSERA_ENGINE_SERVER_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/catalog/source_registry.h"
#include "engine/server/auth.h"
#include "engine/server/engine_threads.h"
#include "engine/server/query_service.h"
#include "engine/server/server_config.h"
#include "engine/server/service_state.h"
#include "engine/session/session.h"
#include "grpcpp/grpcpp.h"

namespace tessera::server {

class TesseraServer {
 public:
  // Builds the sources and starts listening. An address that cannot be
  // bound, or TLS files gRPC rejects, are errors.
  static absl::StatusOr<std::unique_ptr<TesseraServer>> Start(const ServerSettings& settings);

  // Shuts down (as Shutdown with a short grace) if still running.
  ~TesseraServer();

  // The port listened on (the one picked when the configuration said 0).
  int port() const { return port_; }
  // "HOST:PORT" as bound.
  const std::string& address() const { return address_; }

  const SourceRegistry& sources() const { return *sources_; }
  const Authenticator& authenticator() const { return *auth_; }

  // Queries running now.
  int running_queries() const { return state_.running_queries.load(); }
  // Bytes of results held for slow clients: now, and the most at any time.
  int64_t buffered_bytes() const { return state_.buffered_bytes.load(); }
  int64_t peak_buffered_bytes() const { return state_.peak_buffered_bytes.load(); }
  // Bytes of results produced since the server started.
  int64_t produced_bytes() const { return state_.produced_bytes.load(); }

  // Stops accepting calls, gives running calls `grace` to finish, cancels
  // the rest and waits until no query touches a source. Safe to call twice.
  void Shutdown(absl::Duration grace);

 private:
  TesseraServer() = default;

  std::unique_ptr<SourceRegistry> sources_;
  std::unique_ptr<Session> session_;
  std::unique_ptr<Authenticator> auth_;
  EngineThreads threads_;
  ServiceState state_;
  std::unique_ptr<QueryServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  std::string address_;
  bool shut_down_ = false;
};

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_SERVER_H_
