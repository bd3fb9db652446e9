// File: engine/cli/query_error.h
//
// How a failed query is shown to a person: the message, and for errors with
// a place in the query text, the line of the query with a caret under it,
// as psql does.

#ifndef TESSERA_ENGINE_CLI_QUERY_ERROR_H_
#define TESSERA_ENGINE_CLI_QUERY_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tessera::cli {

// "ERROR:  message\nLINE 1: SELECT * FORM t\n                 ^\n".
std::string FormatQueryError(const absl::Status& status, absl::string_view sql);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_QUERY_ERROR_H_
