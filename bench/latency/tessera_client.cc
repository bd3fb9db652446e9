// File: bench/latency/tessera_client.cc

#include "bench/latency/tessera_client.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "engine/wire/batch_codec.h"

namespace tessera::bench::latency {

TesseraClient::TesseraClient(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(-1);
  // A distinct argument keeps each client on its own connection.
  args.SetInt("tessera.bench.client", reinterpret_cast<intptr_t>(this) & 0x7fffffff);
  channel_ = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  stub_ = v1::QueryService::NewStub(channel_);
}

absl::StatusOr<Answer> TesseraClient::Query(const std::string& sql, absl::Duration deadline) {
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline));
  v1::ExecuteQueryRequest request;
  request.set_sql(sql);
  std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>> stream = stub_->ExecuteQuery(&call, request);
  v1::ExecuteQueryResponse message;
  Answer answer;
  std::unique_ptr<RowBatch> batch;
  bool summary = false;
  while (stream->Read(&message)) {
    switch (message.part_case()) {
      case v1::ExecuteQueryResponse::kSchema: {
        absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(message.schema());
        if (!schema.ok()) return schema.status();
        answer.Begin(**schema);
        batch = std::make_unique<RowBatch>(*schema);
        break;
      }
      case v1::ExecuteQueryResponse::kBatch: {
        if (batch == nullptr) return absl::DataLossError("rows before their schema");
        absl::Status decoded = DecodeBatch(message.batch(), *batch);
        if (!decoded.ok()) return decoded;
        answer.Append(*batch);
        break;
      }
      case v1::ExecuteQueryResponse::kSummary:
        summary = true;
        break;
      case v1::ExecuteQueryResponse::PART_NOT_SET:
        return absl::DataLossError("an empty message");
    }
  }
  grpc::Status status = stream->Finish();
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("tessera: ", status.error_message()));
  }
  if (!summary) return absl::DataLossError("the result ended without its summary");
  return answer;
}

absl::StatusOr<v1::PatientRecordResponse> TesseraClient::PatientRecord(int64_t patient, absl::Duration deadline) {
  grpc::ClientContext call;
  call.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(deadline));
  v1::PatientRecordRequest request;
  request.set_patient_id(patient);
  v1::PatientRecordResponse response;
  grpc::Status status = stub_->GetPatientRecord(&call, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("tessera: ", status.error_message()));
  }
  return response;
}

}  // namespace tessera::bench::latency
