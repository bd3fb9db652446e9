// Who a person is: the true identity every source's record is a noisy copy of.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/riverside/history.h"
#include "engine/riverside/names.h"

namespace tessera::riverside {
namespace {

// Age bands and their share of the population. A health system's patients
// skew older than the census, and the workloads need many people born before
// 1950 (age 77 and over in 2026).
struct AgeBand {
  int lo;
  int hi;
  double weight;
};
constexpr AgeBand kAgeBands[] = {
    {0, 17, 0.15}, {18, 39, 0.24}, {40, 64, 0.33}, {65, 79, 0.18}, {80, 99, 0.10},
};

std::string RandomPhone(Rng& rng, const char* area_code) {
  int exchange;
  do {
    exchange = static_cast<int>(rng.Between(201, 989));
    // 555 is the fictional exchange and N11 codes are service numbers.
  } while (exchange == 555 || exchange % 100 == 11);
  return absl::StrFormat("%s%03d%04d", area_code, exchange, rng.Between(0, 9999));
}

std::string RandomStreet(Rng& rng) {
  absl::Span<const char* const> streets = StreetNames();
  absl::Span<const char* const> suffixes = StreetSuffixes();
  std::string street = absl::StrCat(rng.Between(1, 9899), " ", streets[rng.Below(streets.size())],
                                    " ", suffixes[rng.Skewed(suffixes.size())]);
  if (rng.Chance(0.12)) {
    absl::StrAppend(&street, " Apt ", rng.Between(1, 24),
                    std::string(1, static_cast<char>('A' + rng.Below(4))));
  }
  return street;
}

}  // namespace

int AgeOn(const Person& person, int64_t day) {
  // Whole years by the calendar would need civil arithmetic; 365.2425-day
  // years are off by at most a day around birthdays, which nothing here needs.
  return static_cast<int>(static_cast<double>(day - person.identity.birth_day) / 365.2425);
}

void GenerateIdentity(const HistoryContext& context, Rng& rng, Person& person) {
  Identity& id = person.identity;
  id.sex = rng.Chance(0.51) ? Sex::kFemale : Sex::kMale;

  double weights[5];
  for (int i = 0; i < 5; ++i) weights[i] = kAgeBands[i].weight;
  const AgeBand& band = kAgeBands[rng.Weighted(weights)];
  int64_t age_days = rng.Between(static_cast<int64_t>(band.lo * 365.2425),
                                 static_cast<int64_t>((band.hi + 1) * 365.2425) - 1);
  id.birth_day = context.as_of_day - age_days;

  absl::Span<const char* const> given =
      id.sex == Sex::kFemale ? FemaleGivenNames() : MaleGivenNames();
  id.given = given[rng.Skewed(given.size())];
  if (rng.Chance(0.85)) {
    std::string middle;
    do {
      middle = given[rng.Skewed(given.size())];
    } while (middle == id.given);
    id.middle = middle;
  }
  absl::Span<const char* const> family = FamilyNames();
  id.family = family[rng.Skewed(family.size())];

  absl::Span<const Town> towns = Towns();
  double town_weights[32];
  for (size_t i = 0; i < towns.size(); ++i) town_weights[i] = towns[i].weight;
  id.town = static_cast<int>(rng.Weighted(absl::MakeConstSpan(town_weights, towns.size())));
  const Town& town = towns[id.town];
  id.zip = town.zips[rng.Below(town.zips.size())];
  id.street = RandomStreet(rng);
  id.phone = RandomPhone(rng, town.area_code);
}

}  // namespace tessera::riverside
