// File: engine/devicehub/device_hub.cc
//
// Starting and stopping the sample device hub's server.

#include "engine/devicehub/device_hub.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "engine/common/status_macros.h"

namespace tessera::devicehub {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::StatusOr<std::unique_ptr<DeviceHub>> DeviceHub::Start(const HubOptions& options) {
  size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return absl::InvalidArgumentError(absl::StrCat("listen address \"", options.listen, "\" is not HOST:PORT"));
  }
  if (options.tls_cert_file.empty() != options.tls_key_file.empty()) {
    return absl::InvalidArgumentError("TLS needs both a certificate and its private key");
  }
  std::shared_ptr<::grpc::ServerCredentials> credentials = ::grpc::InsecureServerCredentials();
  if (!options.tls_cert_file.empty()) {
    ::grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
    ASSIGN_OR_RETURN(pair.cert_chain, ReadFile(options.tls_cert_file));
    ASSIGN_OR_RETURN(pair.private_key, ReadFile(options.tls_key_file));
    ::grpc::SslServerCredentialsOptions ssl;
    ssl.pem_key_cert_pairs.push_back(std::move(pair));
    credentials = ::grpc::SslServerCredentials(ssl);
  }
  ASSIGN_OR_RETURN(std::vector<HubTable> tables, LoadDeviceTables(options.data_dir));
  std::unique_ptr<DeviceHub> hub(new DeviceHub());
  std::vector<std::string> counts;
  for (const HubTable& t : tables) counts.push_back(absl::StrCat(t.name, " ", t.rows, " rows"));
  hub->summary_ = absl::StrJoin(counts, ", ");
  hub->host_ = options.listen.substr(0, colon);
  hub->service_ = std::make_unique<DeviceHubService>(std::move(tables), options.batch_pause);
  ::grpc::EnableDefaultHealthCheckService(true);
  ::grpc::ServerBuilder builder;
  // Without this a second hub on the same port would share it silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.AddListeningPort(options.listen, credentials, &hub->port_);
  builder.RegisterService(hub->service_.get());
  hub->server_ = builder.BuildAndStart();
  if (hub->server_ == nullptr || hub->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen, " (in use, or not a local address?)"));
  }
  return hub;
}

DeviceHub::~DeviceHub() { Shutdown(); }

std::string DeviceHub::address() const { return absl::StrCat(host_, ":", port_); }

std::string DeviceHub::Summary() const { return summary_; }

void DeviceHub::Wait() { server_->Wait(); }

void DeviceHub::Shutdown(absl::Duration grace) {
  if (shut_down_ || server_ == nullptr) return;
  shut_down_ = true;
  server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
}

}  // namespace tessera::devicehub
