#include "bench/api/stream_reader.h"

#include <chrono>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "engine/wire/batch_codec.h"

namespace tessera::bench {

void ReadValues(const RowBatch& batch, StreamTotals& totals) {
  const int64_t n = batch.num_rows();
  for (int c = 0; c < batch.num_columns(); ++c) {
    const ColumnVector& col = batch.column(c);
    switch (col.type().id) {
      case TypeId::kText:
        for (int64_t r = 0; r < n; ++r) {
          if (col.IsNull(r)) continue;
          absl::string_view s = col.GetText(r);
          ++totals.non_null_values;
          totals.checksum += s.size() + (s.empty() ? 0 : static_cast<unsigned char>(s.back()));
        }
        break;
      case TypeId::kDouble:
        for (int64_t r = 0; r < n; ++r) {
          if (col.IsNull(r)) continue;
          double d = col.GetDouble(r);
          uint64_t bits;
          std::memcpy(&bits, &d, sizeof(bits));
          ++totals.non_null_values;
          totals.checksum += bits;
        }
        break;
      default:
        for (int64_t r = 0; r < n; ++r) {
          if (col.IsNull(r)) continue;
          ++totals.non_null_values;
          totals.checksum += static_cast<uint64_t>(col.GetInt64(r));
        }
    }
  }
  totals.rows += n;
}

absl::StatusOr<StreamTotals> ReadQuery(v1::QueryService::Stub& stub, const std::string& sql,
                                       absl::Duration timeout, std::vector<std::string>* capture) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(timeout));
  v1::ExecuteQueryRequest request;
  request.set_sql(sql);
  std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>> reader = stub.ExecuteQuery(&context, request);
  StreamTotals totals;
  v1::ExecuteQueryResponse message;
  std::unique_ptr<RowBatch> batch;
  bool summary = false;
  absl::Status problem;
  while (reader->Read(&message)) {
    ++totals.messages;
    totals.wire_bytes += static_cast<int64_t>(message.ByteSizeLong());
    if (capture != nullptr) capture->push_back(message.SerializeAsString());
    if (!problem.ok()) continue;  // Drains the stream so that Finish does not wait.
    switch (message.part_case()) {
      case v1::ExecuteQueryResponse::kSchema: {
        absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(message.schema());
        if (!schema.ok()) {
          problem = schema.status();
          break;
        }
        batch = std::make_unique<RowBatch>(*schema);
        break;
      }
      case v1::ExecuteQueryResponse::kBatch: {
        if (batch == nullptr) {
          problem = absl::InternalError("a batch before the schema");
          break;
        }
        problem = DecodeBatch(message.batch(), *batch);
        if (problem.ok()) ReadValues(*batch, totals);
        break;
      }
      case v1::ExecuteQueryResponse::kSummary:
        summary = true;
        if (message.summary().row_count() != totals.rows) {
          problem = absl::InternalError(absl::StrCat("the summary counts ", message.summary().row_count(),
                                                     " rows; the stream held ", totals.rows));
        }
        break;
      case v1::ExecuteQueryResponse::PART_NOT_SET:
        problem = absl::InternalError("an empty message");
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) {
    return absl::InternalError(absl::StrCat("ExecuteQuery failed: ", status.error_message()));
  }
  if (!problem.ok()) return problem;
  if (!summary) return absl::InternalError("the stream ended without its summary");
  return totals;
}

}  // namespace tessera::bench
