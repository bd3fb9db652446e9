// File: connectors/odbc/type_mapping.h
//
// Maps the SQL type a driver reports for a result column onto the engine's
// types, and says how the column is fetched (its C type and buffer width).

#ifndef TESSERA_CONNECTORS_ODBC_TYPE_MAPPING_H_
#define TESSERA_CONNECTORS_ODBC_TYPE_MAPPING_H_

#include "connectors/odbc/odbc_api.h"

#include "absl/strings/string_view.h"
#include "engine/types/data_type.h"

namespace tessera::odbc {

// The widest text cell a bound buffer holds. Unbounded text (PostgreSQL's
// text, SQLite's TEXT) would otherwise need huge buffers and leave few rows
// per block; the rare longer value is fetched on its own (see OdbcScan).
inline constexpr SQLLEN kMaxBoundTextBytes = 1024;
// Only psqlODBC positions reliably within a block to fetch one long value on
// its own (SQLite's driver refuses; MariaDB's returns the wrong bytes), so the
// other drivers' text cells get buffers this wide, and a longer value fails
// the scan with a message naming the column.
inline constexpr SQLLEN kMaxBoundTextBytesNoSetPos = 65536;

struct ColumnBinding {
  DataType type;
  SQLSMALLINT c_type;  // The SQL_C_* type the driver converts into.
  SQLLEN width;        // Bytes per cell in the bound buffer.
};

// `sql_type`, `column_size` and `decimal_digits` are what SQLDescribeCol
// reported. Types the engine has no counterpart for (binary, time, interval,
// GUID) are read as text, which every driver can produce.
// `max_text_bytes` caps the buffer of a text cell. `type_name` is the
// column's declared type where the driver tells it: SQLite's driver reports
// a DECIMAL(p,s) column as VARCHAR, and only its declared name says it is a
// decimal, which is then read as text and parsed.
ColumnBinding BindingFor(SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                         SQLLEN max_text_bytes = kMaxBoundTextBytes, absl::string_view type_name = "");

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_TYPE_MAPPING_H_
