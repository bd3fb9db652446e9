// File: bench/latency/patient_record.cc
//
// The clinician opening a chart: one random patient's whole record
// (GetPatientRecord; FHIR's Patient/$everything). The three answers are
// compared as the golden record's fields plus, per view, the set of source
// records the view's rows stand for ("lab:1855"): a merged observation
// names every record it merges, so the set does not depend on how a system
// deduplicates, and the values are checked by the differential suite.

#include <chrono>
#include <future>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/latency/floor_util.h"
#include "bench/latency/tessera_client.h"
#include "bench/latency/workloads.h"
#include "engine/common/status_macros.h"
#include "engine/wire/batch_codec.h"

namespace tessera::bench::latency {
namespace {

// (section, item) rows, each item once per section.
class RecordAnswer {
 public:
  RecordAnswer() { answer_.columns = {"section", "item"}; }

  // The golden record's one row, a (patient.<column>, value) row per field.
  void AddGolden(const Answer& golden) {
    if (golden.rows.empty()) return;
    for (size_t i = 0; i < golden.columns.size(); ++i) {
      answer_.rows.push_back({absl::StrCat("patient.", golden.columns[i]), golden.rows[0][i]});
    }
  }
  void Add(const std::string& section, const std::string& item) {
    if (seen_.insert({section, item}).second) answer_.rows.push_back({section, item});
  }
  // Every cell of `records` as "<source>:<cell>".
  void AddAll(const std::string& section, const std::string& source, const Answer& records) {
    for (const auto& row : records.rows) Add(section, absl::StrCat(source, ":", row[0]));
  }
  Answer Take() { return std::move(answer_); }

 private:
  Answer answer_;
  std::set<std::pair<std::string, std::string>> seen_;
};

// ------------------------------------------------------------ Tessera

absl::StatusOr<Answer> AskTessera(TesseraClient& client, int64_t patient) {
  absl::StatusOr<v1::PatientRecordResponse> response = client.PatientRecord(patient, absl::Minutes(2));
  RecordAnswer out;
  if (absl::IsNotFound(response.status())) return out.Take();
  RETURN_IF_ERROR(response.status());
  for (const v1::PatientRecordSection& section : response->sections()) {
    ASSIGN_OR_RETURN(std::shared_ptr<const Schema> schema, DecodeSchema(section.schema()));
    RowBatch batch(schema);
    RETURN_IF_ERROR(DecodeBatch(section.rows(), batch));
    Answer rows;
    rows.Begin(*schema);
    rows.Append(batch);
    if (section.view() == "patient") {
      out.AddGolden(rows);
      continue;
    }
    // Observations name every record they merge in source_records; the
    // other views have one record per row.
    int records = -1, source = -1, record_id = -1;
    for (size_t i = 0; i < rows.columns.size(); ++i) {
      if (rows.columns[i] == "source_records") records = i;
      if (rows.columns[i] == "source") source = i;
      if (rows.columns[i] == "record_id") record_id = i;
    }
    for (const auto& row : rows.rows) {
      if (records >= 0) {
        for (absl::string_view token : absl::StrSplit(row[records], ',')) out.Add(section.view(), std::string(token));
      } else if (source >= 0 && record_id >= 0) {
        out.Add(section.view(), absl::StrCat(row[source], ":", row[record_id]));
      } else {
        return absl::DataLossError(absl::StrCat("view ", section.view(), " has no source or record_id column"));
      }
    }
  }
  return out.Take();
}

// -------------------------------------------------------------- floor

constexpr char kVitalPresent[] =
    "(weight_lb IS NOT NULL OR height_in IS NOT NULL OR systolic_mmhg IS NOT NULL OR diastolic_mmhg IS NOT NULL OR "
    "pulse_bpm IS NOT NULL OR temperature_f IS NOT NULL OR respiratory_rate IS NOT NULL OR spo2_pct IS NOT NULL)";

// The readings the observation view keeps: weights and glucose, and blood
// pressure cuffs with at least one number.
bool ObservedReading(const std::vector<std::string>& row) {
  const std::string& type = row[1];
  if (type == "weight" || type == "glucose") return true;
  return type == "blood_pressure" && (row[2] != "NULL" || row[3] != "NULL" || row[4] != "NULL");
}

// The link lookup, then every source's rows about the patient at once: the
// golden record's three lookups, six EHR tables, the lab's results, the
// pharmacy's dispensings and the hub's readings.
absl::StatusOr<Answer> Floor(Connections& c, int64_t patient) {
  ASSIGN_OR_RETURN(PatientIds ids, LookUpPatient(c, patient));
  RecordAnswer out;
  if (ids.numeric["ehr"].empty() && ids.numeric["lab"].empty() && ids.numeric["pharmacy"].empty()) {
    return out.Take();
  }
  auto golden = std::async(std::launch::async, [&] { return GoldenRecordFloor(c, patient, ids); });
  auto readings = std::async(std::launch::async, [&]() -> absl::StatusOr<Answer> {
    if (ids.registrations.empty()) return Answer{};
    return HubScan(c, "readings", {"reading_id", "type", "systolic", "diastolic", "pulse"},
                   HubIn("registration_id", ids.registrations));
  });
  struct Query {
    const char* section;
    const char* source;
    Connector* connector;
    std::string sql;
  };
  const std::string ehr = IntList(ids.numeric["ehr"]);
  std::vector<Query> queries;
  if (!ids.numeric["ehr"].empty()) {
    for (auto [section, table, id] : {std::tuple{"observation", "lab_result", "lab_result_id"},
                                      {"condition", "condition", "condition_id"},
                                      {"medication", "medication_order", "medication_order_id"},
                                      {"procedure", "procedure", "procedure_id"},
                                      {"encounter", "encounter", "encounter_id"}}) {
      queries.push_back({section, "ehr", c.ehr.get(),
                         absl::StrCat("SELECT ", id, " FROM ehr.", table, " WHERE patient_id IN (", ehr, ")")});
    }
    queries.push_back({"observation", "ehr", c.ehr.get(),
                       absl::StrCat("SELECT vital_sign_id FROM ehr.vital_sign WHERE patient_id IN (", ehr, ") AND ",
                                    kVitalPresent)});
  }
  if (!ids.numeric["lab"].empty()) {
    queries.push_back({"observation", "lab", c.lab.get(),
                       absl::StrCat("SELECT result_id FROM lab.lab_result WHERE lab_patient_id IN (",
                                    IntList(ids.numeric["lab"]), ")")});
  }
  if (!ids.numeric["pharmacy"].empty()) {
    queries.push_back({"medication", "pharmacy", c.pharmacy.get(),
                       absl::StrCat("SELECT dispensing_id FROM dispensing WHERE customer_id IN (",
                                    IntList(ids.numeric["pharmacy"]), ")")});
  }
  std::vector<std::pair<Connector*, std::string>> sql;
  for (const Query& q : queries) sql.push_back({q.connector, q.sql});
  std::vector<absl::StatusOr<Answer>> got = Concurrently(std::move(sql));
  absl::StatusOr<Answer> golden_rows = golden.get();
  absl::StatusOr<Answer> reading_rows = readings.get();
  RETURN_IF_ERROR(golden_rows.status());
  RETURN_IF_ERROR(reading_rows.status());
  out.AddGolden(*golden_rows);
  for (size_t i = 0; i < queries.size(); ++i) {
    RETURN_IF_ERROR(got[i].status());
    out.AddAll(queries[i].section, queries[i].source, *got[i]);
  }
  for (const auto& row : reading_rows->rows) {
    if (ObservedReading(row)) out.Add("observation", absl::StrCat("devices:", row[0]));
  }
  return out.Take();
}

// --------------------------------------------------------------- peer

// One section's (section, item) rows from the peer: the union of its
// sources' records about the patient, each source's ids pushed into it.
std::string PeerSection(const char* section, const std::vector<std::string>& branches) {
  std::string sql;
  for (const std::string& branch : branches) {
    absl::StrAppend(&sql, sql.empty() ? "" : " UNION ", "SELECT '", section, "', ", branch);
  }
  return sql;
}

// The peer runs the record's sections at once, as Tessera does, each a
// query with the patient's ids pushed into its sources.
absl::StatusOr<Answer> Peer(Connections& c, Connector& peer, int64_t id) {
  const std::string patient = absl::StrCat(id);
  auto ehr = [&](const char* id, const char* table, const std::string& extra = "") {
    return absl::StrCat("'ehr:' || r.", id, " FROM ehr.", table, " AS r WHERE ",
                        PeerIdsCondition("ehr", "patient", "r.patient_id", patient), extra);
  };
  std::vector<std::pair<Connector*, std::string>> queries = {
      {&peer, PeerGoldenRecordSql(c, id)},
      {&peer,
       PeerSection("observation",
                   {ehr("lab_result_id", "lab_result"),
                    ehr("vital_sign_id", "vital_sign", absl::StrCat(" AND ", kVitalPresent)),
                    absl::StrCat("'lab:' || r.result_id FROM lab.lab_result AS r WHERE ",
                                 PeerIdsCondition("lab", "patient", "r.lab_patient_id", patient)),
                    absl::StrCat("'devices:' || r.reading_id FROM devices.readings AS r WHERE ",
                                 PeerIdsCondition("devices", "registration", "r.registration_id", patient),
                                 " AND (r.type IN ('weight', 'glucose') OR (r.type = 'blood_pressure' AND "
                                 "(r.systolic IS NOT NULL OR r.diastolic IS NOT NULL OR r.pulse IS NOT NULL)))")})},
      {&peer, PeerSection("condition", {ehr("condition_id", "condition")})},
      {&peer,
       PeerSection("medication", {ehr("medication_order_id", "medication_order"),
                                  absl::StrCat("'pharmacy:' || r.dispensing_id FROM pharmacy.dispensing AS r WHERE ",
                                               PeerIdsCondition("pharmacy", "customer", "r.customer_id", patient))})},
      {&peer, PeerSection("procedure", {ehr("procedure_id", "procedure")})},
      {&peer, PeerSection("encounter", {ehr("encounter_id", "encounter")})},
  };
  std::vector<absl::StatusOr<Answer>> got = Concurrently(std::move(queries));
  for (const auto& g : got) RETURN_IF_ERROR(g.status());
  RecordAnswer out;
  out.AddGolden(*got[0]);
  for (size_t i = 1; i < got.size(); ++i) {
    for (const auto& row : got[i]->rows) out.Add(row[0], row[1]);
  }
  return out.Take();
}

}  // namespace

Workload PatientRecordWorkload() {
  return {
      .name = "patient_record",
      .question = "one random patient's whole record (GetPatientRecord: golden record, observations, conditions, "
                  "medications, procedures, encounters)",
      .per_patient = true,
      .peer_note = "peer: the six sections as six concurrent queries, each source's ids pushed in (= ANY(ARRAY(...)) "
                   "for postgres_fdw, two scalar subqueries for mysql_fdw), device readings from a local table, "
                   "pharmacy from its PostgreSQL copy",
      .tessera_sql = [](int64_t p) { return absl::StrCat("GetPatientRecord(patient_id: ", p, ")"); },
      .floor = Floor,
      .tessera_call = AskTessera,
      .peer_call = Peer,
  };
}

}  // namespace tessera::bench::latency
