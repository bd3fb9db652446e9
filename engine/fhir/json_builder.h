// File: engine/fhir/json_builder.h
//
// Just enough JSON building for FHIR resources: values are JSON text, and an
// empty value means "absent", so that a resource built from a row with NULLs
// simply leaves those elements out (FHIR forbids empty objects and nulls).

#ifndef TESSERA_ENGINE_FHIR_JSON_BUILDER_H_
#define TESSERA_ENGINE_FHIR_JSON_BUILDER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace tessera::json {

using Member = std::pair<std::string, std::string>;

// A JSON string; empty text counts as absent.
std::string Str(absl::string_view s);
std::string Num(double v);
std::string Bool(bool v);
// An object of the members that are present; absent when none is.
std::string Obj(const std::vector<Member>& members);
// An array of the items that are present; absent when none is.
std::string Arr(const std::vector<std::string>& items);

}  // namespace tessera::json

#endif  // TESSERA_ENGINE_FHIR_JSON_BUILDER_H_
