#include "engine/server/query_stream.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/format/result_writer.h"
#include "engine/server/call_deadline.h"
#include "engine/server/status_mapping.h"
#include "engine/wire/batch_codec.h"

namespace tessera::server {
// Encodes the query's output into messages for the stream.
class QueryStream::Writer : public ResultWriter {
 public:
  explicit Writer(QueryStream* stream) : stream_(stream) {}

  void Begin(const Schema& schema) override {
    v1::ExecuteQueryResponse message;
    EncodeSchema(schema, message.mutable_schema());
    Send(std::move(message));
  }
  void Write(const RowBatch& batch) override {
    if (batch.num_rows() == 0) return;
    v1::ExecuteQueryResponse message;
    EncodeBatch(batch, message.mutable_batch());
    Send(std::move(message));
  }
  void End(int64_t) override {}

 private:
  // A call that is over cancels the query, which stops at its next batch.
  void Send(v1::ExecuteQueryResponse message) {
    if (!stream_->Push(std::move(message))) stream_->query_.Cancel();
  }

  QueryStream* stream_;
};

QueryStream* QueryStream::Start(ServiceState* state, grpc::CallbackServerContext* context, std::string sql,
                        std::string principal) {
  auto* stream = new QueryStream(state, context, std::move(sql), std::move(principal));
  state->threads->Run([stream] { stream->Run(); });
  return stream;
}

QueryStream::QueryStream(ServiceState* state, grpc::CallbackServerContext* context, std::string sql,
                         std::string principal)
    : state_(state), context_(context), sql_(std::move(sql)), query_(CallDeadline(*context)) {
  query_.set_principal(std::move(principal));
}

void QueryStream::Run() {
  absl::Status status = Execute();
  // Every operator (and its source scans) is gone by now.
  state_->running_queries.fetch_sub(1);
  Close(ToGrpcStatus(status, sql_, context_));
  Unref();
}

absl::Status QueryStream::Execute() {
  absl::StatusOr<std::vector<ast::Statement>> statements = state_->session->Parse(sql_);
  if (!statements.ok()) return statements.status();
  if (statements->size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("ExecuteQuery runs exactly one statement; the text holds ", statements->size()));
  }
  Writer writer(this);
  absl::StatusOr<StatementResult> result = state_->session->Execute((*statements)[0], sql_, query_, writer);
  if (!result.ok()) {
    if (query_.is_cancelled() && absl::Now() < query_.deadline()) {
      // Whatever the sources said on the way out, the client stopped it.
      return absl::CancelledError("the query was cancelled");
    }
    return result.status();
  }
  if (query_.is_cancelled()) return absl::CancelledError("the query was cancelled");
  v1::ExecuteQueryResponse message;
  v1::QuerySummary* summary = message.mutable_summary();
  summary->set_row_count(result->rows);
  summary->set_elapsed_ms(absl::ToDoubleMilliseconds(result->elapsed));
  summary->set_peak_memory_bytes(result->peak_memory_bytes);
  for (const SourceScanStats& scan : result->scans) {
    v1::SourceTiming* timing = summary->add_sources();
    timing->set_source(scan.source);
    timing->set_rows_fetched(scan.rows_fetched);
    timing->set_first_batch_ms(absl::ToDoubleMilliseconds(scan.first_batch));
    timing->set_scan_ms(absl::ToDoubleMilliseconds(scan.scan_time));
  }
  if (!Push(std::move(message))) return absl::CancelledError("the client went away");
  return absl::OkStatus();
}

bool QueryStream::Push(v1::ExecuteQueryResponse message) {
  int64_t bytes = static_cast<int64_t>(message.ByteSizeLong());
  {
    absl::MutexLock lock(&mu_);
    auto room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return call_over_ || queue_.size() < kQueueMessages;
    };
    mu_.Await(absl::Condition(&room));
    if (call_over_) return false;
    queue_.push_back({std::move(message), bytes});
    state_->AddBuffered(bytes);
    state_->produced_bytes.fetch_add(bytes);
  }
  Pump();
  return true;
}

void QueryStream::Close(grpc::Status status) {
  {
    absl::MutexLock lock(&mu_);
    closed_ = true;
    final_status_ = std::move(status);
  }
  Pump();
}

void QueryStream::Pump() {
  bool write = false;
  bool finish = false;
  grpc::Status status;
  {
    absl::MutexLock lock(&mu_);
    if (write_in_flight_ || finished_) return;
    if (call_over_) {
      for (const Queued& q : queue_) state_->AddBuffered(-q.bytes);
      queue_.clear();
    }
    if (!queue_.empty()) {
      writing_ = std::move(queue_.front().message);
      writing_bytes_ = queue_.front().bytes;
      queue_.pop_front();
      write_in_flight_ = true;
      write = true;
    } else if (closed_) {
      finished_ = true;
      finish = true;
      status = call_over_ ? grpc::Status(grpc::StatusCode::CANCELLED, "the call was cancelled") : final_status_;
    }
  }
  // Only one write is ever in flight, so writing_ is not touched until
  // OnWriteDone.
  if (write) StartWrite(&writing_);
  if (finish) Finish(status);
}

void QueryStream::OnWriteDone(bool ok) {
  {
    absl::MutexLock lock(&mu_);
    write_in_flight_ = false;
    state_->AddBuffered(-writing_bytes_);
    writing_bytes_ = 0;
    if (!ok) call_over_ = true;
  }
  // A failed write means the client is gone.
  if (!ok) CancelQuery();
  Pump();
}

void QueryStream::OnCancel() {
  {
    absl::MutexLock lock(&mu_);
    call_over_ = true;
  }
  CancelQuery();
  Pump();
}

void QueryStream::CancelQuery() {
  {
    absl::MutexLock lock(&mu_);
    ++refs_;
  }
  // Cancelling reaches into the sources (SQLCancel), which a reaction must
  // not wait for.
  state_->threads->Run([this] {
    query_.Cancel();
    Unref();
  });
}

void QueryStream::OnDone() { Unref(); }

void QueryStream::Unref() {
  bool last = false;
  {
    absl::MutexLock lock(&mu_);
    last = --refs_ == 0;
  }
  if (last) delete this;
}

}  // namespace tessera::server
