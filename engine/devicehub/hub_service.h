// File: engine/devicehub/hub_service.h
//
// The sample device hub's side of the gRPC source contract. It evaluates
// what the engine pushes down itself, with the engine's own operators
// (filter, sort, limit, projection), so its answers have exactly the
// engine's meaning, and it declares every filter node kind it evaluates.
// A scan stops at the next batch once the call is cancelled or its deadline
// passes; the gRPC stream's flow control paces it to the reader.

#ifndef TESSERA_ENGINE_DEVICEHUB_HUB_SERVICE_H_
#define TESSERA_ENGINE_DEVICEHUB_HUB_SERVICE_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "engine/devicehub/device_tables.h"
#include "proto/source.grpc.pb.h"

namespace tessera::devicehub {

struct HubStats {
  int64_t active_scans = 0;
  int64_t scans_started = 0;
  int64_t scans_cancelled = 0;  // Stopped because the caller went away.
};

class DeviceHubService final : public v1::SourceService::Service {
 public:
  // `batch_pause` is waited before sending each batch, to stand in for a
  // slow service (demonstrations of cancellation); zero by default.
  explicit DeviceHubService(std::vector<HubTable> tables, absl::Duration batch_pause = absl::ZeroDuration());

  ::grpc::Status GetCapabilities(::grpc::ServerContext* context, const v1::GetCapabilitiesRequest* request,
                                 v1::SourceCapabilities* reply) override;
  ::grpc::Status ListTables(::grpc::ServerContext* context, const v1::ListTablesRequest* request,
                            v1::ListTablesResponse* reply) override;
  ::grpc::Status DescribeTable(::grpc::ServerContext* context, const v1::DescribeTableRequest* request,
                               v1::TableDescription* reply) override;
  ::grpc::Status Scan(::grpc::ServerContext* context, const v1::ScanRequest* request,
                      ::grpc::ServerWriter<v1::ScanResponse>* writer) override;

  HubStats stats() const;

 private:
  const HubTable* Find(const std::string& name) const;

  const std::vector<HubTable> tables_;
  const absl::Duration batch_pause_;
  std::atomic<int64_t> active_scans_{0};
  std::atomic<int64_t> scans_started_{0};
  std::atomic<int64_t> scans_cancelled_{0};
};

}  // namespace tessera::devicehub

#endif  // TESSERA_ENGINE_DEVICEHUB_HUB_SERVICE_H_
