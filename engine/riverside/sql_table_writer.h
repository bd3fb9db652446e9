// File: engine/riverside/sql_table_writer.h
//
// Writes generated tables into a SQL source through one ODBC connection:
// drop and re-create each table, insert its rows as multi-row INSERT
// statements inside one transaction, then add the secondary indexes and
// refresh the planner statistics. Everything is spelled through the
// connection's Dialect, so the same table goes to SQLite, PostgreSQL and
// MariaDB unchanged.

#ifndef TESSERA_ENGINE_RIVERSIDE_SQL_TABLE_WRITER_H_
#define TESSERA_ENGINE_RIVERSIDE_SQL_TABLE_WRITER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "connectors/odbc/odbc_connection.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"

namespace tessera::riverside {

struct ColumnSpec {
  std::string name;
  DataType type;
};

struct TableSpec {
  std::string name;
  // The first column is the primary key, unless `primary_key` is set.
  std::vector<ColumnSpec> columns;
  // Secondary indexes, each a list of column names: the foreign keys to the
  // person table, and the code and time columns the workloads filter on.
  std::vector<std::vector<std::string>> indexes;
  // The primary key's columns when it is not the first column alone.
  std::vector<std::string> primary_key = {};
};

// A table's definition and a way to produce each of its rows.
struct TableLoad {
  TableSpec spec;
  int64_t rows = 0;
  // Fills `values` (already sized to the column count) with row `row`, in the
  // column types of `spec`. Called for rows 0..rows-1 in order, possibly on
  // several threads at once for different targets, so it must only read.
  std::function<void(int64_t row, std::vector<Value>& values)> fill;
};

class SqlTableWriter {
 public:
  // Tables go into `schema` (a PostgreSQL schema or a MariaDB database; empty
  // for SQLite, one file per source). `target` names the destination in
  // errors ("SQLite", "PostgreSQL").
  SqlTableWriter(odbc::Connection& connection, std::string schema, std::string target);

  // Replaces the table `load.spec` with the rows of `load`.
  absl::Status Write(const TableLoad& load);

  // Rows per INSERT statement: a few hundred keeps statements well under
  // every server's packet limit while amortizing the round trips.
  static constexpr int kRowsPerInsert = 400;

 private:
  absl::Status Run(absl::string_view what, const std::string& table, absl::string_view sql);
  absl::Status CreateTable(const TableSpec& spec);
  absl::Status InsertRows(const TableLoad& load);
  absl::Status CreateIndexes(const TableSpec& spec);
  absl::Status Analyze(const TableSpec& spec);

  odbc::Connection& connection_;
  const Dialect& dialect_;
  std::string schema_;
  std::string target_;
};

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_SQL_TABLE_WRITER_H_
