// File: engine/identity/person_record.h
//
// One source's record of a person, reduced to the demographics that identity
// resolution compares, in one normalized spelling whatever the source's own
// (upper-case names, "FAMILY, GIVEN M", MM/DD/YYYY dates, E.164 phones, ZIP+4).
// Records live only in memory while linking; the link index keeps their ids.

#ifndef TESSERA_ENGINE_IDENTITY_PERSON_RECORD_H_
#define TESSERA_ENGINE_IDENTITY_PERSON_RECORD_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::identity {

// Where a record lives: the key the link index stores for it.
struct RecordKey {
  std::string source;       // "lab"
  std::string record_type;  // "patient"
  std::string record_id;    // The source's own id, as text.

  bool operator==(const RecordKey& o) const {
    return source == o.source && record_type == o.record_type && record_id == o.record_id;
  }
  template <typename H>
  friend H AbslHashValue(H h, const RecordKey& k) {
    return H::combine(std::move(h), k.source, k.record_type, k.record_id);
  }
};

struct BirthDate {
  int year = 0;  // 0 when unknown.
  int month = 0;
  int day = 0;
  bool known() const { return year != 0; }
};

// Every text field is lower case ASCII letters (names) or digits (phone,
// zip); an empty field is a missing value.
struct PersonRecord {
  RecordKey key;
  std::string given;
  std::string middle;  // May be a full name or an initial.
  std::string family;
  char sex = 0;        // 'f', 'm' or 0 when unknown.
  BirthDate birth;
  std::string street;  // Lower case, single spaces.
  std::string city;
  std::string zip;     // Five digits.
  std::string phone;   // Ten digits, no country code.
  std::string national_id;  // A government id where a source has one.
  // A reliable identifier shared with another source (an EHR MRN, the lab's
  // copy of it): records with the same non-empty value are one person.
  std::string shared_id;
};

// Lower case letters only, apostrophes and hyphens dropped, other runs of
// non-letters become one space, trimmed.
std::string NormalizeName(absl::string_view text);

// A family name as NormalizeName spells it, without spaces, so that
// "Van Dyke", "VAN DYKE" and "Vandyke" agree.
std::string NormalizeFamilyName(absl::string_view text);

// Lower case, runs of spaces and punctuation become one space, trimmed.
std::string NormalizeText(absl::string_view text);

// The digits of `text` only.
std::string DigitsOf(absl::string_view text);

// A US phone as ten digits (a leading country code 1 dropped), or "".
std::string NormalizePhone(absl::string_view text);

// The first five digits of a ZIP or ZIP+4 (or any postcode), or "".
std::string NormalizeZip(absl::string_view text);

// 'f' / 'm' from "F", "Female", "m", ...; 0 for anything else ("U", "").
char NormalizeSex(absl::string_view text);

// Parses YYYY-MM-DD, MM/DD/YYYY or YYYYMMDD; an unknown or invalid date is
// left unknown (noise in a source is not an error).
BirthDate ParseBirthDate(absl::string_view text);

// A 64-bit fingerprint of every compared field, so an incremental run can see
// which records changed without the index keeping any demographics.
uint64_t Fingerprint(const PersonRecord& record);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_PERSON_RECORD_H_
