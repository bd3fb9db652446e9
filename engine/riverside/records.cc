#include "engine/riverside/records.h"

#include <algorithm>
#include <tuple>

namespace tessera::riverside {
namespace {

// How long facts keep landing on a duplicate record before registration
// staff notice and start using the original again.
constexpr int64_t kDuplicateActiveDays = 120;

}  // namespace

SourceRecords BuildRecords(const std::vector<Person>& people, const HistoryContext& context,
                           const NoiseRates& rates, const RecordOptions& options) {
  SourceRecords out;
  size_t n = people.size();
  out.primary.assign(n, 0);
  out.duplicate.assign(n, 0);
  out.split_from.assign(n, 0);
  out.split_until.assign(n, 0);
  std::vector<PersonRecord> records;
  for (size_t i = 0; i < n; ++i) {
    const Person& p = people[i];
    if (!options.present(p)) continue;
    Rng rng = Rng::For(context.seed, options.stream, i);
    int64_t earliest = std::max(p.identity.birth_day, context.as_of_day - 25 * 365);
    int64_t first_fact = options.first_fact_day(p);
    int64_t latest = std::min(first_fact, context.as_of_day - 1);
    PersonRecord primary;
    primary.person = i;
    primary.since_day =
        earliest < latest ? rng.Between(earliest, latest) : std::max(earliest, latest);
    primary.demo = RecordIdentity(p.identity, rates, options.habits, rng, &primary.noise);
    records.push_back(std::move(primary));
    if (rng.Chance(rates.duplicate_person)) {
      PersonRecord dup;
      dup.person = i;
      dup.duplicate = true;
      int64_t from = std::max(records.back().since_day + 1, context.window_start_day);
      dup.since_day = from < context.as_of_day - 1 ? rng.Between(from, context.as_of_day - 1)
                                                   : context.as_of_day - 1;
      dup.demo = RecordDuplicateIdentity(p.identity, rates, options.habits, rng, &dup.noise);
      out.split_from[i] = dup.since_day * kSecondsPerDay;
      out.split_until[i] = (dup.since_day + kDuplicateActiveDays) * kSecondsPerDay;
      records.push_back(std::move(dup));
    }
  }
  std::sort(records.begin(), records.end(), [](const PersonRecord& a, const PersonRecord& b) {
    return std::tie(a.since_day, a.person, a.duplicate) <
           std::tie(b.since_day, b.person, b.duplicate);
  });
  for (size_t k = 0; k < records.size(); ++k) {
    PersonRecord& r = records[k];
    r.id = options.id_base + static_cast<int64_t>(k);
    (r.duplicate ? out.duplicate : out.primary)[r.person] = r.id;
  }
  out.records = std::move(records);
  return out;
}

}  // namespace tessera::riverside
