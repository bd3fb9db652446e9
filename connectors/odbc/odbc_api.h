// File: connectors/odbc/odbc_api.h
//
// The ODBC API, as every file of ours includes it. unixODBC's headers
// define BOOL as a macro, which breaks any later header that uses the word
// (batch.proto's column kind BOOL among them); nothing of ours uses the
// macro, so it is taken back here, whatever the include order.

#ifndef TESSERA_CONNECTORS_ODBC_ODBC_API_H_
#define TESSERA_CONNECTORS_ODBC_ODBC_API_H_

#include <sql.h>
#include <sqlext.h>

#undef BOOL

#endif  // TESSERA_CONNECTORS_ODBC_ODBC_API_H_
