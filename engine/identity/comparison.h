// File: engine/identity/comparison.h
//
// Field comparisons: how alike two records are, field by field, as a
// comparison vector of discrete agreement levels (exact, nickname, close
// spelling, swapped day and month, ...). Each field is compared the way its
// errors happen: Jaro-Winkler for typed names, a nickname table for given
// names, day/month swaps for birth dates, given and family name the wrong
// way round. A missing value on either side is
// kMissing and counts neither for nor against a match.

#ifndef TESSERA_ENGINE_IDENTITY_COMPARISON_H_
#define TESSERA_ENGINE_IDENTITY_COMPARISON_H_

#include <array>
#include <cstdint>

#include "engine/identity/nicknames.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

enum Field : int {
  kGiven,
  kFamily,
  kMiddle,
  kBirthDate,
  kSex,
  kAddress,  // Phone, street, zip and city together (see CompareAddress).
  kNationalId,
  kNumFields,
};

// The field's name, for the stored model and messages ("given").
const char* FieldName(Field field);

// How many agreement levels the field has. Level 0 is the strongest
// agreement; the last level is disagreement.
int FieldLevels(Field field);

// A field that is missing on either side.
inline constexpr uint8_t kMissing = 255;

using ComparisonVector = std::array<uint8_t, kNumFields>;

class RecordComparator {
 public:
  explicit RecordComparator(const NicknameTable& nicknames = NicknameTable::Default())
      : nicknames_(nicknames) {}

  ComparisonVector Compare(const PersonRecord& a, const PersonRecord& b) const;

  // One field's level. Exposed for tests.
  uint8_t CompareGiven(const std::string& a, const std::string& b) const;
  static uint8_t CompareFamily(const std::string& a, const std::string& b);
  static uint8_t CompareBirthDate(const BirthDate& a, const BirthDate& b);
  // Where and how to reach someone is one field, not four: phone, street,
  // zip and city agree together for everyone in a household, and counting
  // them as independent evidence would make a household look like one person.
  // Levels: 0 phone and place agree, 1 phone only, 2 street and zip or town,
  // 3 street only, 4 zip and town, 5 zip or town, 6 nothing agrees.
  static uint8_t CompareAddress(const PersonRecord& a, const PersonRecord& b);

 private:
  const NicknameTable& nicknames_;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_COMPARISON_H_
