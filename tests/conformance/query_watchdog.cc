#include "tests/conformance/query_watchdog.h"

#include "absl/time/clock.h"

namespace tessera::slt {

QueryWatchdog::QueryWatchdog() : thread_([this] { Run(); }) {}

QueryWatchdog::~QueryWatchdog() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    changed_.Signal();
  }
  thread_.join();
}

void QueryWatchdog::Watch(QueryContext* ctx, absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  ctx_ = ctx;
  deadline_ = absl::Now() + timeout;
  fired_ = false;
  changed_.Signal();
}

bool QueryWatchdog::Release() {
  absl::MutexLock lock(&mu_);
  ctx_ = nullptr;
  return fired_;
}

void QueryWatchdog::Run() {
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    if (ctx_ != nullptr && absl::Now() >= deadline_) {
      // Cancelling under the lock makes Release wait until the callbacks
      // (which stop statements running inside the source) have returned.
      ctx_->Cancel();
      ctx_ = nullptr;
      fired_ = true;
      continue;
    }
    changed_.WaitWithDeadline(&mu_, ctx_ != nullptr ? deadline_ : absl::InfiniteFuture());
  }
}

}  // namespace tessera::slt
