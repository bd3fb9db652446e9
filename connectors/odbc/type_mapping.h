// File: connectors/odbc/type_mapping.h
//
// Maps the SQL type a driver reports for a result column onto the engine's
// types, and says how the column is fetched (its C type and buffer width).

#ifndef TESSERA_CONNECTORS_ODBC_TYPE_MAPPING_H_
#define TESSERA_CONNECTORS_ODBC_TYPE_MAPPING_H_

#include <sql.h>
#include <sqlext.h>

#include "engine/types/data_type.h"

namespace tessera::odbc {

// The widest text value a bound buffer holds; a longer value fails the scan
// with a message naming the column rather than being cut short silently.
inline constexpr SQLLEN kMaxTextBytes = 65536;

struct ColumnBinding {
  DataType type;
  SQLSMALLINT c_type;  // The SQL_C_* type the driver converts into.
  SQLLEN width;        // Bytes per cell in the bound buffer.
};

// `sql_type`, `column_size` and `decimal_digits` are what SQLDescribeCol
// reported. Types the engine has no counterpart for (binary, time, interval,
// GUID) are read as text, which every driver can produce.
ColumnBinding BindingFor(SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits);

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_TYPE_MAPPING_H_
