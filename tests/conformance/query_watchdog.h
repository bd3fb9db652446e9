// File: tests/conformance/query_watchdog.h
//
// Bounds how long one query may run: a thread that cancels the watched
// QueryContext once its time is up, so that a conformance run over
// thousands of queries never hangs on one of them.

#ifndef TESSERA_TESTS_CONFORMANCE_QUERY_WATCHDOG_H_
#define TESSERA_TESTS_CONFORMANCE_QUERY_WATCHDOG_H_

#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "engine/exec/query_context.h"

namespace tessera::slt {

class QueryWatchdog {
 public:
  // Starts the watching thread.
  QueryWatchdog();
  // Stops the thread. REQUIRES: nothing is being watched.
  ~QueryWatchdog();

  QueryWatchdog(const QueryWatchdog&) = delete;
  QueryWatchdog& operator=(const QueryWatchdog&) = delete;

  // Cancels `ctx` `timeout` from now unless Release is called first.
  // REQUIRES: nothing is being watched; `ctx` outlives the matching Release.
  void Watch(QueryContext* ctx, absl::Duration timeout);

  // Stops watching. Once it returns the watchdog no longer touches the
  // context (a cancellation in progress has finished). True when the
  // watchdog cancelled the query.
  bool Release();

 private:
  void Run();

  absl::Mutex mu_;
  absl::CondVar changed_;
  QueryContext* ctx_ ABSL_GUARDED_BY(mu_) = nullptr;
  absl::Time deadline_ ABSL_GUARDED_BY(mu_);
  bool fired_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace tessera::slt

#endif  // TESSERA_TESTS_CONFORMANCE_QUERY_WATCHDOG_H_
