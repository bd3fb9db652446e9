// File: connectors/odbc/odbc_catalog.h
//
// Reads a source's tables, columns and primary keys through the ODBC catalog
// functions (SQLTables, SQLColumns, SQLPrimaryKeys), which every driver
// answers from its own system catalog.

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_CATALOG_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_CATALOG_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/odbc/odbc_connection.h"

namespace tessera::odbc {

// Tables and views in `schema` (the PostgreSQL schema or MariaDB database;
// ignored for SQLite), sorted by name.
absl::StatusOr<std::vector<std::string>> ListCatalogTables(Connection& conn, absl::string_view schema);

// Columns in ordinal order with engine types, and the table's estimated
// rows; NotFound if there is no such table.
absl::StatusOr<TableInfo> DescribeCatalogTable(Connection& conn, absl::string_view schema,
                                               absl::string_view table);

// How many rows `table` (in the connection's schema) holds, cheaply and
// roughly, for costing: PostgreSQL's live-tuple statistics or reltuples,
// MariaDB's information_schema.TABLES.TABLE_ROWS, SQLite's sqlite_stat1, its
// largest rowid, or a capped count. nullopt when the source cannot tell (a
// view without statistics); a failure here never fails the description.
std::optional<int64_t> EstimateTableRows(Connection& conn, absl::string_view table);

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_CATALOG_H_
