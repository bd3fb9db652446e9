// File: engine/riverside/names.h
//
// The word lists people are made of: given and family names in rough order of
// popularity (so common names repeat, as they do in real registries), the
// nicknames people go by, and the streets and towns of the Riverside service
// area, which spans five zip3 areas on both sides of the Ohio river.

#ifndef TESSERA_ENGINE_RIVERSIDE_NAMES_H_
#define TESSERA_ENGINE_RIVERSIDE_NAMES_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace tessera::riverside {

// Given names, most popular first.
absl::Span<const char* const> FemaleGivenNames();
absl::Span<const char* const> MaleGivenNames();

// Family names, most popular first. A few carry an apostrophe or a hyphen
// (O'Brien, Smith-Jones) because real names do and SQL literals must cope.
absl::Span<const char* const> FamilyNames();

// The nicknames of a formal given name ("Robert" -> {"Bob", "Rob", "Bobby"}),
// empty when it has none.
absl::Span<const char* const> NicknamesOf(absl::string_view given_name);

absl::Span<const char* const> StreetNames();
absl::Span<const char* const> StreetSuffixes();

// A town of the service area with the zip codes it spans and its telephone
// area code.
struct Town {
  const char* city;
  const char* state;
  const char* area_code;
  absl::Span<const char* const> zips;
  double weight;  // Share of the population living there.
};

absl::Span<const Town> Towns();

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_NAMES_H_
