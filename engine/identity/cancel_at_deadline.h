// File: engine/identity/cancel_at_deadline.h
//
// Cancels a query context when its deadline passes, for reads outside a
// Session (which has its own watch): the person-table scans and the index
// reads of `tessera link`. Cancelling reaches the source through the
// connector, so a source that stops answering fails the read instead of
// hanging it.

#ifndef TESSERA_ENGINE_IDENTITY_CANCEL_AT_DEADLINE_H_
#define TESSERA_ENGINE_IDENTITY_CANCEL_AT_DEADLINE_H_

#include <thread>

#include "absl/synchronization/notification.h"
#include "engine/exec/query_context.h"

namespace tessera::identity {

class CancelAtDeadline {
 public:
  // `ctx` must outlive this.
  explicit CancelAtDeadline(QueryContext& ctx) {
    if (ctx.deadline() == absl::InfiniteFuture()) return;
    thread_ = std::thread([this, &ctx] {
      if (!done_.WaitForNotificationWithDeadline(ctx.deadline())) ctx.Cancel();
    });
  }
  ~CancelAtDeadline() {
    done_.Notify();
    if (thread_.joinable()) thread_.join();
  }
  CancelAtDeadline(const CancelAtDeadline&) = delete;
  CancelAtDeadline& operator=(const CancelAtDeadline&) = delete;

 private:
  absl::Notification done_;
  std::thread thread_;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_CANCEL_AT_DEADLINE_H_
