#include "connectors/odbc/connection_pool.h"

#include "engine/common/status_macros.h"

namespace tessera::odbc {

ConnectionPool::ConnectionPool(std::string source_name, std::string connection_string,
                               DialectKind dialect, std::string schema, int max_idle)
    : source_name_(std::move(source_name)),
      connection_string_(std::move(connection_string)),
      dialect_(dialect),
      schema_(std::move(schema)),
      max_idle_(max_idle) {}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(bool* reused) {
  if (reused != nullptr) *reused = false;
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_.back());
      idle_.pop_back();
      if (reused != nullptr) *reused = true;
      return Lease(this, std::move(conn));
    }
  }
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn,
                   Connection::Open(source_name_, connection_string_, dialect_,
                                                    AccessMode::kReadOnly, schema_));
  return Lease(this, std::move(conn));
}

void ConnectionPool::Release(std::unique_ptr<Connection> conn) {
  if (conn->broken()) return;
  absl::MutexLock lock(&mu_);
  if (static_cast<int>(idle_.size()) < max_idle_) idle_.push_back(std::move(conn));
}

void ConnectionPool::Clear() {
  std::vector<std::unique_ptr<Connection>> closing;
  absl::MutexLock lock(&mu_);
  closing.swap(idle_);
}

int ConnectionPool::idle_count() const {
  absl::MutexLock lock(&mu_);
  return static_cast<int>(idle_.size());
}

}  // namespace tessera::odbc
