// File: engine/cli/interrupt.h
//
// Turns Ctrl-C into cancelling the running query (at its sources too), so
// that an interrupted query stops cleanly instead of killing the process
// with sub-queries still running. The console keeps one watcher for its
// whole life and points it at each query in turn; `tessera query` watches
// its one query.

#ifndef TESSERA_ENGINE_CLI_INTERRUPT_H_
#define TESSERA_ENGINE_CLI_INTERRUPT_H_

#include <memory>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "engine/exec/query_context.h"

namespace tessera::cli {

// While alive, handles SIGINT for the process. A signal handler can do
// almost nothing safely, so it only writes a byte to a pipe; a thread of
// this class reads it and cancels the query being watched, if any. At most
// one watcher may exist at a time.
class InterruptWatcher {
 public:
  // What an interrupt does when no query is being watched.
  enum class WhenIdle {
    kRemember,  // Keep it for TakeInterrupt (the interactive console).
    kTerminate,  // End the process as SIGINT normally does (scripts).
  };

  explicit InterruptWatcher(WhenIdle when_idle);
  ~InterruptWatcher();
  InterruptWatcher(const InterruptWatcher&) = delete;
  InterruptWatcher& operator=(const InterruptWatcher&) = delete;

  // Points interrupts at one query while alive. A third interrupt for the
  // same query, when cancelling it has not stopped it, ends the process.
  class Scope {
   public:
    Scope(InterruptWatcher* watcher, QueryContext* ctx);
    // Once this returns, the watcher is not cancelling `ctx` and never will.
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    InterruptWatcher* watcher_;
  };
  [[nodiscard]] std::unique_ptr<Scope> Watch(QueryContext& ctx) { return std::make_unique<Scope>(this, &ctx); }

  // True if an interrupt arrived since the last call (during a watched query
  // or not); clears it.
  bool TakeInterrupt();

 private:
  void Run();

  const WhenIdle when_idle_;
  absl::Mutex mu_;
  QueryContext* ctx_ ABSL_GUARDED_BY(mu_) = nullptr;
  int interrupts_this_query_ ABSL_GUARDED_BY(mu_) = 0;
  bool interrupted_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

// While alive, SIGINT cancels `ctx` instead of ending the process; before
// and after, SIGINT ends the process as usual. For one-query commands.
class CancelOnInterrupt {
 public:
  explicit CancelOnInterrupt(QueryContext& ctx);

  // True once an interrupt arrived.
  bool interrupted();

 private:
  InterruptWatcher watcher_{InterruptWatcher::WhenIdle::kTerminate};
  std::unique_ptr<InterruptWatcher::Scope> scope_;
  bool interrupted_ = false;
};

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_INTERRUPT_H_
