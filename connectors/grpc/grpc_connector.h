// File: connectors/grpc/grpc_connector.h
//
// A source reached over gRPC through Tessera's source contract
// (proto/source.proto): a service that takes structured scans instead of SQL.
// It declares what it evaluates itself (filter node kinds, order, limit); the
// planner pushes into it exactly that and never a join or an aggregate.
// The channel is opened lazily, so a service that is down only fails the
// queries that read it.

#ifndef TESSERA_CONNECTORS_GRPC_GRPC_CONNECTOR_H_
#define TESSERA_CONNECTORS_GRPC_GRPC_CONNECTOR_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "connectors/connector.h"
#include "proto/source.grpc.pb.h"

namespace tessera::grpc_source {

struct GrpcSourceOptions {
  std::string name;
  std::string address;  // host:port.
  // PEM certificate authority for a TLS channel; empty for plain text.
  std::string tls_ca_file;
  // Limit on each metadata call (capabilities, tables, health); scans take
  // the query's deadline instead.
  absl::Duration call_timeout = absl::Seconds(10);
  // Tables described by the configuration, used while the source is down.
  std::vector<TableInfo> declared_tables;
};

class GrpcConnector final : public Connector {
 public:
  explicit GrpcConnector(GrpcSourceOptions options);

  const std::string& name() const override { return options_.name; }
  std::string description() const override;
  // Nothing beyond projection until the service has answered once (its
  // tables are described before any query over them is planned).
  const Capabilities& capabilities() const override;
  const Dialect* dialect() const override { return nullptr; }

  absl::StatusOr<std::vector<std::string>> ListTables() override;
  absl::StatusOr<TableInfo> DescribeTable(absl::string_view table) override;
  // REQUIRES: request.table_scan (this source takes no SQL).
  absl::StatusOr<std::unique_ptr<RowBatchStream>> Scan(const ScanRequest& request, QueryContext& ctx) override;
  absl::Status CheckHealth() override;

 private:
  // The stub over the (lazily created) channel.
  absl::StatusOr<v1::SourceService::Stub*> Stub();
  // Asks the service for its capabilities once it answers.
  absl::Status EnsureCapabilities();
  // "source \"devices\" at 127.0.0.1:50071".
  std::string Label() const;
  // The service's own answers, which ListTables and DescribeTable prefer.
  absl::StatusOr<std::vector<std::string>> AskTables();
  absl::StatusOr<TableInfo> AskDescription(absl::string_view table);
  // The configuration's description of `table`, or nullptr.
  const TableInfo* Declared(absl::string_view table) const;

  const GrpcSourceOptions options_;
  Capabilities unknown_capabilities_;
  Capabilities capabilities_;  // Written once, before ready_ is set.
  std::atomic<bool> ready_{false};

  absl::Mutex mu_;
  std::shared_ptr<::grpc::Channel> channel_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<v1::SourceService::Stub> stub_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera::grpc_source

#endif  // TESSERA_CONNECTORS_GRPC_GRPC_CONNECTOR_H_
