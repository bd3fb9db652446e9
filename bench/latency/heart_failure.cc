// File: bench/latency/heart_failure.cc
//
// The heart-failure alert: patients with a heart-failure diagnosis (ICD-10
// I50) whose home scale shows a gain of 10 lb or more within 7 days, among
// readings of the last 30 days (Riverside's today is 2026-11-01). Weights
// are compared in kg; 4.535 kg sits between 9.9 and 10.0 lb and between 4.5
// and 4.6 kg, the steps the scales report in, so rounding cannot move a
// patient across the threshold.

#include <algorithm>
#include <future>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "bench/latency/floor_util.h"
#include "bench/latency/workloads.h"
#include "engine/common/status_macros.h"

namespace tessera::bench::latency {
namespace {

constexpr char kSince[] = "2026-10-02 00:00:00";
constexpr double kGainKg = 4.535;
constexpr double kKgPerLb = 0.45359237;

absl::StatusOr<absl::Time> ParseTimestamp(const std::string& cell) {
  absl::Time t;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%S", cell, absl::UTCTimeZone(), &t, &error)) {
    return absl::DataLossError(absl::StrCat("not a timestamp: ", cell));
  }
  return t;
}

struct Weight {
  absl::Time at;
  double kg = 0;
  bool operator<(const Weight& o) const { return at < o.at; }
};

// Whether some weight is followed within 7 days by one 4.535 kg heavier.
bool Gained(std::vector<Weight>& weights) {
  std::sort(weights.begin(), weights.end());
  for (size_t a = 0; a < weights.size(); ++a) {
    for (size_t b = a + 1; b < weights.size() && weights[b].at <= weights[a].at + absl::Hours(24 * 7); ++b) {
      if (weights[b].at > weights[a].at && weights[b].kg - weights[a].kg >= kGainKg) return true;
    }
  }
  return false;
}

// The hub's recent weights, the EHR's heart-failure diagnoses and the two
// sources' links, all at once; then the weights per person, in memory.
absl::StatusOr<Answer> Floor(Connections& c, int64_t) {
  ASSIGN_OR_RETURN(absl::Time since, ParseTimestamp(kSince));
  auto readings = std::async(std::launch::async, [&] {
    return HubScan(c, "readings", {"registration_id", "measured_at", "value", "unit"},
                   HubAnd({HubEquals("type", "weight"), HubAtLeast("measured_at", absl::ToUnixMicros(since))}));
  });
  std::vector<absl::StatusOr<Answer>> got = Concurrently({
      {c.ehr.get(), "SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'I50%'"},
      {c.identity.get(), LinkRowsSql("devices", "registration")},
      {c.identity.get(), LinkRowsSql("ehr", "patient")},
  });
  absl::StatusOr<Answer> weights = readings.get();
  RETURN_IF_ERROR(weights.status());
  for (const auto& g : got) RETURN_IF_ERROR(g.status());
  ASSIGN_OR_RETURN(std::set<int64_t> failing, LinkedPatients(*got[2], *got[0]));
  std::map<std::string, int64_t> person;  // Registration -> enterprise id.
  for (const auto& r : got[1]->rows) {
    ASSIGN_OR_RETURN(person[r[1]], ParseId(r[0]));
  }
  std::map<int64_t, std::vector<Weight>> by_person;
  for (const auto& r : weights->rows) {
    auto it = person.find(r[0]);
    if (it == person.end() || !failing.count(it->second) || r[2] == "NULL") continue;
    Weight w;
    ASSIGN_OR_RETURN(w.at, ParseTimestamp(r[1]));
    if (!absl::SimpleAtod(r[2], &w.kg)) return absl::DataLossError(absl::StrCat("not a weight: ", r[2]));
    if (r[3] == "lb") w.kg *= kKgPerLb;
    by_person[it->second].push_back(w);
  }
  Answer out;
  out.columns = {"patient_id"};
  for (auto& [id, list] : by_person) {
    if (Gained(list)) out.rows.push_back({absl::StrCat(id)});
  }
  return out;
}

}  // namespace

Workload HeartFailureWorkload() {
  return {
      .name = "heart_failure",
      .question = "heart-failure patients whose home-scale weight rose 10 lb or more within 7 days (last 30 days)",
      .ordered = true,
      .peer_note = "peer: device readings from a local table (no gRPC wrapper), the link index copied into a local "
                   "table, the lb-to-kg conversion written out",
      .tessera_sql =
          [](int64_t) {
            return absl::StrCat(
                "SELECT DISTINCT a.patient_id FROM observation AS a JOIN observation AS b ON b.patient_id = "
                "a.patient_id WHERE a.code = '29463-7' AND b.code = '29463-7' AND a.category = 'device' AND "
                "b.category = 'device' AND a.effective_at >= TIMESTAMP '",
                kSince,
                "' AND b.effective_at > a.effective_at AND b.effective_at <= a.effective_at + INTERVAL '7 days' AND "
                "b.value - a.value >= ",
                kGainKg, " AND a.patient_id IN (SELECT patient_id FROM condition WHERE code LIKE 'I50%') ORDER BY 1");
          },
      .peer_sql =
          [](int64_t) {
            return absl::StrCat(
                "WITH w AS (SELECT l.enterprise_id, r.measured_at, CASE r.unit WHEN 'lb' THEN r.value * ", kKgPerLb,
                " ELSE r.value END AS kg FROM devices.readings AS r JOIN identity.link_record AS l ON l.source = "
                "'devices' AND l.record_type = 'registration' AND l.record_id = r.registration_id WHERE r.type = "
                "'weight' AND r.measured_at >= TIMESTAMP '",
                kSince,
                "'), hf AS (SELECT l.enterprise_id FROM ehr.condition AS c JOIN identity.link_record AS l ON "
                "l.source = 'ehr' AND l.record_type = 'patient' AND CAST(l.record_id AS bigint) = c.patient_id "
                "WHERE c.icd10_code LIKE 'I50%') "
                "SELECT DISTINCT a.enterprise_id AS patient_id FROM w AS a JOIN w AS b ON b.enterprise_id = "
                "a.enterprise_id AND b.measured_at > a.measured_at AND b.measured_at <= a.measured_at + INTERVAL "
                "'7 days' AND b.kg - a.kg >= ",
                kGainKg, " WHERE a.enterprise_id IN (SELECT enterprise_id FROM hf) ORDER BY 1");
          },
      .floor = Floor,
  };
}

}  // namespace tessera::bench::latency
