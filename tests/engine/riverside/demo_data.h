// File: tests/engine/riverside/demo_data.h
//
// The demo dataset (1,000 people, seed 42, default noise) generated once per
// test binary into TEST_TMPDIR, and a query helper over its SQLite files.

#ifndef TESSERA_TESTS_ENGINE_RIVERSIDE_DEMO_DATA_H_
#define TESSERA_TESTS_ENGINE_RIVERSIDE_DEMO_DATA_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/riverside/riverside.h"
#include "tests/engine/riverside/sql_rows.h"

namespace tessera::riverside::testing {

// Runs the generator, discarding its progress lines.
absl::Status Generate(const GenOptions& options);

// The directory holding the demo dataset; generated on first use.
const std::string& DemoData();

// Rows of `sql` over <dir>/<source>.db; records a test failure on error.
std::vector<SqlRow> QuerySqlite(const std::string& dir, const std::string& source,
                                const std::string& sql);

}  // namespace tessera::riverside::testing

#endif  // TESSERA_TESTS_ENGINE_RIVERSIDE_DEMO_DATA_H_
