// File: engine/riverside/noise.h
//
// What real integration meets, injected on purpose: typos, nicknames,
// swapped day and month, missing values, people registered twice, results
// reported twice, and reporting under other codes and units. Every rate is a
// probability per record (or per result), multiplied by GenOptions::noise.

#ifndef TESSERA_ENGINE_RIVERSIDE_NOISE_H_
#define TESSERA_ENGINE_RIVERSIDE_NOISE_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "engine/riverside/person.h"
#include "engine/riverside/random.h"

namespace tessera::riverside {

struct NoiseRates {
  double typo = 0.03;               // A name in a record has one typing error.
  double nickname = 0.08;           // A record uses a nickname (Bob for Robert).
  double swapped_day_month = 0.02;  // A birth date has day and month swapped.
  double missing = 0.05;            // Each optional field (phone, zip, ...) is empty.
  double duplicate_person = 0.02;   // A source holds the person a second time.
  double duplicate_fact = 0.5;      // An EHR-ordered Riverside lab result is also
                                    // interfaced into the EHR (same result, two systems).
  double resent_fact = 0.02;        // An interfaced result reaches the EHR twice.
  double unit_variant = 0.25;       // A person's lab is the north site, which reports
                                    // SI units under its own codes.

  // Every rate times `noise`, capped at 1.
  NoiseRates Scaled(double noise) const;
};

// One source's copy of a person's demographics. Empty strings are missing
// values; `sex_known` false means the source recorded no sex.
struct Demographics {
  std::string given;
  std::string middle;
  std::string family;
  Sex sex = Sex::kFemale;
  bool sex_known = true;
  int64_t birth_day = 0;
  std::string street;
  std::string city;
  std::string state;
  std::string zip;
  std::string phone;
};

// How strongly one source's habits raise the base rates: a consumer app
// sees more nicknames and fewer phone numbers than a registration desk.
struct SourceHabits {
  double nickname_boost = 1.0;
  double missing_boost = 1.0;
};

// `identity` as one source recorded it, with noise drawn at `rates`. What was
// injected is appended to `notes` as ";"-separated tags ("nickname",
// "typo:family", "swapped_day_month", "missing:phone", ...) for the truth.
Demographics RecordIdentity(const Identity& identity, const NoiseRates& rates,
                            const SourceHabits& habits, Rng& rng, std::string* notes);

// A second registration of the same person in the same source: the ordinary
// noise plus at least one guaranteed difference (a nickname, a typo, a new
// phone, a moved address or a dropped middle name).
Demographics RecordDuplicateIdentity(const Identity& identity, const NoiseRates& rates,
                                     const SourceHabits& habits, Rng& rng, std::string* notes);

// `word` with one typing error: a neighboring key, two letters transposed,
// a letter dropped or doubled. Never returns `word` itself when it has two or
// more letters.
std::string Typo(absl::string_view word, Rng& rng);

// The date with day and month exchanged (March 7 -> July 3), or `day` itself
// when that is not a valid different date.
int64_t SwapDayMonth(int64_t day);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_NOISE_H_
