// File: engine/riverside/sql_target.h
//
// Where a source's tables go: its own SQLite file in the data directory, a
// schema of a PostgreSQL database, or a database of a MariaDB server. Each
// call loads one source over its own connection, so sources and targets can
// load on parallel threads.

#ifndef TESSERA_ENGINE_RIVERSIDE_SQL_TARGET_H_
#define TESSERA_ENGINE_RIVERSIDE_SQL_TARGET_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "connectors/dialect.h"
#include "engine/riverside/sql_table_writer.h"

namespace tessera::riverside {

// One source's tables: "ehr", "lab" or "pharmacy".
struct SourceLoad {
  std::string source;
  std::vector<TableLoad> tables;
};

// Writes <data_dir>/<source>.db. The file is built under a temporary name and
// renamed into place when complete, so readers never see a half-built file
// and the same input always gives the same bytes.
absl::Status LoadIntoSqlite(const std::string& data_dir, const SourceLoad& source);

// Replaces the tables of schema (PostgreSQL) or database (MariaDB)
// `source.source` on the server at `connection_string`, creating it if needed.
absl::Status LoadIntoServer(DialectKind dialect, const std::string& connection_string,
                            const SourceLoad& source);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_SQL_TARGET_H_
