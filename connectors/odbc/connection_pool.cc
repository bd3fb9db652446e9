#include "connectors/odbc/connection_pool.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"

namespace tessera::odbc {

ConnectionPool::ConnectionPool(std::string source_name, std::string connection_string, DialectKind dialect,
                               std::string schema, int max_idle, int max_open, absl::Duration max_wait)
    : source_name_(std::move(source_name)),
      connection_string_(std::move(connection_string)),
      dialect_(dialect),
      schema_(std::move(schema)),
      max_idle_(max_idle),
      max_open_(std::max(max_open, 1)),
      max_wait_(max_wait) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(bool* reused) {
  if (reused != nullptr) *reused = false;
  {
    absl::MutexLock lock(&mu_);
    auto free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !idle_.empty() || open_ < max_open_; };
    if (!mu_.AwaitWithTimeout(absl::Condition(&free), max_wait_)) {
      return absl::UnavailableError(absl::StrCat("source \"", source_name_, "\": all ", max_open_,
                                                 " connections stayed busy for ", absl::FormatDuration(max_wait_),
                                                 " (its max_connections bounds them)"));
    }
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      if (reused != nullptr) *reused = true;
      return Lease(this, std::move(conn));
    }
    ++open_;  // Held while connecting, so waiters cannot overshoot.
  }
  absl::StatusOr<std::unique_ptr<Connection>> conn =
      Connection::Open(source_name_, connection_string_, dialect_, AccessMode::kReadOnly, schema_);
  if (!conn.ok()) {
    absl::MutexLock lock(&mu_);
    --open_;
    return conn.status();
  }
  return Lease(this, std::move(*conn));
}

void ConnectionPool::Release(std::unique_ptr<Connection> conn) {
  std::unique_ptr<Connection> closing;  // Closed outside the lock.
  absl::MutexLock lock(&mu_);
  if (conn->broken() || static_cast<int>(idle_.size()) >= max_idle_) {
    closing = std::move(conn);
    --open_;
    return;
  }
  idle_.push_back(std::move(conn));
}

void ConnectionPool::Clear() {
  std::vector<std::unique_ptr<Connection>> closing;
  absl::MutexLock lock(&mu_);
  open_ -= static_cast<int>(idle_.size());
  closing.swap(idle_);
}

int ConnectionPool::idle_count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(idle_.size());
}

}  // namespace tessera::odbc
