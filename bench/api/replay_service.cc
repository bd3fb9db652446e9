#include "bench/api/replay_service.h"

#include <chrono>

#include "absl/strings/str_cat.h"

namespace tessera::bench {
namespace {

using RawService = v1::QueryService::WithRawCallbackMethod_ExecuteQuery<v1::QueryService::Service>;

// Writes the recorded messages in order, then OK. The bytes are shared
// slices, so a write copies nothing.
class Replay : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit Replay(const std::vector<grpc::Slice>* slices) : slices_(slices) { Next(); }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"));
      return;
    }
    Next();
  }
  void OnDone() override { delete this; }

 private:
  void Next() {
    if (next_ == slices_->size()) {
      Finish(grpc::Status::OK);
      return;
    }
    grpc::Slice slice = (*slices_)[next_++];
    buffer_ = grpc::ByteBuffer(&slice, 1);
    StartWrite(&buffer_);
  }

  const std::vector<grpc::Slice>* slices_;
  size_t next_ = 0;
  grpc::ByteBuffer buffer_;
};

}  // namespace

class ReplayServer::Service : public RawService {
 public:
  explicit Service(const std::vector<grpc::Slice>* slices) : slices_(slices) {}
  grpc::ServerWriteReactor<grpc::ByteBuffer>* ExecuteQuery(grpc::CallbackServerContext*,
                                                           const grpc::ByteBuffer*) override {
    return new Replay(slices_);
  }

 private:
  const std::vector<grpc::Slice>* slices_;
};

absl::StatusOr<std::unique_ptr<ReplayServer>> ReplayServer::Start(std::vector<std::string> messages) {
  std::unique_ptr<ReplayServer> server(new ReplayServer());
  for (std::string& m : messages) server->slices_.emplace_back(m);
  server->service_ = std::make_unique<Service>(&server->slices_);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(server->service_.get());
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || port == 0) {
    return absl::UnavailableError("the replay server cannot listen on 127.0.0.1");
  }
  server->address_ = absl::StrCat("127.0.0.1:", port);
  return server;
}

ReplayServer::~ReplayServer() {
  if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
}

}  // namespace tessera::bench
