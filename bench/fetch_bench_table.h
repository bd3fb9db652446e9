// File: bench/fetch_bench_table.h
//
// The databases the fetch benchmark reads from and the 1M-row table it reads:
// `fetch_bench`, a lab-result-like row of every fixed-width type the connector
// converts plus one short text. The table is generated server-side, once, and
// kept between runs (in a `tessera_bench` schema or database on the servers,
// so it never collides with the tests' scratch schemas).

#ifndef TESSERA_BENCH_FETCH_BENCH_TABLE_H_
#define TESSERA_BENCH_FETCH_BENCH_TABLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/dialect.h"

namespace tessera::bench {

inline constexpr int64_t kFetchBenchRows = 1000000;

// One database to benchmark.
struct BenchSource {
  std::string name;  // "sqlite", "postgresql", "mariadb": used in benchmark names.
  DialectKind dialect;
  std::string connection_string;  // ODBC.
  std::string schema;             // Empty for SQLite, "tessera_bench" otherwise.
  std::string sqlite_path;        // The database file, for SQLite only.
};

// What a full read of the table must produce, computed by the database itself
// so that the benchmark can check that every row and value arrived.
struct TableFacts {
  int64_t rows = 0;
  int64_t id_sum = 0;
  // Non-NULL values over all columns.
  int64_t non_null_values = 0;
  // The bytes the engine holds for one full read when every column arrives
  // as its declared type: 8 per non-NULL fixed-width value (ints, double,
  // decimal, date, timestamp) plus the text bytes.
  int64_t value_bytes = 0;
};

// SQLite always (TESSERA_BENCH_SQLITE or a file under /tmp); PostgreSQL and
// MariaDB when TESSERA_PG_CONN / TESSERA_MARIADB_CONN are set. Each source left
// out is described in `*skipped`.
std::vector<BenchSource> AvailableSources(std::vector<std::string>* skipped);

// The statement both the connector and the native client run: every column,
// every row, schema-qualified so that a client's default database does not
// matter.
std::string FetchSql(const BenchSource& source);

// Creates `fetch_bench` unless it already holds the expected rows, then
// returns its facts. Creation takes seconds to tens of seconds per database.
absl::StatusOr<TableFacts> EnsureFetchBenchTable(const BenchSource& source);

}  // namespace tessera::bench

#endif  // TESSERA_BENCH_FETCH_BENCH_TABLE_H_
