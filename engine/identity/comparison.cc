// File: engine/identity/comparison.cc

#include "engine/identity/comparison.h"

#include "absl/strings/match.h"
#include "engine/common/edit_distance.h"
#include "engine/identity/string_comparators.h"

namespace tessera::identity {
namespace {

// Jaro-Winkler cut-offs: 0.92 catches one typing error in a name of five or
// more letters; 0.85 catches two, or one in a short name.
constexpr double kClose = 0.92;
constexpr double kSimilar = 0.85;

uint8_t CompareExact(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kMissing;
  return a == b ? 0 : 1;
}

// 0 equal, 1 one edit apart (a mistyped digit), 2 different.
uint8_t CompareCode(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  return EditDistance(a, b) <= 1 ? 1 : 2;
}

// 0 equal, 1 close, 2 different.
uint8_t CompareText(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  return JaroWinkler(a, b) >= 0.88 ? 1 : 2;
}

uint8_t CompareMiddle(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kMissing;
  // Sources keep a full middle name or only its initial: compare initials.
  return a[0] == b[0] ? 0 : 1;
}

}  // namespace

const char* FieldName(Field field) {
  switch (field) {
    case kGiven: return "given";
    case kFamily: return "family";
    case kMiddle: return "middle";
    case kBirthDate: return "birth_date";
    case kSex: return "sex";
    case kAddress: return "address";
    case kNationalId: return "national_id";
    case kNumFields: break;
  }
  return "?";
}

int FieldLevels(Field field) {
  switch (field) {
    case kGiven: return 5;      // exact, nickname, close, similar, different
    case kFamily: return 4;     // exact, close, similar, different
    case kBirthDate: return 4;  // exact, day/month swapped, one part differs, different
    case kAddress: return 7;    // see CompareAddress
    case kMiddle:
    case kSex: return 2;
    case kNationalId: return 3;
    case kNumFields: break;
  }
  return 0;
}

uint8_t RecordComparator::CompareGiven(const std::string& a, const std::string& b) const {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  if (nicknames_.Equivalent(a, b)) return 1;
  // A shortened name ("Ric" for Richard, "Chris" for Christopher) counts as
  // a nickname when at least three letters long.
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (shorter.size() >= 3 && absl::StartsWith(longer, shorter)) return 1;
  double jw = JaroWinkler(a, b);
  if (jw >= kClose) return 2;
  if (jw >= kSimilar) return 3;
  return 4;
}

uint8_t RecordComparator::CompareFamily(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return kMissing;
  if (a == b) return 0;
  double jw = JaroWinkler(a, b);
  if (jw >= kClose) return 1;
  if (jw >= kSimilar) return 2;
  return 3;
}

uint8_t RecordComparator::CompareBirthDate(const BirthDate& a, const BirthDate& b) {
  if (!a.known() || !b.known()) return kMissing;
  if (a.year == b.year && a.month == b.month && a.day == b.day) return 0;
  if (a.year == b.year && a.month == b.day && a.day == b.month) return 1;
  int same = (a.year == b.year) + (a.month == b.month) + (a.day == b.day);
  return same == 2 ? 2 : 3;
}

uint8_t RecordComparator::CompareAddress(const PersonRecord& a, const PersonRecord& b) {
  uint8_t phone = CompareExact(a.phone, b.phone);
  uint8_t street = CompareText(a.street, b.street);
  uint8_t zip = CompareExact(a.zip, b.zip);
  uint8_t city = CompareText(a.city, b.city);
  if (phone == kMissing && street == kMissing && zip == kMissing && city == kMissing) return kMissing;
  const bool street_agrees = street == 0 || street == 1;
  const bool area_agrees = zip == 0 || city == 0;
  if (phone == 0) return street_agrees || area_agrees ? 0 : 1;
  if (street_agrees) return area_agrees ? 2 : 3;
  if (zip == 0 && city == 0) return 4;
  if (area_agrees) return 5;
  return 6;
}

ComparisonVector RecordComparator::Compare(const PersonRecord& a, const PersonRecord& b) const {
  ComparisonVector v;
  v[kGiven] = CompareGiven(a.given, b.given);
  v[kFamily] = CompareFamily(a.family, b.family);
  // Given and family name entered the wrong way round: scored as close
  // spellings of both, not as two disagreements.
  if (v[kGiven] != kMissing && v[kGiven] >= 3 && v[kFamily] != kMissing && v[kFamily] >= 2 &&
      JaroWinkler(a.given, b.family) >= kClose && JaroWinkler(a.family, b.given) >= kClose) {
    v[kGiven] = 2;
    v[kFamily] = 1;
  }
  v[kMiddle] = CompareMiddle(a.middle, b.middle);
  v[kBirthDate] = CompareBirthDate(a.birth, b.birth);
  v[kSex] = (a.sex == 0 || b.sex == 0) ? kMissing : (a.sex == b.sex ? 0 : 1);
  v[kAddress] = CompareAddress(a, b);
  v[kNationalId] = CompareCode(a.national_id, b.national_id);
  return v;
}

}  // namespace tessera::identity
