// File: engine/server/query_stream.h
//
// One ExecuteQuery call: the query runs on an engine thread and hands its
// encoded batches to the gRPC reactor through a small bounded queue. The
// reactor keeps one write in flight and starts the next when it completes,
// so a client that reads slowly (or not at all) makes the query wait at the
// queue instead of the server buffering its result. A client that cancels,
// runs out of time or goes away cancels the QueryContext, which stops the
// sub-queries inside the sources.

#ifndef TESSERA_ENGINE_SERVER_QUERY_STREAM_H_
#define TESSERA_ENGINE_SERVER_QUERY_STREAM_H_

#include <deque>
#include <string>

#include "absl/synchronization/mutex.h"
#include "engine/exec/query_context.h"
#include "engine/server/service_state.h"
#include "grpcpp/grpcpp.h"
#include "proto/query_service.pb.h"

namespace tessera::server {

class QueryStream : public grpc::ServerWriteReactor<v1::ExecuteQueryResponse> {
 public:
  // Starts running `sql` as `principal`. The caller has counted the query
  // in state->running_queries; the stream uncounts it when the query has
  // finished. The stream deletes itself when the call, the query and any
  // cancellation are over.
  static QueryStream* Start(ServiceState* state, grpc::CallbackServerContext* context, std::string sql,
                    std::string principal);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // Messages queued ahead of the one being written.
  static constexpr size_t kQueueMessages = 4;

  class Writer;

  QueryStream(ServiceState* state, grpc::CallbackServerContext* context, std::string sql, std::string principal);

  // The engine thread's body.
  void Run();
  // Runs the query; its outcome.
  absl::Status Execute();
  // Engine thread: queues `message`, waiting for room; false once the call
  // is over (the query should stop).
  bool Push(v1::ExecuteQueryResponse message);
  // Engine thread: no more messages; the call ends with `status`.
  void Close(grpc::Status status);
  // Starts the next write, or finishes the call when all is written.
  // Called without mu_ held.
  void Pump();
  // Cancels the query from an engine thread.
  void CancelQuery();
  // Drops one reference (the call's, the engine's, a cancellation's) (the call's, the engine's).
  void Unref();

  ServiceState* const state_;
  grpc::CallbackServerContext* const context_;
  const std::string sql_;
  QueryContext query_;

  absl::Mutex mu_;
  struct Queued {
    v1::ExecuteQueryResponse message;
    int64_t bytes = 0;
  };
  std::deque<Queued> queue_ ABSL_GUARDED_BY(mu_);
  v1::ExecuteQueryResponse writing_ ABSL_GUARDED_BY(mu_);
  bool write_in_flight_ ABSL_GUARDED_BY(mu_) = false;
  int64_t writing_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;     // The engine sent everything.
  bool finished_ ABSL_GUARDED_BY(mu_) = false;   // Finish was called.
  bool call_over_ ABSL_GUARDED_BY(mu_) = false;  // Cancelled or a write failed.
  grpc::Status final_status_ ABSL_GUARDED_BY(mu_);
  int refs_ ABSL_GUARDED_BY(mu_) = 2;
};

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_QUERY_STREAM_H_
