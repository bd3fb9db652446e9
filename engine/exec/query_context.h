// File: engine/exec/query_context.h
//
// What travels with one query through every operator and connector: its
// deadline and its cancellation. Cancelling the context (a client that hung
// up, Ctrl-C, a deadline) runs every registered callback, which is how a
// sub-query already running inside a source is told to stop.

#ifndef TESSERA_ENGINE_EXEC_QUERY_CONTEXT_H_
#define TESSERA_ENGINE_EXEC_QUERY_CONTEXT_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace tessera {

class QueryContext {
 public:
  explicit QueryContext(absl::Time deadline = absl::InfiniteFuture()) : deadline_(deadline) {}
  QueryContext(const QueryContext&) = delete;
  QueryContext& operator=(const QueryContext&) = delete;

  absl::Time deadline() const { return deadline_; }

  // Who runs the query ("" in-process; the authenticated caller when it came
  // through the server). Set before the query starts.
  const std::string& principal() const { return principal_; }
  void set_principal(std::string principal) { principal_ = std::move(principal); }

  // Cancels the query: every registered callback runs once, on this thread,
  // under the context's lock, so a callback must not call OnCancel or destroy
  // a Registration of the same context. Later calls do nothing.
  void Cancel();
  bool is_cancelled() const { return cancelled_.load(std::memory_order_acquire); }

  // Keeps a cancellation callback registered while it lives.
  class Registration {
   public:
    Registration(QueryContext* ctx, int64_t id) : ctx_(ctx), id_(id) {}
    ~Registration();
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    QueryContext* ctx_;
    int64_t id_;
  };

  // Runs `fn` when the query is cancelled, or at once if it already is. The
  // callback is never running once the returned registration is destroyed,
  // so it may refer to objects that the registration outlives.
  [[nodiscard]] std::unique_ptr<Registration> OnCancel(std::function<void()> fn);

  // State the query's operators share across all its plans (the six
  // sections of GetPatientRecord run under one context): made by `make` on
  // first use, kept until the context ends (see SharedScans).
  std::shared_ptr<void> SharedState(const std::function<std::shared_ptr<void>()>& make);

 private:
  const absl::Time deadline_;
  std::string principal_;
  std::atomic<bool> cancelled_{false};
  absl::Mutex mu_;
  int64_t next_id_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<int64_t, std::function<void()>> callbacks_ ABSL_GUARDED_BY(mu_);
  absl::Mutex shared_mu_;
  std::shared_ptr<void> shared_ ABSL_GUARDED_BY(shared_mu_);
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_EXEC_QUERY_CONTEXT_H_
