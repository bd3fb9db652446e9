#include "engine/riverside/noise.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "engine/riverside/names.h"
#include "engine/types/datetime.h"

namespace tessera::riverside {
namespace {

// QWERTY neighbors of each lowercase letter, for substitution typos.
const char* Neighbors(char c) {
  static const char* const kNeighbors[26] = {
      "qwsz",   "vghn",  "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko",
      "huikmn", "jiolm", "kop",  "njk",    "bhjm", "iklp",   "ol",     "wa",     "edft",
      "awedxz", "rfgy",  "yhji", "cfgb",   "qase", "zsdc",   "tghu",   "asx"};
  if (c < 'a' || c > 'z') return "e";
  return kNeighbors[c - 'a'];
}

void Note(std::string* notes, absl::string_view tag) {
  if (notes == nullptr) return;
  if (!notes->empty()) notes->push_back(';');
  absl::StrAppend(notes, tag);
}

std::string Nickname(const std::string& given, Rng& rng) {
  absl::Span<const char* const> nicknames = NicknamesOf(given);
  if (nicknames.empty()) return given;
  return nicknames[rng.Below(nicknames.size())];
}

Demographics Clean(const Identity& id) {
  Demographics d;
  d.given = id.given;
  d.middle = id.middle;
  d.family = id.family;
  d.sex = id.sex;
  d.birth_day = id.birth_day;
  d.street = id.street;
  const Town& town = Towns()[id.town];
  d.city = town.city;
  d.state = town.state;
  d.zip = id.zip;
  d.phone = id.phone;
  return d;
}

void ApplyNoise(Demographics& d, const NoiseRates& rates, const SourceHabits& habits, Rng& rng,
                std::string* notes) {
  if (rng.Chance(rates.nickname * habits.nickname_boost) && !NicknamesOf(d.given).empty()) {
    d.given = Nickname(d.given, rng);
    Note(notes, "nickname");
  }
  if (rng.Chance(rates.typo)) {
    if (rng.Chance(0.5)) {
      d.family = Typo(d.family, rng);
      Note(notes, "typo:family");
    } else {
      d.given = Typo(d.given, rng);
      Note(notes, "typo:given");
    }
  }
  if (rng.Chance(rates.swapped_day_month)) {
    int64_t swapped = SwapDayMonth(d.birth_day);
    if (swapped != d.birth_day) {
      d.birth_day = swapped;
      Note(notes, "swapped_day_month");
    }
  }
  double missing = rates.missing * habits.missing_boost;
  // Middle names are the field registration desks skip most.
  if (!d.middle.empty() && rng.Chance(std::min(1.0, 2 * missing))) {
    d.middle.clear();
    Note(notes, "missing:middle");
  }
  if (rng.Chance(missing)) {
    d.phone.clear();
    Note(notes, "missing:phone");
  }
  if (rng.Chance(missing)) {
    d.zip.clear();
    Note(notes, "missing:zip");
  }
  if (rng.Chance(missing / 2)) {
    d.street.clear();
    Note(notes, "missing:street");
  }
  if (rng.Chance(missing / 5)) {
    d.sex_known = false;
    Note(notes, "missing:sex");
  }
}

}  // namespace

NoiseRates NoiseRates::Scaled(double noise) const {
  auto scale = [noise](double rate) { return std::clamp(rate * noise, 0.0, 1.0); };
  NoiseRates r;
  r.typo = scale(typo);
  r.nickname = scale(nickname);
  r.swapped_day_month = scale(swapped_day_month);
  r.missing = scale(missing);
  r.duplicate_person = scale(duplicate_person);
  r.duplicate_fact = scale(duplicate_fact);
  r.resent_fact = scale(resent_fact);
  r.unit_variant = scale(unit_variant);
  return r;
}

std::string Typo(absl::string_view word, Rng& rng) {
  std::string w(word);
  if (w.size() < 2) return w;
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::string t = w;
    // Typists rarely miss the first letter, so edits start at position 1.
    size_t i = 1 + rng.Below(t.size() - 1);
    switch (rng.Below(4)) {
      case 0: {  // Neighboring key.
        char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(t[i])));
        const char* options = Neighbors(lower);
        char c = options[rng.Below(std::char_traits<char>::length(options))];
        t[i] =
            std::isupper(static_cast<unsigned char>(t[i])) ? static_cast<char>(std::toupper(c)) : c;
        break;
      }
      case 1:  // Transposition.
        if (i + 1 < t.size()) {
          std::swap(t[i], t[i + 1]);
        } else {
          std::swap(t[i - 1], t[i]);
        }
        break;
      case 2:  // Dropped letter.
        if (t.size() > 2) t.erase(i, 1);
        break;
      default:  // Doubled letter.
        t.insert(i, 1, t[i]);
        break;
    }
    // Transposing "ll" or dropping into a lone capital changes nothing useful.
    if (t != w && std::isalpha(static_cast<unsigned char>(t[0]))) return t;
  }
  return w + "e";
}

int64_t SwapDayMonth(int64_t day) {
  absl::CivilDay civil = CivilFromDays(day);
  int d = civil.day();
  int m = civil.month();
  if (d > 12 || d == m) return day;
  return DaysFromCivil(absl::CivilDay(civil.year(), d, m));
}

Demographics RecordIdentity(const Identity& identity, const NoiseRates& rates,
                            const SourceHabits& habits, Rng& rng, std::string* notes) {
  Demographics d = Clean(identity);
  ApplyNoise(d, rates, habits, rng, notes);
  return d;
}

Demographics RecordDuplicateIdentity(const Identity& identity, const NoiseRates& rates,
                                     const SourceHabits& habits, Rng& rng, std::string* notes) {
  Demographics d = Clean(identity);
  switch (rng.Below(5)) {
    case 0:
      if (!NicknamesOf(d.given).empty()) {
        d.given = Nickname(d.given, rng);
        Note(notes, "nickname");
        break;
      }
      [[fallthrough]];
    case 1:
      d.family = Typo(d.family, rng);
      Note(notes, "typo:family");
      break;
    case 2:
      // A new cell phone: same area code, different number.
      d.phone = absl::StrCat(d.phone.substr(0, 3), rng.Between(2000000, 9899999));
      Note(notes, "changed:phone");
      break;
    case 3:
      d.street =
          absl::StrCat(rng.Between(1, 9899), " ", StreetNames()[rng.Below(StreetNames().size())],
                       " ", StreetSuffixes()[rng.Below(StreetSuffixes().size())]);
      Note(notes, "changed:street");
      break;
    default:
      if (!d.middle.empty()) {
        d.middle.clear();
        Note(notes, "missing:middle");
      } else {
        d.given = Typo(d.given, rng);
        Note(notes, "typo:given");
      }
      break;
  }
  ApplyNoise(d, rates, habits, rng, notes);
  return d;
}

}  // namespace tessera::riverside
