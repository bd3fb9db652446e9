// File: connectors/odbc/connection_pool.h
//
// Keeps idle read-only connections to one source, so that a query does not
// pay for a connect (tens of milliseconds for PostgreSQL with TLS or SCRAM).
// A lease returns its connection to the pool when destroyed, unless the
// connection broke while leased.

#ifndef TESSERA_CONNECTORS_ODBC_CONNECTION_POOL_H_
#define TESSERA_CONNECTORS_ODBC_CONNECTION_POOL_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "connectors/odbc/odbc_connection.h"

namespace tessera::odbc {

class ConnectionPool {
 public:
  // Keeps at most `max_idle` idle connections; any number may be leased.
  ConnectionPool(std::string source_name, std::string connection_string, DialectKind dialect,
                 std::string schema, int max_idle);

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

  // An idle connection if there is one, else a new one. `*reused` says which,
  // so a caller can retry once on a fresh connection when a reused one turns
  // out to have died while idle.
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
  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_CONNECTION_POOL_H_
