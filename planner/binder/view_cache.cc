// File: planner/binder/view_cache.cc

#include "planner/binder/view_cache.h"

namespace tessera {

std::unique_ptr<LogicalNode> BoundViewCache::Find(const std::string& name, const std::string& sql,
                                                  int64_t generation) const {
  std::shared_ptr<const LogicalNode> plan;
  {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find({name, sql});
    if (it == entries_.end() || it->second.generation != generation) return nullptr;
    plan = it->second.plan;
  }
  // Copied unlocked: the kept plan is never changed.
  return ClonePlan(*plan);
}

void BoundViewCache::Store(const std::string& name, const std::string& sql, int64_t generation,
                           const LogicalNode& plan) {
  std::shared_ptr<const LogicalNode> copy = ClonePlan(plan);
  absl::MutexLock lock(&mu_);
  entries_[{name, sql}] = Entry{generation, std::move(copy)};
}

int64_t BoundViewCache::size() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int64_t>(entries_.size());
}

}  // namespace tessera
