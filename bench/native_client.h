// File: bench/native_client.h
//
// The baseline the connector is measured against: each database's own
// command-line client (psql, mariadb, sqlite3) running the same statement and
// writing every row to /dev/null, started as a child process.

#ifndef TESSERA_BENCH_NATIVE_CLIENT_H_
#define TESSERA_BENCH_NATIVE_CLIENT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/fetch_bench_table.h"

namespace tessera::bench {

// A client invocation: argv[0] is looked up in PATH; `env` entries
// ("PGPASSWORD=...") are added to this process's environment.
struct NativeCommand {
  std::vector<std::string> argv;
  std::vector<std::string> env;
};

// The client command that runs `sql` against `source`, connecting with the
// server, port, user, password and database of its ODBC connection string,
// and streaming rows rather than buffering them where the client can
// (mariadb --quick). Unbuffered text output, no headers.
absl::StatusOr<NativeCommand> NativeClientCommand(const BenchSource& source, const std::string& sql);

// Runs `command` with stdout to /dev/null (stderr is inherited, so a client's
// complaint is visible) and waits for it. A non-zero exit is an error.
absl::Status RunToDevNull(const NativeCommand& command);

}  // namespace tessera::bench

#endif  // TESSERA_BENCH_NATIVE_CLIENT_H_
