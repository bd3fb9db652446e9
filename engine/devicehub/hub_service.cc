// File: engine/devicehub/hub_service.cc
//
// Capabilities, tables and scans of the sample device hub.

#include "engine/devicehub/hub_service.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "connectors/grpc/filter_codec.h"
#include "engine/devicehub/indexed_rows.h"
#include "engine/exec/filter_operator.h"
#include "engine/exec/limit_operator.h"
#include "engine/exec/project_operator.h"
#include "engine/exec/query_context.h"
#include "engine/exec/sort_operator.h"
#include "engine/exec/values_operator.h"
#include "engine/wire/batch_codec.h"

namespace tessera::devicehub {
namespace {

// Everything the contract names: the engine's evaluator computes it all.
FilterSupport HubFilterSupport() {
  FilterSupport s;
  s.comparison = s.and_ = s.or_ = s.not_ = s.is_null = s.in_list = s.like = true;
  return s;
}

::grpc::Status Invalid(const std::string& message) {
  return ::grpc::Status(::grpc::StatusCode::INVALID_ARGUMENT, message);
}

::grpc::Status ToGrpc(const absl::Status& s) {
  return ::grpc::Status(static_cast<::grpc::StatusCode>(s.code()), std::string(s.message()));
}

int ColumnIndex(const Schema& schema, const std::string& name) {
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (schema.field(i).name == name) return i;
  }
  return -1;
}

// Counts a scan as active while it lives.
class ActiveScan {
 public:
  explicit ActiveScan(std::atomic<int64_t>& n) : n_(n) { n_.fetch_add(1); }
  ~ActiveScan() { n_.fetch_sub(1); }

 private:
  std::atomic<int64_t>& n_;
};

}  // namespace

DeviceHubService::DeviceHubService(std::vector<HubTable> tables, absl::Duration batch_pause)
    : tables_(std::move(tables)), batch_pause_(batch_pause) {}

HubStats DeviceHubService::stats() const {
  return {active_scans_.load(), scans_started_.load(), scans_cancelled_.load()};
}

const HubTable* DeviceHubService::Find(const std::string& name) const {
  for (const HubTable& t : tables_) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

::grpc::Status DeviceHubService::GetCapabilities(::grpc::ServerContext*, const v1::GetCapabilitiesRequest*,
                                                 v1::SourceCapabilities* reply) {
  grpc_source::KindsFromSupport(HubFilterSupport(), reply);
  reply->set_limit(true);
  reply->set_order_by(true);
  return ::grpc::Status::OK;
}

::grpc::Status DeviceHubService::ListTables(::grpc::ServerContext*, const v1::ListTablesRequest*,
                                            v1::ListTablesResponse* reply) {
  for (const HubTable& t : tables_) reply->add_tables(t.name);
  return ::grpc::Status::OK;
}

::grpc::Status DeviceHubService::DescribeTable(::grpc::ServerContext*, const v1::DescribeTableRequest* request,
                                               v1::TableDescription* reply) {
  const HubTable* table = Find(request->table());
  if (table == nullptr) {
    return ::grpc::Status(::grpc::StatusCode::NOT_FOUND, absl::StrCat("no table \"", request->table(), "\""));
  }
  reply->set_name(table->name);
  EncodeSchema(*table->schema, reply->mutable_schema());
  for (const std::string& k : table->primary_key) reply->add_primary_key(k);
  reply->set_estimated_rows(table->rows);
  return ::grpc::Status::OK;
}

::grpc::Status DeviceHubService::Scan(::grpc::ServerContext* context, const v1::ScanRequest* request,
                                      ::grpc::ServerWriter<v1::ScanResponse>* writer) {
  ActiveScan active(active_scans_);
  scans_started_.fetch_add(1);
  const HubTable* table = Find(request->table());
  if (table == nullptr) return Invalid(absl::StrCat("no table \"", request->table(), "\""));
  const Schema& schema = *table->schema;
  if (request->columns_size() == 0) return Invalid("a scan must ask for at least one column");

  // The plan, bottom up: the table, the filter, the order and limit, the
  // projection. Sort keys and the filter may use columns not returned.
  std::unique_ptr<Operator> op = std::make_unique<ValuesOperator>(table->schema, table->batches);
  if (request->has_filter()) {
    absl::StatusOr<std::unique_ptr<Expr>> filter =
        grpc_source::DecodeFilter(request->filter(), schema, HubFilterSupport());
    if (!filter.ok()) return Invalid(std::string(filter.status().message()));
    if (std::optional<std::vector<RowBatch>> rows = IndexedRows(*table, **filter)) {
      op = std::make_unique<ValuesOperator>(table->schema, std::move(*rows));
    }
    op = std::make_unique<FilterOperator>(std::move(op), std::move(*filter));
  }
  std::optional<int64_t> limit;
  if (request->has_limit()) {
    if (request->limit() < 0) return Invalid("limit must not be negative");
    limit = request->limit();
  }
  if (request->order_by_size() > 0) {
    std::vector<ColumnSortKey> keys;
    for (const v1::SortKey& k : request->order_by()) {
      int c = ColumnIndex(schema, k.column());
      if (c < 0) return Invalid(absl::StrCat("order by unknown column \"", k.column(), "\""));
      keys.push_back({c, k.descending(), k.nulls_first()});
    }
    op = std::make_unique<SortOperator>(std::move(op), std::move(keys), limit);
  } else if (limit.has_value()) {
    op = std::make_unique<LimitOperator>(std::move(op), limit);
  }
  std::vector<std::unique_ptr<Expr>> exprs;
  std::vector<std::string> names;
  for (const std::string& name : request->columns()) {
    int c = ColumnIndex(schema, name);
    if (c < 0) return Invalid(absl::StrCat("no column \"", name, "\" in table \"", table->name, "\""));
    exprs.push_back(Expr::Column(c, schema.field(c).type));
    names.push_back(name);
  }
  op = std::make_unique<ProjectOperator>(std::move(op), std::move(exprs), std::move(names));

  QueryContext query;  // Cancellation is checked on the call itself, batch by batch.
  ExecContext exec{&query, nullptr};
  absl::Status opened = op->Open(exec);
  if (!opened.ok()) return ToGrpc(opened);
  v1::ScanResponse response;
  EncodeSchema(*op->schema(), response.mutable_schema());
  if (!writer->Write(response)) {
    scans_cancelled_.fetch_add(1);
    return ::grpc::Status::CANCELLED;
  }
  while (true) {
    if (context->IsCancelled()) {
      scans_cancelled_.fetch_add(1);
      return ::grpc::Status::CANCELLED;
    }
    RowBatch batch(op->schema());
    absl::StatusOr<bool> more = op->Next(batch);
    if (!more.ok()) return ToGrpc(more.status());
    if (!*more) return ::grpc::Status::OK;
    if (batch_pause_ > absl::ZeroDuration()) {
      // Waits in short steps so that a cancelled call is noticed at once.
      absl::Time until = absl::Now() + batch_pause_;
      while (absl::Now() < until && !context->IsCancelled()) absl::SleepFor(absl::Milliseconds(5));
      if (context->IsCancelled()) continue;
    }
    response.Clear();
    EncodeBatch(batch, response.mutable_batch());
    // Write blocks while the reader is behind and fails once it is gone.
    if (!writer->Write(response)) {
      scans_cancelled_.fetch_add(1);
      return ::grpc::Status::CANCELLED;
    }
  }
}

}  // namespace tessera::devicehub
