// File: tests/testing/backends.h
//
// The real databases tests run against: a SQLite file always, PostgreSQL and
// MariaDB when the test script started them (TESSERA_PG_CONN and
// TESSERA_MARIADB_CONN). With TESSERA_REQUIRE_SERVERS=1, as in the project's
// test command, a missing server fails the test instead of skipping it.

#ifndef TESSERA_TESTS_TESTING_BACKENDS_H_
#define TESSERA_TESTS_TESTING_BACKENDS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/dialect.h"
#include "connectors/odbc/odbc_connection.h"

namespace tessera::testing {

struct Backend {
  std::string name;  // "sqlite", "postgresql", "mariadb": used in test names.
  DialectKind dialect;
  std::string connection_string;
  std::string schema;  // A scratch schema (database for MariaDB) for tests.
};

// Every backend this run can reach. Servers absent without the requirement
// flag are left out.
std::vector<Backend> AvailableBackends();

// The backend named `name`, or a status that says why it is not here.
absl::StatusOr<Backend> FindBackend(const std::string& name);

// True when the test command demands every server.
bool ServersRequired();

// A read-write connection with the backend's scratch schema created and made
// the session default, for fixtures to create tables in.
absl::StatusOr<std::unique_ptr<odbc::Connection>> OpenFixtureConnection(const Backend& backend);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_TESTING_BACKENDS_H_
