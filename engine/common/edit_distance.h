// File: engine/common/edit_distance.h
//
// Levenshtein distance, for "did you mean ...?" suggestions in messages.

#ifndef TESSERA_ENGINE_COMMON_EDIT_DISTANCE_H_
#define TESSERA_ENGINE_COMMON_EDIT_DISTANCE_H_

#include <cstddef>

#include "absl/strings/string_view.h"

namespace tessera {

// The fewest single-byte insertions, deletions and substitutions that turn
// `a` into `b`.
size_t EditDistance(absl::string_view a, absl::string_view b);

}  // namespace tessera

#endif  // TESSERA_ENGINE_COMMON_EDIT_DISTANCE_H_
