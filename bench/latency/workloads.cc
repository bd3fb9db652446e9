// File: bench/latency/workloads.cc
//
// Dates are fixed against Riverside's default "today", 2026-11-01 (tessera
// gen --as-of), so every run asks the same questions of the same data.

#include "bench/latency/workloads.h"

#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/latency/floor_util.h"
#include "engine/common/status_macros.h"

namespace tessera::bench::latency {
namespace {

// ------------------------------------------------- 4. medication safety

constexpr char kWarfarinRxnorm[] = "855332";
constexpr char kWarfarinNdcs[] = "'70954103010', '71205058230', '72688002201'";  // code_map.csv
constexpr char kNsaidRxnorms[] = "'197806', '197807', '198014'";  // ibuprofen 600/800, naproxen
constexpr char kNinetyDaysAgo[] = "2026-08-03";

// The four sub-queries are independent, so all run at once; the link index
// is read per source (a few MB at 100,000 people) and joined here.
absl::StatusOr<Answer> MedicationFloor(Connections& c, int64_t) {
  std::vector<absl::StatusOr<Answer>> got = Concurrently({
      {c.pharmacy.get(), absl::StrCat("SELECT customer_id FROM dispensing WHERE ndc IN (", kWarfarinNdcs,
                                      ") AND dispensed_on >= '", kNinetyDaysAgo, "'")},
      {c.ehr.get(), absl::StrCat("SELECT patient_id FROM ehr.medication_order WHERE rxnorm_code IN (",
                                 kNsaidRxnorms, ")")},
      {c.identity.get(), LinkRowsSql("pharmacy", "customer")},
      {c.identity.get(), LinkRowsSql("ehr", "patient")},
  });
  for (const auto& g : got) RETURN_IF_ERROR(g.status());
  ASSIGN_OR_RETURN(std::set<int64_t> warfarin, LinkedPatients(*got[2], *got[0]));
  ASSIGN_OR_RETURN(std::set<int64_t> nsaid, LinkedPatients(*got[3], *got[1]));
  Answer out;
  out.columns = {"patient_id"};
  for (int64_t id : warfarin) {
    if (nsaid.count(id)) out.rows.push_back({absl::StrCat(id)});
  }
  return out;
}

// --------------------------------------------------------- 3. care gap

constexpr char kOneYearAgo[] = "2025-11-01 00:00:00";
constexpr char kEyeExams[] = "'2022F', '92250', '92014'";  // codes.cc: retinal exam, fundus photo, eye visit
constexpr char kLabHba1c[] = "'HBA1C', 'A1C'";              // the lab's codes for LOINC 4548-4, in %

// All seven sub-queries are independent: the three that find the diabetic
// (by diagnosis, or by an HbA1c of 6.5 % or more in either laboratory), the
// eye exams, and the link index for the two sources involved.
absl::StatusOr<Answer> CareGapFloor(Connections& c, int64_t) {
  std::vector<absl::StatusOr<Answer>> got = Concurrently({
      {c.ehr.get(), "SELECT patient_id FROM ehr.condition WHERE icd10_code LIKE 'E11%'"},
      {c.ehr.get(), absl::StrCat("SELECT patient_id FROM ehr.lab_result WHERE loinc_code = '4548-4' AND "
                                 "result_value >= 6.5 AND observed_at >= TIMESTAMP '",
                                 kOneYearAgo, "'")},
      {c.lab.get(), absl::StrCat("SELECT lab_patient_id FROM lab.lab_result WHERE test_code IN (",
                                 kLabHba1c, ") AND result_value >= 6.5 AND collected_at >= TIMESTAMP '", kOneYearAgo,
                                 "'")},
      {c.ehr.get(), absl::StrCat("SELECT patient_id FROM ehr.procedure WHERE cpt_code IN (", kEyeExams,
                                 ") AND performed_at >= TIMESTAMP '", kOneYearAgo, "'")},
      {c.identity.get(), LinkRowsSql("ehr", "patient")},
      {c.identity.get(), LinkRowsSql("lab", "patient")},
  });
  for (const auto& g : got) RETURN_IF_ERROR(g.status());
  std::set<int64_t> diabetic, examined;
  for (int i : {0, 1}) {
    ASSIGN_OR_RETURN(std::set<int64_t> ids, LinkedPatients(*got[4], *got[i]));
    diabetic.insert(ids.begin(), ids.end());
  }
  ASSIGN_OR_RETURN(std::set<int64_t> lab, LinkedPatients(*got[5], *got[2]));
  diabetic.insert(lab.begin(), lab.end());
  ASSIGN_OR_RETURN(examined, LinkedPatients(*got[4], *got[3]));
  Answer out;
  out.columns = {"patient_id"};
  for (int64_t id : diabetic) {
    if (!examined.count(id)) out.rows.push_back({absl::StrCat(id)});
  }
  return out;
}

}  // namespace

std::vector<Workload> Workloads() {
  std::vector<Workload> out;
  out.push_back({
      .name = "patient_view",
      .question = "one random patient's golden record (the patient view)",
      .per_patient = true,
      .peer_note = "peer: pharmacy through postgres_fdw (its PostgreSQL copy; no SQLite wrapper), the link index "
                   "copied into a local table, the view's SQL with the patient's ids pushed into each source "
                   "(= ANY(ARRAY(...)) for postgres_fdw, two scalar subqueries for mysql_fdw)",
      .tessera_sql = [](int64_t p) { return absl::StrCat("SELECT * FROM patient WHERE patient_id = ", p); },
      .floor =
          [](Connections& c, int64_t p) -> absl::StatusOr<Answer> {
            ASSIGN_OR_RETURN(PatientIds ids, LookUpPatient(c, p));
            return GoldenRecordFloor(c, p, ids);
          },
      .peer_call = [](Connections& c, Connector& peer, int64_t p) { return ScanAll(peer, PeerGoldenRecordSql(c, p)); },
  });
  out.push_back(PatientRecordWorkload());
  out.push_back(HeartFailureWorkload());
  out.push_back(PopulationWorkload());
  out.push_back({
      .name = "care_gap",
      .question = "type 2 diabetes or an HbA1c of 6.5 % or more in the last year, and no diabetic eye exam in the "
                  "last 12 months",
      .ordered = true,
      .peer_note = "peer: the link index copied into a local table; the lab's HbA1c codes written out (no code-map "
                   "function), raw results rather than the de-duplicated view",
      .tessera_sql =
          [](int64_t) {
            return absl::StrCat(
                "SELECT DISTINCT d.patient_id FROM (SELECT patient_id FROM condition WHERE code LIKE 'E11%' UNION "
                "SELECT patient_id FROM observation WHERE code = '4548-4' AND value >= 6.5 AND effective_at >= "
                "TIMESTAMP '",
                kOneYearAgo,
                "') AS d WHERE d.patient_id NOT IN (SELECT patient_id FROM procedure WHERE code IN (", kEyeExams,
                ") AND performed_at >= TIMESTAMP '", kOneYearAgo, "') ORDER BY 1");
          },
      .peer_sql =
          [](int64_t) {
            auto linked = [](const char* source, const char* id) { return PeerLinkJoin(source, "patient", id); };
            return absl::StrCat(
                "SELECT l.enterprise_id AS patient_id FROM ehr.condition AS r", linked("ehr", "patient_id"),
                " WHERE r.icd10_code LIKE 'E11%' UNION SELECT l.enterprise_id FROM ehr.lab_result AS r",
                linked("ehr", "patient_id"), " WHERE r.loinc_code = '4548-4' AND r.result_value >= 6.5 AND ",
                "r.observed_at >= TIMESTAMP '", kOneYearAgo, "' UNION SELECT l.enterprise_id FROM lab.lab_result AS r",
                linked("lab", "lab_patient_id"), " WHERE r.test_code IN (", kLabHba1c,
                ") AND r.result_value >= 6.5 AND r.collected_at >= TIMESTAMP '", kOneYearAgo,
                "' EXCEPT SELECT l.enterprise_id FROM ehr.procedure AS r", linked("ehr", "patient_id"),
                " WHERE r.cpt_code IN (", kEyeExams, ") AND r.performed_at >= TIMESTAMP '", kOneYearAgo,
                "' ORDER BY 1");
          },
      .floor = CareGapFloor,
  });
  out.push_back({
      .name = "medication_safety",
      .question = "warfarin dispensed in the last 90 days and an NSAID ordered",
      .ordered = true,
      .peer_note = "peer: pharmacy through postgres_fdw (its PostgreSQL copy), the link index copied into a local "
                   "table, the NDCs of warfarin written out (no code-map function)",
      .tessera_sql =
          [](int64_t) {
            return absl::StrCat(
                "SELECT DISTINCT d.patient_id FROM medication AS d JOIN medication AS o ON o.patient_id = "
                "d.patient_id WHERE d.kind = 'dispensing' AND d.code = '",
                kWarfarinRxnorm, "' AND d.start_date >= DATE '", kNinetyDaysAgo,
                "' AND o.kind = 'order' AND o.code IN (", kNsaidRxnorms, ") ORDER BY d.patient_id");
          },
      .peer_sql =
          [](int64_t) {
            return absl::StrCat(
                "SELECT DISTINCT ld.enterprise_id AS patient_id FROM pharmacy.dispensing AS d "
                "JOIN identity.link_record AS ld ON ld.source = 'pharmacy' AND ld.record_type = 'customer' AND "
                "ld.record_id = CAST(d.customer_id AS text) "
                "JOIN identity.link_record AS lo ON lo.enterprise_id = ld.enterprise_id AND lo.source = 'ehr' AND "
                "lo.record_type = 'patient' "
                "WHERE d.ndc IN (",
                kWarfarinNdcs, ") AND d.dispensed_on >= DATE '", kNinetyDaysAgo,
                "' AND EXISTS (SELECT 1 FROM ehr.medication_order AS o WHERE o.patient_id = "
                "CAST(lo.record_id AS bigint) AND o.rxnorm_code IN (",
                kNsaidRxnorms, ")) ORDER BY 1");
          },
      .floor = MedicationFloor,
  });
  out.push_back(RecentResultsWorkload());
  return out;
}

}  // namespace tessera::bench::latency
