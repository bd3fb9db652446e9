// File: engine/identity/string_comparators.h
//
// Approximate string comparators for names: Jaro and Jaro-Winkler (Winkler's
// prefix bonus for the agreement typists rarely get wrong), as defined by
// Winkler (1990) and used by the US Census Bureau's matchers.

#ifndef TESSERA_ENGINE_IDENTITY_STRING_COMPARATORS_H_
#define TESSERA_ENGINE_IDENTITY_STRING_COMPARATORS_H_

#include "absl/strings/string_view.h"

namespace tessera::identity {

// Jaro similarity in [0, 1]: 1 for equal strings, 0 when either is empty or
// they share no characters within the matching window.
double Jaro(absl::string_view a, absl::string_view b);

// Jaro-Winkler similarity: Jaro plus `prefix_scale` (at most 0.25) times the
// common prefix length (at most 4) times the distance still to 1.
double JaroWinkler(absl::string_view a, absl::string_view b, double prefix_scale = 0.1);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_STRING_COMPARATORS_H_
