// The console's statements run on a `tessera serve` server: each statement
// is one ExecuteQuery call whose batches are decoded and printed as they
// arrive; Ctrl-C cancels the call, which cancels the query at its sources.

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/cli/query_runner.h"
#include "engine/exec/query_context.h"
#include "engine/server/status_mapping.h"
#include "engine/wire/batch_codec.h"
#include "grpcpp/grpcpp.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::cli {
namespace {

std::shared_ptr<grpc::ChannelCredentials> Credentials(const RemoteOptions& options) {
  if (options.tls_ca_pem.empty()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = options.tls_ca_pem;
  ssl.pem_cert_chain = options.tls_cert_pem;
  ssl.pem_private_key = options.tls_key_pem;
  return grpc::SslCredentials(ssl);
}

Value TextOrNull(absl::string_view text) {
  return text.empty() ? Value::Null(DataType::Text()) : Value::Text(std::string(text));
}

class RemoteRunner : public QueryRunner {
 public:
  explicit RemoteRunner(const RemoteOptions& options)
      : options_(options),
        stub_(v1::QueryService::NewStub(grpc::CreateChannel(options.address, Credentials(options)))) {}

  std::string Target() const override { return absl::StrCat("the server at ", options_.address); }

  RunOutcome Run(absl::string_view sql, InterruptWatcher& interrupts,
                 const std::function<std::unique_ptr<ResultWriter>()>& make_writer,
                 const std::function<void()>& after_each) override {
    grpc::ClientContext call;
    Authorize(call);
    v1::ExecuteQueryRequest request;
    request.set_sql(std::string(sql));
    QueryContext ctx;
    std::unique_ptr<ResultWriter> writer = make_writer();
    absl::Status status;
    {
      std::unique_ptr<InterruptWatcher::Scope> watch = interrupts.Watch(ctx);
      std::unique_ptr<QueryContext::Registration> cancel = ctx.OnCancel([&call] { call.TryCancel(); });
      std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>> stream = stub_->ExecuteQuery(&call, request);
      status = ReadStream(*stream, *writer);
      // Finish waits for the server's end of the stream, which a call we
      // stopped reading would not send.
      if (!status.ok()) call.TryCancel();
      grpc::Status finished = stream->Finish();
      if (status.ok()) status = server::FromGrpcStatus(finished, call.GetServerTrailingMetadata(), sql);
    }
    if (ctx.is_cancelled()) return {absl::CancelledError("query cancelled"), true};
    if (!status.ok()) return {status, false};
    after_each();
    return {};
  }

  absl::StatusOr<Listing> Describe(const std::vector<std::string>& name, const CancelCheck&) override {
    if (name.empty()) return ListTables("");
    if (name.size() == 2) return DescribeTable(name[0], name[1]);
    absl::StatusOr<Listing> tables = ListTables(name[0]);
    if (tables.ok() || tables.status().code() != absl::StatusCode::kNotFound) return tables;
    // Not a source: a table, looked for in every source.
    return DescribeTable("", name[0]);
  }

  absl::StatusOr<Listing> ListSources(const CancelCheck&) override {
    return absl::UnimplementedError(
        "\\sources is not available over a server connection; \\d lists the tables the server sees");
  }

 private:
  void Authorize(grpc::ClientContext& call) const {
    if (!options_.token.empty()) call.AddMetadata("authorization", absl::StrCat("Bearer ", options_.token));
  }

  // Decodes the stream into `writer`; a broken stream is an error. The
  // call's own status is read afterwards.
  absl::Status ReadStream(grpc::ClientReader<v1::ExecuteQueryResponse>& stream, ResultWriter& writer) {
    v1::ExecuteQueryResponse message;
    std::shared_ptr<const Schema> schema;
    std::unique_ptr<RowBatch> batch;
    while (stream.Read(&message)) {
      switch (message.part_case()) {
        case v1::ExecuteQueryResponse::kSchema: {
          absl::StatusOr<std::shared_ptr<const Schema>> decoded = DecodeSchema(message.schema());
          if (!decoded.ok()) return decoded.status();
          schema = *decoded;
          batch = std::make_unique<RowBatch>(schema);
          writer.Begin(*schema);
          break;
        }
        case v1::ExecuteQueryResponse::kBatch: {
          if (batch == nullptr) return absl::DataLossError("the server sent rows before their schema");
          absl::Status decoded = DecodeBatch(message.batch(), *batch);
          if (!decoded.ok()) return decoded;
          writer.Write(*batch);
          break;
        }
        case v1::ExecuteQueryResponse::kSummary:
          if (schema == nullptr) return absl::DataLossError("the server ended a result that had no schema");
          writer.End(message.summary().row_count());
          break;
        case v1::ExecuteQueryResponse::PART_NOT_SET:
          return absl::DataLossError("the server sent an empty message");
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<Listing> ListTables(const std::string& source) {
    grpc::ClientContext call;
    Authorize(call);
    v1::TableListRequest request;
    request.set_source(source);
    v1::TableList response;
    grpc::Status status = stub_->ListTables(&call, request, &response);
    if (!status.ok()) return server::FromGrpcStatus(status, call.GetServerTrailingMetadata(), "");
    Listing listing;
    listing.fields = {{"source", DataType::Text(), false},
                      {"table", DataType::Text(), false},
                      {"kind", DataType::Text(), false},
                      {"columns", DataType::Int64(), true}};
    bool any_estimate = std::any_of(response.tables().begin(), response.tables().end(),
                                    [](const v1::TableSummary& t) { return t.has_estimated_rows(); });
    if (any_estimate) listing.fields.push_back({"est. rows", DataType::Int64(), true});
    for (const v1::TableSummary& table : response.tables()) {
      std::vector<Value> row = {Value::Text(table.source()), Value::Text(table.name()),
                                Value::Text(table.source_kind()),
                                table.column_count() > 0 ? Value::Int64(table.column_count())
                                                         : Value::Null(DataType::Int64())};
      if (any_estimate) {
        row.push_back(table.has_estimated_rows() ? Value::Int64(table.estimated_rows())
                                                 : Value::Null(DataType::Int64()));
      }
      listing.rows.push_back(std::move(row));
    }
    listing.warnings.assign(response.warnings().begin(), response.warnings().end());
    return listing;
  }

  absl::StatusOr<Listing> DescribeTable(const std::string& source, const std::string& table) {
    grpc::ClientContext call;
    Authorize(call);
    v1::TableDetailsRequest request;
    request.set_source(source);
    request.set_table(table);
    v1::TableDetails response;
    grpc::Status status = stub_->DescribeTable(&call, request, &response);
    if (!status.ok()) return server::FromGrpcStatus(status, call.GetServerTrailingMetadata(), "");
    Listing listing;
    listing.title = absl::StrCat("Table \"", response.source(), ".", response.name(), "\" (",
                                 response.source_kind(), ")");
    listing.fields = {{"column", DataType::Text(), false},
                      {"type", DataType::Text(), false},
                      {"nullable", DataType::Text(), false},
                      {"primary key", DataType::Text(), true},
                      {"source type", DataType::Text(), true}};
    const auto& key = response.primary_key();
    for (const v1::ColumnDescription& column : response.columns()) {
      absl::StatusOr<DataType> type = DecodeType(column.type());
      if (!type.ok()) return type.status();
      std::string key_text;
      auto it = std::find(key.begin(), key.end(), column.name());
      if (it != key.end()) {
        key_text = key.size() == 1 ? "yes" : absl::StrCat(it - key.begin() + 1, " of ", key.size());
      }
      listing.rows.push_back({Value::Text(column.name()), Value::Text(type->ToString()),
                              Value::Text(column.nullable() ? "yes" : "no"), TextOrNull(key_text),
                              TextOrNull(column.source_type())});
    }
    listing.footer.push_back(key.empty() ? "No primary key."
                                         : absl::StrCat("Primary key: (", absl::StrJoin(key, ", "), ")"));
    if (response.has_estimated_rows()) {
      listing.footer.push_back(absl::StrCat("Estimated rows: ", response.estimated_rows()));
    }
    return listing;
  }

  RemoteOptions options_;
  std::unique_ptr<v1::QueryService::Stub> stub_;
};

}  // namespace

std::unique_ptr<QueryRunner> MakeRemoteRunner(const RemoteOptions& options) {
  return std::make_unique<RemoteRunner>(options);
}

}  // namespace tessera::cli
