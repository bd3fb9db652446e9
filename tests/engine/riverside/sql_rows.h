// File: tests/engine/riverside/sql_rows.h
//
// Reads a whole query result as text through plain ODBC calls (SQLExecDirect,
// SQLFetch, SQLGetData). Only for tests: the engine's streaming scan API is
// the real way to read a source.

#ifndef TESSERA_TESTS_ENGINE_RIVERSIDE_SQL_ROWS_H_
#define TESSERA_TESTS_ENGINE_RIVERSIDE_SQL_ROWS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/dialect.h"

namespace tessera::riverside::testing {

// One row; std::nullopt is SQL NULL.
using SqlRow = std::vector<std::optional<std::string>>;

// Runs `sql` on a fresh read-only connection and returns every row.
absl::StatusOr<std::vector<SqlRow>> QueryRows(const std::string& connection_string,
                                              DialectKind dialect, absl::string_view sql);

// The connection string of the SQLite file at `path`.
std::string SqliteConnection(const std::string& path);

}  // namespace tessera::riverside::testing

#endif  // TESSERA_TESTS_ENGINE_RIVERSIDE_SQL_ROWS_H_
