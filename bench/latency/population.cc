// File: bench/latency/population.cc
//
// The population dashboard: heart-failure patients (ICD-10 I50) counted by
// the first three digits of their golden-record zip, with the median of
// each one's latest systolic blood pressure (from any source: clinic vital
// signs or a home cuff; the highest value where two share the latest time).

#include <algorithm>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/latency/floor_util.h"
#include "bench/latency/workloads.h"
#include "engine/common/status_macros.h"

namespace tessera::bench::latency {
namespace {

// percentile_cont(0.5): the middle value, or the mean of the middle two.
std::string Median(std::vector<double> v) {
  if (v.empty()) return "NULL";
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return absl::StrFormat("%.6f", m);
}

struct Reading {
  std::string at;  // ISO text orders as time does.
  double value = 0;
};

// Per person, the latest systolic reading (the highest at a shared time).
void Keep(std::map<int64_t, Reading>& latest, int64_t person, const std::string& at, double value) {
  auto [it, inserted] = latest.try_emplace(person, Reading{at, value});
  if (inserted) return;
  if (at > it->second.at || (at == it->second.at && value > it->second.value)) it->second = {at, value};
}

// Round one: the diagnoses and the link index. Round two, for the
// heart-failure patients only: their zips in each source, their clinic
// systolic pressures and their cuffs' readings, all at once.
absl::StatusOr<Answer> Floor(Connections& c, int64_t) {
  std::vector<absl::StatusOr<Answer>> links = Concurrently({
      {c.ehr.get(), "SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'I50%'"},
      {c.identity.get(), LinkRowsSql("ehr", "patient")},
      {c.identity.get(), LinkRowsSql("pharmacy", "customer")},
      {c.identity.get(), LinkRowsSql("lab", "patient")},
      {c.identity.get(), LinkRowsSql("devices", "registration")},
  });
  for (const auto& g : links) RETURN_IF_ERROR(g.status());
  ASSIGN_OR_RETURN(std::set<int64_t> failing, LinkedPatients(*links[1], *links[0]));
  // Each source's record ids of the failing, and the person of each.
  std::map<std::string, int64_t> person[4];
  std::set<int64_t> ids[3];
  std::set<std::string> registrations;
  for (int s = 0; s < 4; ++s) {
    for (const auto& r : links[s + 1]->rows) {
      ASSIGN_OR_RETURN(int64_t p, ParseId(r[0]));
      if (!failing.count(p)) continue;
      person[s][r[1]] = p;
      if (s == 3) {
        registrations.insert(r[1]);
      } else {
        ASSIGN_OR_RETURN(int64_t id, ParseId(r[1]));
        ids[s].insert(id);
      }
    }
  }
  struct Query {
    int source;  // 0 ehr, 1 pharmacy, 2 lab: zips; 3: clinic pressures.
    Connector* connector;
    std::string sql;
  };
  std::vector<Query> queries;
  for (const std::string& list : IdLists(ids[0])) {
    queries.push_back({0, c.ehr.get(), absl::StrCat("SELECT patient_id, zip FROM ehr.patient WHERE patient_id IN (",
                                                    list, ")")});
    queries.push_back({3, c.ehr.get(),
                       absl::StrCat("SELECT patient_id, taken_at, systolic_mmhg FROM ehr.vital_sign WHERE "
                                    "systolic_mmhg IS NOT NULL AND patient_id IN (",
                                    list, ")")});
  }
  for (const std::string& list : IdLists(ids[1])) {
    queries.push_back(
        {1, c.pharmacy.get(), absl::StrCat("SELECT customer_id, postal_code FROM customer WHERE customer_id IN (", list,
                                           ")")});
  }
  for (const std::string& list : IdLists(ids[2])) {
    queries.push_back({2, c.lab.get(), absl::StrCat("SELECT lab_patient_id, zip FROM lab.patient WHERE "
                                                    "lab_patient_id IN (",
                                                    list, ")")});
  }
  auto cuffs = std::async(std::launch::async, [&]() -> absl::StatusOr<Answer> {
    if (registrations.empty()) return Answer{};
    return HubScan(c, "readings", {"registration_id", "measured_at", "systolic"},
                   HubAnd({HubEquals("type", "blood_pressure"), HubIn("registration_id", registrations)}));
  });
  std::vector<std::pair<Connector*, std::string>> sql;
  for (const Query& q : queries) sql.push_back({q.connector, q.sql});
  std::vector<absl::StatusOr<Answer>> got = Concurrently(std::move(sql));
  absl::StatusOr<Answer> cuff_rows = cuffs.get();
  RETURN_IF_ERROR(cuff_rows.status());

  // The golden zip: the EHR's, else the pharmacy's, else the lab's; within
  // a source the most recent record's (ids grow with time) that has one.
  std::map<int64_t, std::pair<int, int64_t>> zip_from;  // Person -> (source rank, record id).
  std::map<int64_t, std::string> zip;
  std::map<int64_t, Reading> latest;
  for (size_t i = 0; i < queries.size(); ++i) {
    RETURN_IF_ERROR(got[i].status());
    const int s = queries[i].source;
    for (const auto& r : got[i]->rows) {
      const int64_t p = person[s == 3 ? 0 : s].at(r[0]);
      if (s == 3) {
        double v = 0;
        if (!absl::SimpleAtod(r[2], &v)) return absl::DataLossError(absl::StrCat("not a pressure: ", r[2]));
        Keep(latest, p, r[1], v);
        continue;
      }
      if (r[1] == "NULL") continue;
      ASSIGN_OR_RETURN(int64_t id, ParseId(r[0]));
      std::pair<int, int64_t> rank = {s, -id};
      auto it = zip_from.find(p);
      if (it == zip_from.end() || rank < it->second) {
        zip_from[p] = rank;
        zip[p] = r[1].substr(0, 3);
      }
    }
  }
  for (const auto& r : cuff_rows->rows) {
    double v = 0;
    if (r[2] == "NULL" || !absl::SimpleAtod(r[2], &v)) continue;
    Keep(latest, person[3].at(r[0]), r[1], v);
  }
  std::map<std::optional<std::string>, std::pair<int64_t, std::vector<double>>> groups;
  for (int64_t p : failing) {
    auto z = zip.find(p);
    auto& g = groups[z == zip.end() ? std::nullopt : std::optional<std::string>(z->second)];
    ++g.first;
    auto l = latest.find(p);
    if (l != latest.end()) g.second.push_back(l->second.value);
  }
  Answer out;
  out.columns = {"zip3", "patients", "median_systolic"};
  for (const auto& [z, g] : groups) {
    if (z.has_value()) out.rows.push_back({*z, absl::StrCat(g.first), Median(g.second)});
  }
  // NULL sorts last, as ORDER BY puts it in ascending order.
  auto none = groups.find(std::nullopt);
  if (none != groups.end()) out.rows.push_back({"NULL", absl::StrCat(none->second.first), Median(none->second.second)});
  return out;
}

// One source's records of the heart-failure patients, as (enterprise id,
// rank, record id, zip) for the peer's golden zip.
std::string PeerZips(int rank, const char* table, const char* id, const char* zip, const char* source,
                     const char* record_type) {
  return absl::StrCat("SELECT l.enterprise_id, ", rank, " AS rank, r.", id, " AS rid, r.", zip, " AS zip FROM ",
                      table, " AS r JOIN identity.link_record AS l ON l.source = '", source,
                      "' AND l.record_type = '", record_type, "' AND CAST(l.record_id AS bigint) = r.", id,
                      " WHERE r.", id, " = ANY (ARRAY(SELECT CAST(record_id AS bigint) FROM identity.link_record "
                      "WHERE source = '", source, "' AND record_type = '", record_type,
                      "' AND enterprise_id IN (SELECT enterprise_id FROM hf)))");
}

}  // namespace

Workload PopulationWorkload() {
  return {
      .name = "population",
      .question = "heart-failure patients by zip3, with the median of their latest systolic blood pressure",
      .ordered = true,
      .peer_note = "peer: device readings from a local table, the link index copied into a local table, the golden "
                   "zip and the latest reading written with DISTINCT ON, the patients' ids pushed as arrays",
      .tessera_sql =
          [](int64_t) {
            return std::string(
                "SELECT substr(p.zip, 1, 3) AS zip3, count(*) AS patients, percentile_cont(0.5) WITHIN GROUP "
                "(ORDER BY s.systolic) AS median_systolic FROM patient AS p JOIN (SELECT DISTINCT patient_id FROM "
                "condition WHERE code LIKE 'I50%') AS hf ON hf.patient_id = p.patient_id LEFT JOIN (SELECT "
                "o.patient_id, max(o.value) AS systolic FROM observation AS o JOIN (SELECT patient_id, "
                "max(effective_at) AS at FROM observation WHERE code = '8480-6' GROUP BY patient_id) AS l ON "
                "l.patient_id = o.patient_id AND l.at = o.effective_at WHERE o.code = '8480-6' GROUP BY "
                "o.patient_id) AS s ON s.patient_id = p.patient_id GROUP BY 1 ORDER BY 1");
          },
      .peer_sql =
          [](int64_t) {
            return absl::StrCat(
                "WITH hf AS (SELECT DISTINCT l.enterprise_id FROM ehr.condition AS c JOIN identity.link_record AS l "
                "ON l.source = 'ehr' AND l.record_type = 'patient' AND CAST(l.record_id AS bigint) = c.patient_id "
                "WHERE c.icd10_code LIKE 'I50%'), zips AS (",
                PeerZips(0, "ehr.patient", "patient_id", "zip", "ehr", "patient"), " UNION ALL ",
                PeerZips(1, "pharmacy.customer", "customer_id", "postal_code", "pharmacy", "customer"),
                " UNION ALL SELECT l.enterprise_id, 2, r.lab_patient_id, r.zip FROM lab.patient AS r JOIN "
                "identity.link_record AS l ON l.source = 'lab' AND l.record_type = 'patient' AND "
                "CAST(l.record_id AS bigint) = r.lab_patient_id WHERE l.enterprise_id IN (SELECT enterprise_id "
                "FROM hf)), zip AS (SELECT DISTINCT ON (enterprise_id) enterprise_id, substr(zip, 1, 3) AS zip3 "
                "FROM zips WHERE zip IS NOT NULL ORDER BY enterprise_id, rank, rid DESC), bp AS (SELECT "
                "l.enterprise_id, v.taken_at AS at, CAST(v.systolic_mmhg AS double precision) AS systolic FROM "
                "ehr.vital_sign AS v JOIN identity.link_record AS l ON l.source = 'ehr' AND l.record_type = "
                "'patient' AND CAST(l.record_id AS bigint) = v.patient_id WHERE v.systolic_mmhg IS NOT NULL AND "
                "v.patient_id = ANY (ARRAY(SELECT CAST(record_id AS bigint) FROM identity.link_record WHERE source "
                "= 'ehr' AND record_type = 'patient' AND enterprise_id IN (SELECT enterprise_id FROM hf))) "
                "UNION ALL SELECT l.enterprise_id, r.measured_at, CAST(r.systolic AS double precision) FROM "
                "devices.readings AS r JOIN identity.link_record AS l ON l.source = 'devices' AND l.record_type = "
                "'registration' AND l.record_id = r.registration_id WHERE r.type = 'blood_pressure' AND "
                "r.systolic IS NOT NULL AND l.enterprise_id IN (SELECT enterprise_id FROM hf)), latest AS (SELECT "
                "DISTINCT ON (enterprise_id) enterprise_id, systolic FROM bp ORDER BY enterprise_id, at DESC, "
                "systolic DESC) SELECT z.zip3, count(*) AS patients, percentile_cont(0.5) WITHIN GROUP (ORDER BY "
                "la.systolic) AS median_systolic FROM hf LEFT JOIN zip AS z USING (enterprise_id) LEFT JOIN latest "
                "AS la USING (enterprise_id) GROUP BY 1 ORDER BY 1");
          },
      .floor = Floor,
  };
}

}  // namespace tessera::bench::latency
