#include "engine/riverside/ehr_source.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_format.h"

namespace tessera::riverside {
namespace {

// Share of results from outside reference labs that reach the EHR at all.
constexpr double kOutsideResultRate = 0.7;

// An event waiting for its id: rows are numbered in time order, as a live
// system would have numbered them, with ties broken by patient and position.
template <typename Row>
struct Keyed {
  int64_t at;
  size_t person;
  int index;
  Row row;
  int fact = -1;
};

template <typename Row>
std::vector<Row> Number(std::vector<Keyed<Row>>& items, std::vector<int>* facts = nullptr) {
  std::sort(items.begin(), items.end(), [](const Keyed<Row>& a, const Keyed<Row>& b) {
    return std::tie(a.at, a.row.patient_id, a.person, a.index) <
           std::tie(b.at, b.row.patient_id, b.person, b.index);
  });
  std::vector<Row> rows;
  rows.reserve(items.size());
  for (size_t n = 0; n < items.size(); ++n) {
    items[n].row.id = static_cast<int64_t>(n) + 1;
    rows.push_back(items[n].row);
    if (facts != nullptr) facts->push_back(items[n].fact);
  }
  return rows;
}

int64_t FirstEncounterDay(const Person& p) {
  return p.encounters.empty() ? kNoDay : p.encounters.front().start / kSecondsPerDay;
}

}  // namespace

std::string MrnFor(int64_t patient_id) {
  // Multiplying by a number coprime to 9,000,000 permutes the residues, so
  // distinct patients below nine million get distinct MRNs.
  int64_t scrambled = (patient_id * 7919) % 9000000;
  return absl::StrFormat("RV%07d", 1000000 + scrambled);
}

SourceRecords BuildEhrPatients(const std::vector<Person>& people, const HistoryContext& context,
                               const NoiseRates& rates) {
  RecordOptions options;
  options.stream = Stream::kEhrNoise;
  options.id_base = 1;
  options.present = [](const Person& p) { return p.in_ehr; };
  options.first_fact_day = FirstEncounterDay;
  return BuildRecords(people, context, rates, options);
}

EhrData BuildEhr(const std::vector<Person>& people, const HistoryContext& context,
                 const NoiseRates& rates, SourceRecords patients, const LabData& lab) {
  EhrData ehr;
  ehr.patients = std::move(patients);
  const SourceRecords& records = ehr.patients;

  // Encounters first: every other fact files under its encounter's patient.
  std::vector<Keyed<EhrRow<Encounter>>> encounters;
  for (size_t i = 0; i < people.size(); ++i) {
    if (!records.Has(i)) continue;
    const Person& p = people[i];
    for (size_t k = 0; k < p.encounters.size(); ++k) {
      const Encounter& e = p.encounters[k];
      encounters.push_back(
          {e.start, i, static_cast<int>(k), {0, records.RecordFor(i, e.start), 0, &e}});
    }
  }
  ehr.encounters = Number(encounters);
  std::vector<std::vector<std::pair<int64_t, int64_t>>> encounter_ids(people.size());
  for (size_t i = 0; i < people.size(); ++i) {
    if (records.Has(i)) encounter_ids[i].resize(people[i].encounters.size());
  }
  for (const Keyed<EhrRow<Encounter>>& item : encounters) {
    encounter_ids[item.person][item.index] = {item.row.id, item.row.patient_id};
  }
  int64_t vital_id = 0;
  for (const EhrRow<Encounter>& e : ehr.encounters) {
    if (e.event->has_vitals) ehr.vital_signs.push_back({++vital_id, e.patient_id, e.id, e.event});
  }

  // Fills patient and encounter ids of a fact dated `at` linked to `encounter`.
  auto link = [&](size_t person, int encounter, int64_t at, auto& row) {
    if (encounter >= 0) {
      row.encounter_id = encounter_ids[person][encounter].first;
      row.patient_id = encounter_ids[person][encounter].second;
    } else {
      row.patient_id = records.RecordFor(person, at);
    }
  };

  std::vector<Keyed<EhrRow<ConditionEpisode>>> conditions;
  std::vector<Keyed<EhrRow<MedOrder>>> orders;
  std::vector<Keyed<EhrRow<Procedure>>> procedures;
  std::vector<Keyed<EhrLabRow>> labs;
  std::vector<SameFact> facts;
  for (size_t i = 0; i < people.size(); ++i) {
    if (!records.Has(i)) continue;
    const Person& p = people[i];
    for (size_t k = 0; k < p.conditions.size(); ++k) {
      const ConditionEpisode& c = p.conditions[k];
      Keyed<EhrRow<ConditionEpisode>> item{c.recorded_at, i, static_cast<int>(k), {0, 0, 0, &c}};
      link(i, c.encounter, c.recorded_at, item.row);
      conditions.push_back(item);
    }
    for (size_t k = 0; k < p.orders.size(); ++k) {
      const MedOrder& o = p.orders[k];
      if (o.outside) continue;
      Keyed<EhrRow<MedOrder>> item{o.ordered_at, i, static_cast<int>(k), {0, 0, 0, &o}};
      link(i, o.encounter, o.ordered_at, item.row);
      orders.push_back(item);
    }
    for (size_t k = 0; k < p.procedures.size(); ++k) {
      const Procedure& pr = p.procedures[k];
      Keyed<EhrRow<Procedure>> item{pr.at, i, static_cast<int>(k), {0, 0, 0, &pr}};
      link(i, pr.encounter, pr.at, item.row);
      procedures.push_back(item);
    }

    Rng rng = Rng::For(context.seed, Stream::kFacts, i);
    bool in_lab = !lab.result_id[i].empty();
    for (size_t k = 0; k < p.labs.size(); ++k) {
      const LabResult& r = p.labs[k];
      Keyed<EhrLabRow> item{r.collected_at, i, static_cast<int>(2 * k), {}};
      item.row.result = &r;
      link(i, r.encounter, r.collected_at, item.row);
      if (r.point_of_care) {
        item.row.origin = EhrLabOrigin::kPointOfCare;
        item.row.received_at = r.resulted_at;
        labs.push_back(item);
        continue;
      }
      if (!r.ordered_in_ehr) continue;
      if (in_lab && lab.result_id[i][k] != 0) {
        if (!rng.Chance(rates.duplicate_fact)) continue;
        item.row.origin = EhrLabOrigin::kInterfaced;
        item.row.received_at = r.resulted_at + 60 * rng.Between(1, 90);
        item.fact = static_cast<int>(facts.size());
        facts.push_back({0, i, &r, lab.result_id[i][k], {}});
        labs.push_back(item);
        if (rng.Chance(rates.resent_fact)) {
          item.index += 1;
          item.row.received_at += rng.Between(3600, 3 * kSecondsPerDay);
          labs.push_back(item);
        }
      } else if (!in_lab && rng.Chance(kOutsideResultRate)) {
        item.row.origin = EhrLabOrigin::kOutsideLab;
        item.row.received_at = r.resulted_at + rng.Between(3600, 2 * kSecondsPerDay);
        labs.push_back(item);
      }
    }
  }
  ehr.conditions = Number(conditions);
  ehr.medication_orders = Number(orders);
  ehr.procedures = Number(procedures);
  std::vector<int> fact_of_row;
  ehr.lab_results = Number(labs, &fact_of_row);
  for (size_t n = 0; n < ehr.lab_results.size(); ++n) {
    if (fact_of_row[n] >= 0)
      facts[fact_of_row[n]].ehr_lab_result_ids.push_back(ehr.lab_results[n].id);
  }
  std::sort(facts.begin(), facts.end(),
            [](const SameFact& a, const SameFact& b) { return a.lab_result_id < b.lab_result_id; });
  for (size_t n = 0; n < facts.size(); ++n) facts[n].id = static_cast<int64_t>(n) + 1;
  ehr.same_facts = std::move(facts);
  return ehr;
}

}  // namespace tessera::riverside
