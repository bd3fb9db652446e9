#include "engine/exec/query_context.h"

namespace tessera {

void QueryContext::Cancel() {
  absl::MutexLock lock(&mu_);
  if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
  // Callbacks run under the lock so that none can run after its
  // registration has been destroyed (the destructor takes the same lock).
  for (auto& [id, fn] : callbacks_) fn();
}

std::unique_ptr<QueryContext::Registration> QueryContext::OnCancel(std::function<void()> fn) {
  absl::MutexLock lock(&mu_);
  if (is_cancelled()) fn();
  int64_t id = next_id_++;
  callbacks_.emplace(id, std::move(fn));
  return std::make_unique<Registration>(this, id);
}

std::shared_ptr<void> QueryContext::SharedState(const std::function<std::shared_ptr<void>()>& make) {
  absl::MutexLock lock(&shared_mu_);
  if (shared_ == nullptr) shared_ = make();
  return shared_;
}

QueryContext::Registration::~Registration() {
  absl::MutexLock lock(&ctx_->mu_);
  ctx_->callbacks_.erase(id_);
}

}  // namespace tessera
