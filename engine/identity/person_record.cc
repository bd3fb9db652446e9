// File: engine/identity/person_record.cc
//
// Normalization of demographics into the one spelling the comparators expect.

#include "engine/identity/person_record.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"

namespace tessera::identity {
namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

BirthDate Checked(int y, int m, int d) {
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return {};
  return {y, m, d};
}

bool ParseInt(absl::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return absl::SimpleAtoi(s, out);
}

}  // namespace

std::string NormalizeName(absl::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char raw : text) {
    unsigned char c = static_cast<unsigned char>(raw);
    if (c == '\'' || c == '-') continue;  // O'Brien = OBrien, Smith-Jones = SmithJones.
    if (absl::ascii_isalpha(c)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(absl::ascii_tolower(c));
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string NormalizeFamilyName(absl::string_view text) {
  std::string name = NormalizeName(text);
  name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
  return name;
}

std::string NormalizeText(absl::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char raw : text) {
    unsigned char c = static_cast<unsigned char>(raw);
    if (absl::ascii_isalnum(c)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(absl::ascii_tolower(c));
    } else {
      pending_space = true;
    }
  }
  return out;
}

std::string DigitsOf(absl::string_view text) {
  std::string out;
  for (char c : text) {
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

std::string NormalizePhone(absl::string_view text) {
  std::string digits = DigitsOf(text);
  if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
  return digits.size() == 10 ? digits : "";
}

std::string NormalizeZip(absl::string_view text) {
  std::string digits = DigitsOf(text);
  return digits.size() >= 4 ? digits.substr(0, 5) : "";
}

char NormalizeSex(absl::string_view text) {
  std::string s = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (s == "f" || s == "female") return 'f';
  if (s == "m" || s == "male") return 'm';
  return 0;
}

BirthDate ParseBirthDate(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  int y = 0, m = 0, d = 0;
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (ParseInt(text.substr(0, 4), &y) && ParseInt(text.substr(5, 2), &m) &&
        ParseInt(text.substr(8, 2), &d)) {
      return Checked(y, m, d);
    }
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    if (ParseInt(text.substr(0, 2), &m) && ParseInt(text.substr(3, 2), &d) &&
        ParseInt(text.substr(6, 4), &y)) {
      return Checked(y, m, d);
    }
  } else if (text.size() == 8) {
    if (ParseInt(text.substr(0, 4), &y) && ParseInt(text.substr(4, 2), &m) &&
        ParseInt(text.substr(6, 2), &d)) {
      return Checked(y, m, d);
    }
  }
  return {};
}

uint64_t Fingerprint(const PersonRecord& r) {
  // FNV-1a over the fields with a separator: stable across runs and builds,
  // unlike absl::Hash, because the value is stored in the index.
  std::string text = absl::StrCat(r.given, "|", r.middle, "|", r.family, "|", std::string(1, r.sex), "|",
                                  r.birth.year, "-", r.birth.month, "-", r.birth.day, "|", r.street, "|",
                                  r.city, "|", r.zip, "|", r.phone, "|", r.national_id, "|", r.shared_id);
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace tessera::identity
