// File: engine/devicehub/device_hub.h
//
// The sample device hub as a running gRPC server: loads the device files,
// listens on an address (port 0 picks a free one) and serves the source
// contract until shut down. `tessera devicehub` runs one; tests start their
// own on a free loopback port.

#ifndef TESSERA_ENGINE_DEVICEHUB_DEVICE_HUB_H_
#define TESSERA_ENGINE_DEVICEHUB_DEVICE_HUB_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/devicehub/hub_service.h"
#include "grpcpp/grpcpp.h"

namespace tessera::devicehub {

// Where `tessera devicehub` listens by default, and where `tessera gen`
// points the embedded default's `devices` source.
inline constexpr char kDefaultHubAddress[] = "127.0.0.1:50071";

struct HubOptions {
  std::string data_dir;  // Holds devices/registrations.jsonl and readings.jsonl.
  std::string listen = kDefaultHubAddress;
  absl::Duration batch_pause = absl::ZeroDuration();  // See DeviceHubService.
  // PEM certificate chain and private key to serve TLS; both empty for
  // plain text.
  std::string tls_cert_file;
  std::string tls_key_file;
};

class DeviceHub {
 public:
  static absl::StatusOr<std::unique_ptr<DeviceHub>> Start(const HubOptions& options);
  // Shuts down, cancelling scans still running.
  ~DeviceHub();

  // The port actually bound (the chosen one when asked for port 0).
  int port() const { return port_; }
  // host:port to connect to.
  std::string address() const;
  const DeviceHubService& service() const { return *service_; }
  // Rows loaded per table, for the start-up line.
  std::string Summary() const;

  // Blocks until Shutdown is called from another thread.
  void Wait();
  // Stops accepting calls and cancels running scans after `grace`.
  void Shutdown(absl::Duration grace = absl::Seconds(1));

 private:
  DeviceHub() = default;

  std::string host_;
  int port_ = 0;
  std::string summary_;
  std::unique_ptr<DeviceHubService> service_;
  std::unique_ptr<::grpc::Server> server_;
  bool shut_down_ = false;
};

}  // namespace tessera::devicehub

#endif  // TESSERA_ENGINE_DEVICEHUB_DEVICE_HUB_H_
