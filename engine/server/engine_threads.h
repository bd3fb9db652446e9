// File: engine/server/engine_threads.h
//
// Where the server's slow work runs. gRPC's callback threads must never
// block, and planning or running a query waits on sources, so each call's
// work runs on a thread of its own, started here. The server counts them so
// that shutdown can wait until none touches the sources any more.

#ifndef TESSERA_ENGINE_SERVER_ENGINE_THREADS_H_
#define TESSERA_ENGINE_SERVER_ENGINE_THREADS_H_

#include <functional>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tessera::server {

class EngineThreads {
 public:
  EngineThreads() = default;
  EngineThreads(const EngineThreads&) = delete;
  EngineThreads& operator=(const EngineThreads&) = delete;

  // Runs `work` on a new thread of its own.
  void Run(std::function<void()> work);

  // Threads still running.
  int active() const;

  // Waits until no thread runs, or `timeout`; true when none runs.
  bool WaitIdle(absl::Duration timeout);

 private:
  mutable absl::Mutex mu_;
  int active_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_ENGINE_THREADS_H_
