// File: planner/parser/spelling.h
//
// Internal to planner/parser: the text-only normalizations the conversion
// applies to what PostgreSQL's grammar hands over (numeric literals kept as
// text, internal type names, INTERVAL field qualifiers). Kept apart from the
// tree walking so that they need no parse-tree types.

#ifndef TESSERA_PLANNER_PARSER_SPELLING_H_
#define TESSERA_PLANNER_PARSER_SPELLING_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "engine/types/value.h"

namespace tessera::parser_internal {

// The value of a numeric literal's text ("12345678901", "-1.50", "1e3"):
// an int64 when it is an integer that fits; a decimal with the written scale
// when it has at most 18 digits and a scale the engine's decimals carry
// (kMaxDecimalScale); a double otherwise.
Value NumericLiteralValue(absl::string_view text);

// A type as a user writes it, for PostgreSQL's internal name of it:
// "int4" -> "integer", "float8" -> "double precision", "bpchar" -> "char".
// Other names are returned as given.
std::string WrittenTypeName(absl::string_view internal_name);

// INTERVAL '7' DAY: the grammar gives the text "7" and a field mask
// (1 << DAY in PostgreSQL's utils/datetime.h). Returns "7 day" for a bare
// number qualified by one field, nullopt for any other combination.
std::optional<std::string> QualifiedIntervalText(absl::string_view text, int field_mask);

}  // namespace tessera::parser_internal

#endif  // TESSERA_PLANNER_PARSER_SPELLING_H_
