// File: connectors/grpc/grpc_scan.cc
//
// One structured scan over a gRPC stream: schema first, then batches.

#include "connectors/grpc/grpc_scan.h"

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "connectors/grpc/grpc_status.h"
#include "engine/wire/batch_codec.h"

namespace tessera::grpc_source {

absl::StatusOr<std::unique_ptr<GrpcScanStream>> GrpcScanStream::Start(v1::SourceService::Stub* stub,
                                                                       const v1::ScanRequest& request,
                                                                       std::string label, QueryContext& ctx) {
  if (ctx.is_cancelled()) return absl::CancelledError("query cancelled");
  std::unique_ptr<GrpcScanStream> stream(new GrpcScanStream(std::move(label), ctx));
  if (ctx.deadline() != absl::InfiniteFuture()) stream->context_.set_deadline(absl::ToChronoTime(ctx.deadline()));
  ::grpc::ClientContext* call = &stream->context_;
  stream->cancel_link_ = ctx.OnCancel([call] { call->TryCancel(); });
  stream->reader_ = stub->Scan(&stream->context_, request);
  v1::ScanResponse first;
  if (!stream->reader_->Read(&first)) {
    absl::Status status = stream->Finish();
    if (!status.ok()) return status;
    return absl::DataLossError(absl::StrCat(stream->label_, " ended its scan without a schema"));
  }
  if (first.payload_case() != v1::ScanResponse::kSchema) {
    return absl::DataLossError(absl::StrCat(stream->label_, " began its scan without a schema"));
  }
  absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(first.schema());
  if (!schema.ok()) {
    return absl::DataLossError(absl::StrCat(stream->label_, " sent a bad schema: ", schema.status().message()));
  }
  if ((*schema)->num_fields() != request.columns_size()) {
    return absl::DataLossError(absl::StrCat(stream->label_, " returned ", (*schema)->num_fields(),
                                            " columns where ", request.columns_size(), " were asked for"));
  }
  stream->schema_ = std::move(*schema);
  return stream;
}

GrpcScanStream::~GrpcScanStream() {
  cancel_link_.reset();
  if (reader_ != nullptr && !finished_) {
    // Abandoned early (an error, a LIMIT reached above): stop the service's
    // scan rather than drain it.
    context_.TryCancel();
    reader_->Finish().ok();
  }
}

absl::Status GrpcScanStream::Finish() {
  finished_ = true;
  ::grpc::Status status = reader_->Finish();
  if (status.ok()) return absl::OkStatus();
  if (query_.is_cancelled()) return absl::CancelledError("query cancelled");
  return FromGrpc(status, label_, "scan");
}

absl::StatusOr<bool> GrpcScanStream::Next(RowBatch& batch) {
  if (query_.is_cancelled()) return absl::CancelledError("query cancelled");
  v1::ScanResponse response;
  if (!reader_->Read(&response)) {
    absl::Status status = Finish();
    if (!status.ok()) return status;
    return false;
  }
  if (response.payload_case() != v1::ScanResponse::kBatch) {
    return absl::DataLossError(absl::StrCat(label_, " sent something other than a row batch mid-scan"));
  }
  absl::Status decoded = DecodeBatch(response.batch(), batch);
  if (!decoded.ok()) return absl::DataLossError(absl::StrCat(label_, " sent a bad batch: ", decoded.message()));
  rows_fetched_ += batch.num_rows();
  return true;
}

}  // namespace tessera::grpc_source
