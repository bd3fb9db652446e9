#include "connectors/odbc/odbc_error.h"

#include "connectors/odbc/odbc_api.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace tessera::odbc {

absl::StatusCode StatusCodeForSqlState(absl::string_view sqlstate) {
  absl::string_view cls = sqlstate.substr(0, 2);
  if (sqlstate == "HY008") return absl::StatusCode::kCancelled;
  if (sqlstate == "HYT00" || sqlstate == "HYT01") return absl::StatusCode::kDeadlineExceeded;
  if (sqlstate == "IM002" || sqlstate == "IM003") return absl::StatusCode::kInvalidArgument;
  if (cls == "08" || sqlstate == "57P01" || sqlstate == "57P03") {
    return absl::StatusCode::kUnavailable;
  }
  if (cls == "28") return absl::StatusCode::kPermissionDenied;
  if (cls == "42" || cls == "22" || cls == "07" || cls == "37") {
    return absl::StatusCode::kInvalidArgument;
  }
  if (cls == "25") return absl::StatusCode::kFailedPrecondition;
  if (cls == "53") return absl::StatusCode::kResourceExhausted;
  if (cls == "57") return absl::StatusCode::kCancelled;
  return absl::StatusCode::kUnknown;
}

absl::Status CheckOdbc(SQLRETURN rc, SQLSMALLINT handle_type, SQLHANDLE handle,
                       absl::string_view source_name, absl::string_view what) {
  if (rc == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO || rc == SQL_NO_DATA) {
    return absl::OkStatus();
  }
  if (rc == SQL_INVALID_HANDLE) {
    return absl::InternalError(absl::StrCat("source \"", source_name, "\": ", what, " got an invalid handle"));
  }
  std::string first_state;
  std::vector<std::string> messages;
  for (SQLSMALLINT i = 1; i <= 5; ++i) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR text[1024] = {0};
    SQLSMALLINT text_len = 0;
    SQLRETURN drc = SQLGetDiagRec(handle_type, handle, i, state, &native, text, sizeof(text), &text_len);
    if (drc != SQL_SUCCESS && drc != SQL_SUCCESS_WITH_INFO) break;
    std::string sqlstate(reinterpret_cast<char*>(state));
    if (first_state.empty()) first_state = sqlstate;
    std::string message(reinterpret_cast<char*>(text));
    absl::StripTrailingAsciiWhitespace(&message);
    messages.push_back(absl::StrCat("SQLSTATE ", sqlstate, ": ", message));
  }
  if (messages.empty()) messages.push_back("no diagnostic from the driver");
  absl::StatusCode code = first_state.empty() ? absl::StatusCode::kUnknown : StatusCodeForSqlState(first_state);
  return absl::Status(code, absl::StrCat("source \"", source_name, "\": ", what, " failed: ",
                                         absl::StrJoin(messages, "; ")));
}

}  // namespace tessera::odbc
