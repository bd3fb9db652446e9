// File: connectors/odbc/odbc_error.h
//
// Turns ODBC diagnostics into absl::Status values that name the source, the
// SQLSTATE and the driver's own message, with a code chosen from the SQLSTATE
// class (08 connection -> Unavailable, 42 syntax -> InvalidArgument, ...).

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_ERROR_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_ERROR_H_

#include "connectors/odbc/odbc_api.h"

#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/status.h"

namespace tessera::odbc {

// The status for a failed call `what` (for example "SQLExecDirect") on
// `handle`. Returns OK when `rc` is a success code.
absl::Status CheckOdbc(SQLRETURN rc, SQLSMALLINT handle_type, SQLHANDLE handle,
                       absl::string_view source_name, absl::string_view what);

// The status code that fits a SQLSTATE.
absl::StatusCode StatusCodeForSqlState(absl::string_view sqlstate);

// True for SQLSTATEs that mean the connection itself is gone.
inline bool IsConnectionLost(absl::string_view sqlstate) {
  return sqlstate.substr(0, 2) == "08";
}

}  // namespace tessera::odbc

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_ERROR_H_
