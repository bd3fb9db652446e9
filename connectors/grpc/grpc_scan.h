// File: connectors/grpc/grpc_scan.h
//
// The rows of one structured scan, read from a gRPC stream. The call carries
// the query's deadline, and cancelling the query cancels the call
// (ClientContext::TryCancel), which the service sees as its own
// cancellation. Batches are checked as they are decoded, so a garbled stream
// is an error naming the source, never a crash.

#ifndef TESSERA_CONNECTORS_GRPC_GRPC_SCAN_H_
#define TESSERA_CONNECTORS_GRPC_GRPC_SCAN_H_

#include <memory>
#include <string>

#include "connectors/connector.h"
#include "proto/source.grpc.pb.h"

namespace tessera::grpc_source {

class GrpcScanStream final : public RowBatchStream {
 public:
  // Starts the call and waits for the result's schema. `label` names the
  // source in errors; `columns` is how many columns were asked for.
  static absl::StatusOr<std::unique_ptr<GrpcScanStream>> Start(v1::SourceService::Stub* stub,
                                                               const v1::ScanRequest& request, std::string label,
                                                               QueryContext& ctx);
  ~GrpcScanStream() override;

  const std::shared_ptr<const Schema>& schema() const override { return schema_; }
  absl::StatusOr<bool> Next(RowBatch& batch) override;
  int64_t rows_fetched() const override { return rows_fetched_; }

 private:
  GrpcScanStream(std::string label, QueryContext& ctx) : label_(std::move(label)), query_(ctx) {}
  // Ends the call and returns its status (with the source named).
  absl::Status Finish();

  const std::string label_;
  QueryContext& query_;
  ::grpc::ClientContext context_;
  std::unique_ptr<::grpc::ClientReader<v1::ScanResponse>> reader_;
  std::unique_ptr<QueryContext::Registration> cancel_link_;
  std::shared_ptr<const Schema> schema_;
  bool finished_ = false;
  int64_t rows_fetched_ = 0;
};

}  // namespace tessera::grpc_source

#endif  // TESSERA_CONNECTORS_GRPC_GRPC_SCAN_H_
