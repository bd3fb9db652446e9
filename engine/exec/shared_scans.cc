// File: engine/exec/shared_scans.cc

#include "engine/exec/shared_scans.h"

#include <utility>

namespace tessera {

SharedScans& SharedScans::Of(QueryContext& query) {
  std::shared_ptr<void> state = query.SharedState([] { return std::make_shared<SharedScans>(); });
  return *static_cast<SharedScans*>(state.get());  // The context keeps it alive.
}

SharedScans::Rows SharedScans::Join(const std::string& key, bool* lead) {
  absl::MutexLock lock(&mu_);
  auto [it, added] = entries_.try_emplace(key);
  *lead = added;
  if (added) return nullptr;
  Entry& entry = it->second;  // Map nodes stay put while others are added.
  auto settled = [&entry]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return entry.state != State::kReading; };
  mu_.Await(absl::Condition(&settled));
  return entry.state == State::kDone ? entry.rows : nullptr;
}

void SharedScans::Publish(const std::string& key, std::vector<RowBatch> batches) {
  absl::MutexLock lock(&mu_);
  Entry& entry = entries_[key];
  entry.rows = std::make_shared<const std::vector<RowBatch>>(std::move(batches));
  entry.state = State::kDone;
}

void SharedScans::GiveUp(const std::string& key) {
  absl::MutexLock lock(&mu_);
  entries_[key].state = State::kGivenUp;
}

}  // namespace tessera
