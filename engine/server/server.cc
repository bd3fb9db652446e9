#include "engine/server/server.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace tessera::server {
namespace {

std::shared_ptr<grpc::ServerCredentials> Credentials(const ServerSettings& settings) {
  if (!settings.tls()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options(settings.client_ca_pem.empty()
                                                ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
                                                : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = settings.client_ca_pem;
  options.pem_key_cert_pairs.push_back({settings.tls_key_pem, settings.tls_cert_pem});
  return grpc::SslServerCredentials(options);
}

// "HOST:PORT" with the port replaced by the one bound.
std::string BoundAddress(const std::string& requested, int port) {
  size_t colon = requested.rfind(':');
  return absl::StrCat(colon == std::string::npos ? requested : requested.substr(0, colon), ":", port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<TesseraServer>> TesseraServer::Start(const ServerSettings& settings) {
  std::unique_ptr<TesseraServer> server(new TesseraServer());
  ASSIGN_OR_RETURN(server->sources_, SourceRegistry::Create(settings.sources));
  SessionOptions session_options;
  session_options.memory_limit_bytes = settings.query_memory_limit_bytes;
  server->session_ = std::make_unique<Session>(server->sources_.get(), session_options);
  if (settings.token_file.empty()) {
    server->auth_ = std::make_unique<Authenticator>();
  } else {
    ASSIGN_OR_RETURN(server->auth_, Authenticator::FromTokenFile(settings.token_file));
  }
  server->state_.sources = server->sources_.get();
  server->state_.session = server->session_.get();
  server->state_.auth = server->auth_.get();
  server->state_.threads = &server->threads_;
  server->state_.max_concurrent_queries = settings.max_concurrent_queries;
  server->service_ = std::make_unique<QueryServiceImpl>(&server->state_);

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(settings.listen_address, Credentials(settings), &server->port_);
  builder.RegisterService(server->service_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    server->server_.reset();
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", settings.listen_address,
        settings.tls() ? " (is the address free, and are the TLS certificate and key valid PEM that belong together?)"
                       : " (is the address free and local to this machine?)"));
  }
  server->address_ = BoundAddress(settings.listen_address, server->port_);
  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    health->SetServingStatus(v1::QueryService::service_full_name(), true);
  }
  return server;
}

TesseraServer::~TesseraServer() { Shutdown(absl::Seconds(1)); }

void TesseraServer::Shutdown(absl::Duration grace) {
  // A server that failed to start has nothing to shut down.
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
    health->SetServingStatus(false);
  }
  // Calls still running at the deadline are cancelled, which cancels their
  // queries at the sources.
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace));
  // Engine threads may outlive their calls briefly (a cancellation reaching
  // a source); the sources must outlive them.
  threads_.WaitIdle(absl::Seconds(30));
}

}  // namespace tessera::server
