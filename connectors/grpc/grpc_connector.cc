// File: connectors/grpc/grpc_connector.cc
//
// Metadata calls, capabilities and scans of a gRPC source.

#include "connectors/grpc/grpc_connector.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "connectors/grpc/filter_codec.h"
#include "connectors/grpc/grpc_scan.h"
#include "connectors/grpc/grpc_status.h"
#include "engine/common/status_macros.h"
#include "engine/wire/batch_codec.h"
#include "grpcpp/grpcpp.h"

namespace tessera::grpc_source {
namespace {

// Batches are about a thousand rows; long text columns can make one larger
// than gRPC's default 4 MB.
constexpr int kMaxMessageBytes = 64 << 20;

void SetTimeout(::grpc::ClientContext& context, absl::Duration timeout) {
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read TLS certificate authority file ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

GrpcConnector::GrpcConnector(GrpcSourceOptions options) : options_(std::move(options)) {
  // The contract makes every source return the columns asked for.
  unknown_capabilities_.projection = true;
}

std::string GrpcConnector::description() const {
  return options_.tls_ca_file.empty() ? "gRPC source" : "gRPC source (TLS)";
}

std::string GrpcConnector::Label() const {
  return absl::StrCat("source \"", options_.name, "\" at ", options_.address);
}

const Capabilities& GrpcConnector::capabilities() const {
  return ready_.load(std::memory_order_acquire) ? capabilities_ : unknown_capabilities_;
}

absl::StatusOr<v1::SourceService::Stub*> GrpcConnector::Stub() {
  absl::MutexLock lock(&mu_);
  if (stub_ == nullptr) {
    std::shared_ptr<::grpc::ChannelCredentials> credentials;
    if (options_.tls_ca_file.empty()) {
      credentials = ::grpc::InsecureChannelCredentials();
    } else {
      ASSIGN_OR_RETURN(std::string ca, ReadFile(options_.tls_ca_file));
      ::grpc::SslCredentialsOptions ssl;
      ssl.pem_root_certs = std::move(ca);
      credentials = ::grpc::SslCredentials(ssl);
    }
    ::grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(kMaxMessageBytes);
    // A service that comes back is found again within seconds.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    channel_ = ::grpc::CreateCustomChannel(options_.address, credentials, args);
    stub_ = v1::SourceService::NewStub(channel_);
  }
  return stub_.get();
}

absl::Status GrpcConnector::EnsureCapabilities() {
  if (ready_.load(std::memory_order_acquire)) return absl::OkStatus();
  ASSIGN_OR_RETURN(v1::SourceService::Stub * stub, Stub());
  ::grpc::ClientContext context;
  SetTimeout(context, options_.call_timeout);
  v1::SourceCapabilities reply;
  RETURN_IF_ERROR(FromGrpc(stub->GetCapabilities(&context, v1::GetCapabilitiesRequest(), &reply), Label(),
                           "capabilities"));
  absl::MutexLock lock(&mu_);
  if (ready_.load(std::memory_order_acquire)) return absl::OkStatus();
  capabilities_ = unknown_capabilities_;
  capabilities_.filter_support = SupportFromKinds(reply);
  capabilities_.filter = reply.filter_kinds_size() > 0;
  capabilities_.limit = reply.limit();
  capabilities_.order_by = reply.order_by();
  ready_.store(true, std::memory_order_release);
  return absl::OkStatus();
}

const TableInfo* GrpcConnector::Declared(absl::string_view table) const {
  for (const TableInfo& t : options_.declared_tables) {
    if (t.name == table) return &t;
  }
  return nullptr;
}

absl::StatusOr<std::vector<std::string>> GrpcConnector::ListTables() {
  absl::StatusOr<std::vector<std::string>> tables = AskTables();
  if (!tables.ok() && absl::IsUnavailable(tables.status()) && !options_.declared_tables.empty()) {
    std::vector<std::string> names;
    for (const TableInfo& t : options_.declared_tables) names.push_back(t.name);
    return names;
  }
  return tables;
}

absl::StatusOr<TableInfo> GrpcConnector::DescribeTable(absl::string_view table) {
  absl::StatusOr<TableInfo> info = AskDescription(table);
  // A source that is down is planned from its declared tables; its scans
  // will still fail, but a query that reads none of its rows runs.
  if (!info.ok() && absl::IsUnavailable(info.status())) {
    if (const TableInfo* declared = Declared(table); declared != nullptr) return *declared;
  }
  return info;
}

absl::StatusOr<std::vector<std::string>> GrpcConnector::AskTables() {
  RETURN_IF_ERROR(EnsureCapabilities());
  ASSIGN_OR_RETURN(v1::SourceService::Stub * stub, Stub());
  ::grpc::ClientContext context;
  SetTimeout(context, options_.call_timeout);
  v1::ListTablesResponse reply;
  RETURN_IF_ERROR(FromGrpc(stub->ListTables(&context, v1::ListTablesRequest(), &reply), Label(), "list tables"));
  return std::vector<std::string>(reply.tables().begin(), reply.tables().end());
}

absl::StatusOr<TableInfo> GrpcConnector::AskDescription(absl::string_view table) {
  RETURN_IF_ERROR(EnsureCapabilities());
  ASSIGN_OR_RETURN(v1::SourceService::Stub * stub, Stub());
  ::grpc::ClientContext context;
  SetTimeout(context, options_.call_timeout);
  v1::DescribeTableRequest request;
  request.set_table(std::string(table));
  v1::TableDescription reply;
  ::grpc::Status status = stub->DescribeTable(&context, request, &reply);
  if (status.error_code() == ::grpc::StatusCode::NOT_FOUND) {
    return absl::NotFoundError(absl::StrCat("source \"", options_.name, "\" has no table \"", table, "\""));
  }
  RETURN_IF_ERROR(FromGrpc(status, Label(), "describe table"));
  absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(reply.schema());
  if (!schema.ok()) {
    return absl::DataLossError(
        absl::StrCat(Label(), " described table \"", table, "\" badly: ", schema.status().message()));
  }
  TableInfo info;
  info.name = reply.name().empty() ? std::string(table) : reply.name();
  for (int i = 0; i < (*schema)->num_fields(); ++i) {
    const Field& f = (*schema)->field(i);
    info.columns.push_back({f.name, f.type, f.nullable, f.type.ToString()});
  }
  info.primary_key.assign(reply.primary_key().begin(), reply.primary_key().end());
  if (reply.has_estimated_rows()) info.estimated_rows = reply.estimated_rows();
  return info;
}

absl::StatusOr<std::unique_ptr<RowBatchStream>> GrpcConnector::Scan(const ScanRequest& request, QueryContext& ctx) {
  if (!request.table_scan.has_value()) {
    return absl::InvalidArgumentError(
        absl::StrCat("source \"", options_.name, "\" is a gRPC service and takes no SQL; query it through the engine"));
  }
  // A source planned from its declared tables while it was down learns its
  // capabilities here once it answers, for the queries planned after.
  if (!ready_.load(std::memory_order_acquire)) EnsureCapabilities().IgnoreError();
  const TableScan& scan = *request.table_scan;
  v1::ScanRequest wire;
  wire.set_table(scan.table);
  for (const std::string& c : scan.columns) wire.add_columns(c);
  if (scan.filter != nullptr) {
    ASSIGN_OR_RETURN(*wire.mutable_filter(), EncodeFilter(*scan.filter, scan.table_columns));
  }
  for (const TableScanOrder& k : scan.order_by) {
    v1::SortKey* key = wire.add_order_by();
    key->set_column(k.column);
    key->set_descending(k.descending);
    key->set_nulls_first(k.nulls_first);
  }
  if (scan.limit.has_value()) wire.set_limit(*scan.limit);
  ASSIGN_OR_RETURN(v1::SourceService::Stub * stub, Stub());
  ASSIGN_OR_RETURN(std::unique_ptr<GrpcScanStream> stream, GrpcScanStream::Start(stub, wire, Label(), ctx));
  return std::unique_ptr<RowBatchStream>(std::move(stream));
}

absl::Status GrpcConnector::CheckHealth() {
  ASSIGN_OR_RETURN(v1::SourceService::Stub * stub, Stub());
  ::grpc::ClientContext context;
  SetTimeout(context, std::min(options_.call_timeout, absl::Seconds(3)));
  v1::SourceCapabilities reply;
  return FromGrpc(stub->GetCapabilities(&context, v1::GetCapabilitiesRequest(), &reply), Label(), "health check");
}

}  // namespace tessera::grpc_source
