#include "engine/exec/remote_scan_operator.h"

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "engine/common/status_macros.h"
#include "engine/exec/shared_scans.h"
#include "engine/expr/cast.h"

namespace tessera {

RemoteScanOperator::RemoteScanOperator(Connector* source, ScanRequest request,
                                       std::shared_ptr<const Schema> schema)
    : source_(source), request_(request), requests_{std::move(request)}, schema_(std::move(schema)) {}

std::unique_ptr<RemoteScanOperator> RemoteScanOperator::Deferred(Connector* source,
                                                                 std::shared_ptr<const Schema> schema,
                                                                 ScanRequest unfiltered, KeyedRequests make_requests) {
  auto op = std::make_unique<RemoteScanOperator>(source, std::move(unfiltered), std::move(schema));
  op->requests_.clear();
  op->make_requests_ = std::move(make_requests);
  return op;
}

RemoteScanOperator::~RemoteScanOperator() {
  {
    absl::MutexLock lock(&mu_);
    consumer_gone_ = true;
  }
  // A scan abandoned early (LIMIT reached, an error elsewhere) is stopped at
  // the source, so joining the producer never waits for a slow statement.
  query_link_.reset();
  if (scan_ctx_ != nullptr) scan_ctx_->Cancel();
  if (producer_.joinable()) producer_.join();
  absl::MutexLock lock(&mu_);
  if (ctx_ != nullptr && ctx_->memory != nullptr) ctx_->memory->Release(queued_bytes_);
}

std::string RemoteScanOperator::Describe() const { return absl::StrCat("RemoteScan ", source_->name()); }

std::vector<std::string> RemoteScanOperator::Details() const {
  std::vector<std::string> lines;
  if (make_requests_) {
    std::string state = keys_supplied_ == -1   ? "keys not yet known"
                        : keys_supplied_ == -2 ? "too many keys: read unrestricted"
                                               : absl::StrCat(keys_supplied_, " keys in ", requests_.size(), " sub-queries");
    lines.push_back(absl::StrCat("bind join: the other side's join keys are sent as IN-lists (", state, ")"));
  }
  // A bound scan shows its first sub-query, shortened (the IN-lists are
  // long), but like any scan reports the rows it fetched: EXPLAIN ANALYZE
  // is how a reader sees what the bind join saved.
  // A source without SQL shows the structured request it was sent.
  const char* label = request_.table_scan.has_value() ? "request: " : "sql: ";
  if (make_requests_ && !requests_.empty()) {
    std::string first = ScanRequestText(requests_[0]);
    if (first.size() > 300) first = absl::StrCat(first.substr(0, 300), "...");
    lines.push_back(absl::StrCat(label, first));
  } else {
    lines.push_back(absl::StrCat(label, ScanRequestText(request_)));
    if (!request_.paging_key.empty()) lines.push_back(absl::StrCat("paged by ", request_.paging_key));
  }
  if (estimated_rows_.has_value()) {
    lines.push_back(absl::StrCat("estimated ", static_cast<int64_t>(*estimated_rows_ + 0.5), " rows"));
  }
  absl::MutexLock lock(&mu_);
  if (shared_) {
    lines.push_back(absl::StrFormat("%d rows shared by an identical scan of this query", rows_fetched_));
  } else if (producer_done_ || rows_fetched_ > 0) {
    lines.push_back(absl::StrFormat("fetched %d rows from %s, first batch after %.3f ms", rows_fetched_,
                                    source_->name(), absl::ToDoubleMilliseconds(first_batch_)));
  }
  return lines;
}

int64_t RemoteScanOperator::rows_fetched() const {
  absl::MutexLock lock(&mu_);
  return rows_fetched_;
}

absl::Duration RemoteScanOperator::time_to_first_batch() const {
  absl::MutexLock lock(&mu_);
  return first_batch_;
}

absl::Status RemoteScanOperator::Open(ExecContext& ctx) {
  ctx_ = &ctx;
  opened_ = absl::Now();
  // The scan keeps the query's deadline, which a source may enforce itself
  // (a gRPC call carries it to the service).
  scan_ctx_ = std::make_unique<QueryContext>(ctx.query->deadline());
  query_link_ = ctx.query->OnCancel([this] { scan_ctx_->Cancel(); });
  if (!make_requests_) Start();
  return absl::OkStatus();
}

void RemoteScanOperator::Start() {
  started_ = true;
  producer_ = std::thread([this] { Fetch(); });
}

void RemoteScanOperator::SupplyKeys(const std::optional<std::vector<Value>>& keys) {
  if (started_) return;
  absl::StatusOr<std::vector<ScanRequest>> requests = make_requests_(keys);
  if (!requests.ok()) {
    started_ = true;
    absl::MutexLock lock(&mu_);
    status_ = requests.status();
    producer_done_ = true;
    return;
  }
  requests_ = std::move(*requests);
  keys_supplied_ = keys.has_value() ? static_cast<int64_t>(keys->size()) : -2;
  Start();
}

absl::StatusOr<RowBatch> RemoteScanOperator::Conform(RowBatch batch) {
  const Schema& got = batch.schema();
  if (got.num_fields() != schema_->num_fields()) {
    return absl::DataLossError(absl::StrCat("source \"", source_->name(), "\" returned ", got.num_fields(),
                                            " columns where ", schema_->num_fields(), " were asked for"));
  }
  bool same = true;
  for (int i = 0; i < got.num_fields(); ++i) same = same && got.field(i).type == schema_->field(i).type;
  if (same) {
    RowBatch out(schema_);
    for (int i = 0; i < got.num_fields(); ++i) out.column(i) = std::move(batch.column(i));
    out.SetNumRows(batch.num_rows());
    return out;
  }
  RowBatch out(schema_);
  for (int i = 0; i < got.num_fields(); ++i) {
    if (got.field(i).type == schema_->field(i).type) {
      out.column(i) = std::move(batch.column(i));
      continue;
    }
    absl::StatusOr<ColumnVector> converted = CastColumn(batch.column(i), schema_->field(i).type);
    if (!converted.ok()) {
      return absl::DataLossError(absl::StrCat("source \"", source_->name(), "\": column ", i + 1, " (",
                                              schema_->field(i).name, "): ", converted.status().message()));
    }
    out.column(i) = std::move(*converted);
  }
  out.SetNumRows(batch.num_rows());
  return out;
}

void RemoteScanOperator::Fetch() {
  auto finish = [&](absl::Status status) {
    absl::MutexLock lock(&mu_);
    if (status_.ok()) status_ = status;
    producer_done_ = true;
  };
  for (const ScanRequest& request : requests_) {
    absl::Status status = FetchOne(request);
    if (!status.ok() || consumer_gone()) return finish(status);
  }
  finish(absl::OkStatus());
}

bool RemoteScanOperator::consumer_gone() const {
  absl::MutexLock lock(&mu_);
  return consumer_gone_;
}

std::string RemoteScanOperator::SharedKey(const ScanRequest& request) const {
  std::string key = absl::StrCat(source_->name(), "\x1f", request.sql, "\x1f", request.paging_key);
  for (const Field& f : schema_->fields()) absl::StrAppend(&key, "\x1f", f.type.ToString());
  return key;
}

RowBatch RemoteScanOperator::CopyOf(const RowBatch& batch) const {
  RowBatch copy(schema_);
  for (int c = 0; c < batch.num_columns(); ++c) copy.column(c) = batch.column(c);
  copy.SetNumRows(batch.num_rows());
  return copy;
}

absl::Status RemoteScanOperator::FetchOne(const ScanRequest& request) {
  // Only SQL requests are shared: their text is the whole request.
  SharedScans* shared = request.sql.empty() ? nullptr : &SharedScans::Of(*ctx_->query);
  std::string key;
  bool leading = false;
  if (shared != nullptr) {
    key = SharedKey(request);
    SharedScans::Rows rows = shared->Join(key, &leading);
    if (rows != nullptr) {
      {
        absl::MutexLock lock(&mu_);
        shared_ = true;
      }
      for (const RowBatch& b : *rows) {
        ASSIGN_OR_RETURN(bool read, Enqueue(CopyOf(b)));
        if (!read) break;
      }
      return absl::OkStatus();
    }
  }
  // A leader that stops early lets its waiters fetch for themselves.
  std::vector<RowBatch> kept;
  absl::Cleanup give_up = [&] {
    if (leading) shared->GiveUp(key);
  };
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = source_->Scan(request, *scan_ctx_);
  if (!stream.ok()) return stream.status();
  while (true) {
    RowBatch batch((*stream)->schema());
    absl::StatusOr<bool> more = (*stream)->Next(batch);
    if (!more.ok()) return more.status();
    if (!*more) break;
    absl::StatusOr<RowBatch> conformed = Conform(std::move(batch));
    if (!conformed.ok()) return conformed.status();
    if (leading) {
      if (static_cast<int>(kept.size()) < SharedScans::kMaxBatches) {
        kept.push_back(CopyOf(*conformed));
      } else {
        // Too big to share; given up before the queue can fill (see shared_scans.h).
        shared->GiveUp(key);
        leading = false;
        kept.clear();
      }
    }
    ASSIGN_OR_RETURN(bool read, Enqueue(*std::move(conformed)));
    if (!read) return absl::OkStatus();
  }
  if (leading) {
    shared->Publish(key, std::move(kept));
    leading = false;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> RemoteScanOperator::Enqueue(RowBatch batch) {
  const int64_t bytes = batch.MemoryBytes();
  if (ctx_->memory != nullptr) RETURN_IF_ERROR(ctx_->memory->Reserve(bytes, "rows queued from a source"));
  absl::MutexLock lock(&mu_);
  // Backpressure: wait while the queue is full, unless nobody will read.
  auto room = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
    return consumer_gone_ || static_cast<int>(queue_.size()) < kQueueBatches;
  };
  mu_.Await(absl::Condition(&room));
  if (first_batch_ == absl::InfiniteDuration()) first_batch_ = absl::Now() - opened_;
  rows_fetched_ += batch.num_rows();
  if (consumer_gone_) {
    if (ctx_->memory != nullptr) ctx_->memory->Release(bytes);
    return false;
  }
  queued_bytes_ += bytes;
  queue_.push_back(std::move(batch));
  return true;
}

absl::StatusOr<bool> RemoteScanOperator::Next(RowBatch& out) {
  // A deferred scan whose keys never came runs unrestricted.
  if (!started_) SupplyKeys(std::nullopt);
  absl::Time start = absl::Now();
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !queue_.empty() || producer_done_; };
  mu_.Await(absl::Condition(&ready));
  stats_.time += absl::Now() - start;
  if (!queue_.empty()) {
    RowBatch& front = queue_.front();
    int64_t bytes = front.MemoryBytes();
    queued_bytes_ -= bytes;
    if (ctx_->memory != nullptr) ctx_->memory->Release(bytes);
    out = std::move(front);
    queue_.pop_front();
    stats_.rows_out += out.num_rows();
    ++stats_.batches_out;
    return true;
  }
  if (!status_.ok()) return status_;
  return false;
}

}  // namespace tessera
