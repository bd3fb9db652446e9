#include "engine/riverside/population.h"

#include <algorithm>
#include <functional>
#include <thread>

#include "engine/riverside/names.h"
#include "engine/riverside/random.h"

namespace tessera::riverside {
namespace {

// Runs `work(i)` for every i in [0, n), split into contiguous ranges over
// `threads` threads. Each i writes only its own slot, so the result does not
// depend on the split.
void ParallelFor(int64_t n, int threads, const std::function<void(int64_t)>& work) {
  threads = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, n / 64 + 1)));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    int64_t lo = n * t / threads;
    int64_t hi = n * (t + 1) / threads;
    pool.emplace_back([lo, hi, &work] {
      for (int64_t i = lo; i < hi; ++i) work(i);
    });
  }
  for (std::thread& thread : pool) thread.join();
}

// Some people live with the person generated just before them: a spouse or a
// child shares the address and home phone, and usually the family name. That
// makes "same address, same family name, different person" common, as it is.
void FormHouseholds(uint64_t seed, std::vector<Person>& people, int64_t as_of_day) {
  for (size_t i = 1; i < people.size(); ++i) {
    Rng rng = Rng::For(seed, Stream::kHousehold, i);
    if (!rng.Chance(0.25)) continue;
    Identity& id = people[i].identity;
    const Identity& head = people[i - 1].identity;
    bool child = as_of_day - id.birth_day < 18 * 365;
    if (rng.Chance(child ? 0.9 : 0.6)) id.family = head.family;
    id.street = head.street;
    id.town = head.town;
    id.zip = head.zip;
    if (rng.Chance(0.6)) id.phone = head.phone;
  }
}

}  // namespace

std::vector<Person> GeneratePopulation(const HistoryContext& context, int64_t people, int threads) {
  std::vector<Person> population(static_cast<size_t>(people));
  ParallelFor(people, threads, [&](int64_t i) {
    Person& p = population[i];
    p.id = i + 1;
    Rng rng = Rng::For(context.seed, Stream::kDemographics, static_cast<uint64_t>(i));
    GenerateIdentity(context, rng, p);
  });
  FormHouseholds(context.seed, population, context.as_of_day);
  ParallelFor(people, threads, [&](int64_t i) {
    Person& p = population[i];
    Rng rng = Rng::For(context.seed, Stream::kClinical, static_cast<uint64_t>(i));
    GenerateBody(context, rng, p);
    GenerateEncounters(context, rng, p);
    GenerateMedications(context, rng, p);
    GenerateLabs(context, rng, p);
    Rng device_rng = Rng::For(context.seed, Stream::kDevices, static_cast<uint64_t>(i));
    GenerateDevices(context, device_rng, p);
  });
  return population;
}

}  // namespace tessera::riverside
