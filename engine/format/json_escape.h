// File: engine/format/json_escape.h
//
// JSON string quoting, shared by every writer of JSON.

#ifndef TESSERA_ENGINE_FORMAT_JSON_ESCAPE_H_
#define TESSERA_ENGINE_FORMAT_JSON_ESCAPE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tessera {

// `s` as a JSON string literal with its quotes. Control characters are
// escaped; other bytes (UTF-8) pass through unchanged.
std::string JsonQuote(absl::string_view s);

}  // namespace tessera

#endif  // TESSERA_ENGINE_FORMAT_JSON_ESCAPE_H_
