// File: connectors/odbc/connection_pool.h
//
// Keeps idle read-only connections to one source, so that a query does not
// pay for a connect (tens of milliseconds for PostgreSQL with TLS or SCRAM),
// and bounds how many are open at once, so that a burst of queries (one
// patient's record reads fifteen tables) queues here instead of exhausting
// the source's own connection limit. A lease returns its connection to the
// pool when destroyed, unless the connection broke while leased.

#ifndef TESSERA_CONNECTORS_ODBC_CONNECTION_POOL_H_
#define TESSERA_CONNECTORS_ODBC_CONNECTION_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "connectors/odbc/odbc_connection.h"

namespace tessera::odbc {

class ConnectionPool {
 public:
  // Keeps at most `max_idle` idle connections and `max_open` open ones;
  // Acquire waits up to `max_wait` for one to be free.
  ConnectionPool(std::string source_name, std::string connection_string, DialectKind dialect,
                 std::string schema, int max_idle, int max_open, absl::Duration max_wait);

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // An idle connection if there is one, else a new one when fewer than
  // max_open are open, else the first one released within max_wait
  // (Unavailable after that). `*reused` says whether it was idle, so a
  // caller can retry once on a fresh connection when a reused one turns out
  // to have died while idle.
  absl::StatusOr<Lease> Acquire(bool* reused = nullptr);

  // Closes every idle connection (for example after the source restarted).
  void Clear();

  int idle_count() const;

 private:
  void Release(std::unique_ptr<Connection> conn);

  const std::string source_name_;
  const std::string connection_string_;
  const DialectKind dialect_;
  const std::string schema_;
  const int max_idle_;
  const int max_open_;
  const absl::Duration max_wait_;
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // Idle and leased.
};

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_CONNECTION_POOL_H_
