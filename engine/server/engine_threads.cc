#include "engine/server/engine_threads.h"

#include <thread>

namespace tessera::server {

void EngineThreads::Run(std::function<void()> work) {
  {
    absl::MutexLock lock(&mu_);
    ++active_;
  }
  std::thread([this, work = std::move(work)] {
    work();
    absl::MutexLock lock(&mu_);
    --active_;
  }).detach();
}

int EngineThreads::active() const {
  absl::MutexLock lock(&mu_);
  return active_;
}

bool EngineThreads::WaitIdle(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return active_ == 0; };
  return mu_.AwaitWithTimeout(absl::Condition(&idle), timeout);
}

}  // namespace tessera::server
