#include "engine/riverside/lab_source.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "engine/riverside/ehr_source.h"
#include "engine/types/datetime.h"

namespace tessera::riverside {
namespace {

// Share of lab patients registered from an EHR order, which carries the MRN.
constexpr double kMrnOnOrderRate = 0.6;

int64_t FirstLabDay(const Person& p) {
  for (const LabResult& r : p.labs) {
    if (!r.point_of_care) return r.collected_at / kSecondsPerDay;
  }
  return kNoDay;
}

struct Pending {
  int64_t collected_at;
  int64_t lab_patient_id;
  size_t person;
  int draw;
  int k;  // Index into Person::labs.
};

}  // namespace

LabData BuildLab(const std::vector<Person>& people, const HistoryContext& context,
                 const NoiseRates& rates, const SourceRecords& ehr_patients) {
  LabData lab;
  RecordOptions options;
  options.stream = Stream::kLabNoise;
  options.id_base = kFirstLabPatientId;
  options.present = [](const Person& p) { return p.in_lab; };
  options.first_fact_day = FirstLabDay;
  lab.patients = BuildRecords(people, context, rates, options);

  lab.ehr_mrn.resize(lab.patients.records.size());
  for (size_t k = 0; k < lab.patients.records.size(); ++k) {
    const PersonRecord& r = lab.patients.records[k];
    Rng rng = Rng::For(context.seed, Stream::kLabMrn, r.person * 2 + (r.duplicate ? 1 : 0));
    if (ehr_patients.Has(r.person) && rng.Chance(kMrnOnOrderRate)) {
      lab.ehr_mrn[k] = MrnFor(ehr_patients.primary[r.person]);
    }
  }

  std::vector<Pending> pending;
  lab.result_id.resize(people.size());
  for (size_t i = 0; i < people.size(); ++i) {
    const Person& p = people[i];
    if (!lab.patients.Has(i)) continue;
    lab.result_id[i].assign(p.labs.size(), 0);
    for (size_t k = 0; k < p.labs.size(); ++k) {
      const LabResult& r = p.labs[k];
      if (r.point_of_care) continue;
      pending.push_back({r.collected_at, lab.patients.RecordFor(i, r.collected_at), i, r.draw,
                         static_cast<int>(k)});
    }
  }
  std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
    return std::tie(a.collected_at, a.lab_patient_id, a.draw, a.k) <
           std::tie(b.collected_at, b.lab_patient_id, b.draw, b.k);
  });

  // Results of one draw sit next to each other after the sort, and share an
  // accession: site letter, two-digit year, running number.
  lab.results.reserve(pending.size());
  int64_t accession_number = 0;
  for (size_t n = 0; n < pending.size(); ++n) {
    const Pending& item = pending[n];
    const LabResult& r = people[item.person].labs[item.k];
    bool same_draw =
        n > 0 && pending[n - 1].person == item.person && pending[n - 1].draw == item.draw;
    if (!same_draw) ++accession_number;
    LabResultRow row;
    row.id = static_cast<int64_t>(n) + 1;
    row.lab_patient_id = item.lab_patient_id;
    row.result = &r;
    absl::CivilDay day = CivilFromDays(r.collected_at / kSecondsPerDay);
    row.accession = absl::StrFormat("%c%02d-%07d", r.site == LabSite::kMain ? 'M' : 'N',
                                    day.year() % 100, accession_number);
    lab.result_id[item.person][item.k] = row.id;
    lab.results.push_back(std::move(row));
  }
  return lab;
}

}  // namespace tessera::riverside
