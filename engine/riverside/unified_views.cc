// File: engine/riverside/unified_views.cc

#include "engine/riverside/unified_views.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera::riverside {
namespace {

// Where a source keeps the patient a row belongs to.
struct Patient {
  const char* source;
  const char* record_type;  // As the link index names it.
  const char* column;       // Of the branch's table, aliased r.
  bool numeric;             // An integer id (the index keeps ids as text).
};

constexpr Patient kEhr{"ehr", "patient", "patient_id", true};
constexpr Patient kLab{"lab", "patient", "lab_patient_id", true};
constexpr Patient kPharmacy{"pharmacy", "customer", "customer_id", true};
constexpr Patient kDevices{"devices", "registration", "registration_id", false};

// One SELECT of a view: the patient columns, then `columns` (over r), from
// `table` AS r joined to the link index when there is one.
std::string Branch(const UnifiedViewOptions& o, const Patient& p, const std::string& table,
                   const std::string& columns, const std::string& where = "") {
  std::string patient = absl::StrCat("'", p.source, "' AS patient_source, ",
                                     p.numeric ? absl::StrCat("CAST(r.", p.column, " AS text)")
                                               : absl::StrCat("r.", p.column),
                                     " AS patient_ref");
  std::string from = absl::StrCat(table, " AS r");
  if (!o.identity_source.empty()) {
    patient = absl::StrCat("l.enterprise_id AS patient_id, ", patient);
    absl::StrAppend(&from, " JOIN ", o.identity_source, ".link_record AS l ON l.source = '", p.source,
                    "' AND l.record_type = '", p.record_type, "' AND ",
                    p.numeric ? absl::StrCat("CAST(l.record_id AS bigint) = r.", p.column)
                              : absl::StrCat("l.record_id = r.", p.column));
  }
  return absl::StrCat("SELECT ", patient, ", ", columns, " FROM ", from, where.empty() ? "" : " WHERE ", where);
}

std::string LabColumns(const char* source, const char* table, const char* id, const char* code, const char* unit,
                       const char* value, const char* at) {
  std::string map = absl::StrCat(source, ".", table, ".", code);
  return absl::StrCat("'", source, "' AS source, '", table, "' AS source_table, CAST(r.", id,
                      " AS text) AS record_id, 'laboratory' AS category, map_code('", map, "', r.", code,
                      ") AS code, map_value('", map, "', r.", code, ", r.", unit, ", r.", value,
                      ") AS value, map_unit('", map, "', r.", code, ", r.", unit, ") AS unit, r.", at,
                      " AS effective_at");
}

struct VitalColumn {
  const char* column;
  const char* loinc;
  const char* from_ucum;
  const char* to_ucum;
};

constexpr VitalColumn kVitals[] = {
    {"weight_lb", "29463-7", "[lb_av]", "kg"},       {"height_in", "8302-2", "[in_i]", "cm"},
    {"systolic_mmhg", "8480-6", "mm[Hg]", "mm[Hg]"}, {"diastolic_mmhg", "8462-4", "mm[Hg]", "mm[Hg]"},
    {"pulse_bpm", "8867-4", "/min", "/min"},         {"temperature_f", "8310-5", "[degF]", "Cel"},
    {"respiratory_rate", "9279-1", "/min", "/min"},  {"spo2_pct", "59408-5", "%", "%"},
};

std::vector<std::string> ObservationBranches(const UnifiedViewOptions& o) {
  std::vector<std::string> out = {
      Branch(o, kEhr, "ehr.lab_result",
             LabColumns("ehr", "lab_result", "lab_result_id", "loinc_code", "unit", "result_value", "observed_at")),
      Branch(o, kLab, "lab.lab_result",
             LabColumns("lab", "lab_result", "result_id", "test_code", "units", "result_value", "collected_at")),
  };
  for (const VitalColumn& v : kVitals) {
    out.push_back(Branch(o, kEhr, "ehr.vital_sign",
                         absl::StrCat("'ehr', 'vital_sign', CAST(r.vital_sign_id AS text), 'vital-signs', '", v.loinc,
                                      "', convert_unit(r.", v.column, ", '", v.from_ucum, "', '", v.to_ucum, "'), '",
                                      v.to_ucum, "', r.taken_at"),
                         absl::StrCat("r.", v.column, " IS NOT NULL")));
  }
  if (!o.devices) return out;
  // Scales and glucose meters report one value in their own unit; a cuff
  // reports three numbers at once, each its own observation.
  const char* map = "devices.readings.type";
  out.push_back(Branch(o, kDevices, "devices.readings",
                       absl::StrCat("'devices', 'readings', CAST(r.reading_id AS text), 'device', map_code('", map,
                                    "', r.type), map_value('", map, "', r.type, r.unit, r.value), map_unit('", map,
                                    "', r.type, r.unit), r.measured_at"),
                       "r.type IN ('weight', 'glucose')"));
  struct Part {
    const char* column;
    const char* loinc;
    const char* ucum;
  };
  for (const Part& p : {Part{"systolic", "8480-6", "mm[Hg]"}, Part{"diastolic", "8462-4", "mm[Hg]"},
                        Part{"pulse", "8867-4", "/min"}}) {
    out.push_back(Branch(o, kDevices, "devices.readings",
                         absl::StrCat("'devices', 'readings', CAST(r.reading_id AS text), 'device', '", p.loinc,
                                      "', CAST(r.", p.column, " AS double precision), '", p.ucum, "', r.measured_at"),
                         absl::StrCat("r.type = 'blood_pressure' AND r.", p.column, " IS NOT NULL")));
  }
  return out;
}

// Each source's patient records in one shape, for the golden record, with
// each record's recency: its id (every Riverside source hands ids out in
// registration order) as fixed-width text, so that text order is time order.
std::vector<std::string> PersonBranches(const UnifiedViewOptions& o) {
  const char* digits = "replace(replace(replace(replace(r.phone, '(', ''), ')', ''), '-', ''), ' ', '')";
  auto recency = [](const char* id) { return absl::StrCat(", CAST(1000000000000 + r.", id, " AS text) AS recency"); };
  return {
      Branch(o, kEhr, "ehr.patient",
             absl::StrCat("r.family_name, r.given_name, r.birth_date, CASE r.sex WHEN 'F' THEN 'female' WHEN 'M' THEN "
                          "'male' WHEN 'U' THEN 'unknown' END AS gender, r.address_line, r.city, r.state, "
                          "substr(r.zip, 1, 5) AS zip, ",
                          digits, " AS phone", recency("patient_id"))),
      Branch(o, kPharmacy, "pharmacy.customer",
             absl::StrCat("r.last_name, r.first_name, r.date_of_birth, lower(r.gender), r.address_line, r.city, "
                          "r.state, substr(r.postal_code, 1, 5), ",
                          digits, recency("customer_id"))),
      // "FAMILY, GIVEN M"; its MM/DD/YYYY birth dates are too often
      // swapped to be trusted, so the lab gives no birth date.
      Branch(o, kLab, "lab.patient",
             absl::StrCat("CASE WHEN strpos(r.patient_name, ',') > 0 THEN substr(r.patient_name, 1, "
                          "strpos(r.patient_name, ',') - 1) END, CASE WHEN strpos(r.patient_name, ',') > 0 THEN "
                          "trim(substr(r.patient_name, strpos(r.patient_name, ',') + 1)) END, CAST(NULL AS date), "
                          "CASE r.sex WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' WHEN 'U' THEN 'unknown' END, "
                          "CAST(NULL AS text), CAST(NULL AS text), CAST(NULL AS text), substr(r.zip, 1, 5), ",
                          digits, recency("lab_patient_id"))),
  };
}

// The golden record: each field from the most trusted source that has it
// (`order`), and within that source from its most recent record that has
// it; and which source that was. "Most recent non-empty" is the greatest
// recency-prefixed value, the 13-digit prefix then cut off.
std::string GoldenRecord(const UnifiedViewOptions& o) {
  struct FieldRule {
    const char* name;
    std::vector<const char*> order;
    bool date = false;
  };
  const std::vector<FieldRule> rules = {
      {"family_name", {"ehr", "pharmacy", "lab"}}, {"given_name", {"ehr", "pharmacy", "lab"}},
      {"birth_date", {"ehr", "pharmacy"}, true},   {"gender", {"ehr", "lab", "pharmacy"}},
      {"address_line", {"ehr", "pharmacy"}},       {"city", {"ehr", "pharmacy"}},
      {"state", {"ehr", "pharmacy"}},              {"zip", {"ehr", "pharmacy", "lab"}},
      {"phone", {"ehr", "pharmacy", "lab"}},
  };
  std::vector<std::string> columns = {"patient_id"};
  for (const FieldRule& f : rules) {
    std::vector<std::string> values, sources;
    for (const char* source : f.order) {
      std::string latest =
          absl::StrCat("max(CASE WHEN patient_source = '", source, "' AND ", f.name, " IS NOT NULL THEN recency || ",
                       f.date ? absl::StrCat("CAST(", f.name, " AS text)") : f.name, " END)");
      sources.push_back(absl::StrCat("WHEN ", latest, " IS NOT NULL THEN '", source, "'"));
      std::string value = absl::StrCat("substr(", latest, ", 14)");
      values.push_back(f.date ? absl::StrCat("CAST(", value, " AS date)") : value);
    }
    columns.push_back(absl::StrCat("coalesce(", absl::StrJoin(values, ", "), ") AS ", f.name));
    columns.push_back(absl::StrCat("CASE ", absl::StrJoin(sources, " "), " END AS ", f.name, "_source"));
  }
  columns.push_back("count(*) AS source_records");
  return absl::StrCat("SELECT ", absl::StrJoin(columns, ", "),
                      " FROM (SELECT patient_id, patient_source, patient_ref, family_name, given_name, birth_date, "
                      "gender, address_line, city, state, zip, phone, recency FROM (",
                      absl::StrJoin(PersonBranches(o), " UNION ALL "), ") AS b) AS p GROUP BY patient_id");
}

config::View* AddView(config::TesseraConfig* cfg, const char* name, std::string sql) {
  config::View* view = cfg->add_view();
  view->set_name(name);
  view->set_sql(std::move(sql));
  return view;
}

}  // namespace

void AddUnifiedViews(const UnifiedViewOptions& o, config::TesseraConfig* cfg) {
  cfg->add_code_map_file(o.code_map_file);
  const bool linked = !o.identity_source.empty();
  const std::string patient = linked ? "patient_id, patient_source, patient_ref" : "patient_source, patient_ref";

  config::View* observation =
      AddView(cfg, "observation",
              absl::StrCat("SELECT ", patient,
                           ", source, source_table, record_id, category, code, value, unit, effective_at FROM (",
                           absl::StrJoin(ObservationBranches(o), " UNION ALL "), ") AS o"));
  if (linked) {
    // One result reported by the EHR and the lab (or twice by one of them):
    // same person, same code, within five minutes, same value in one unit
    // up to the rounding of the unit it was reported in. A home device's
    // reading and a clinic's measurement are never one report, so the
    // category is part of the key (which also lets a filter on it reach
    // the sources).
    config::Deduplication* d = observation->mutable_deduplicate();
    d->add_key("patient_id");
    d->add_key("code");
    d->add_key("category");
    d->set_time("effective_at");
    d->set_time_tolerance_seconds(300);
    d->set_value("value");
    d->set_value_tolerance(0.02);
    d->set_source("source");
    d->set_record_id("record_id");
  }

  if (linked) AddView(cfg, "patient", GoldenRecord(o));

  AddView(cfg, "condition",
          Branch(o, kEhr, "ehr.condition",
                 "'ehr' AS source, 'condition' AS source_table, CAST(r.condition_id AS text) AS record_id, "
                 "'http://hl7.org/fhir/sid/icd-10-cm' AS code_system, r.icd10_code AS code, r.description AS display, "
                 "r.clinical_status, r.onset_date, r.abatement_date, r.recorded_at"));

  AddView(cfg, "medication",
          absl::StrCat(Branch(o, kEhr, "ehr.medication_order",
                              "'ehr' AS source, 'medication_order' AS source_table, CAST(r.medication_order_id AS text) "
                              "AS record_id, 'order' AS kind, r.rxnorm_code AS code, r.medication_name AS display, "
                              "r.days_supply, CAST(r.ordered_at AS date) AS start_date, r.status"),
                       " UNION ALL ",
                       Branch(o, kPharmacy, "pharmacy.dispensing",
                              "'pharmacy', 'dispensing', CAST(r.dispensing_id AS text), 'dispensing', "
                              "map_code('pharmacy.dispensing.ndc', r.ndc), r.drug_name, r.days_supply, r.dispensed_on, "
                              "'completed'")));

  AddView(cfg, "procedure",
          Branch(o, kEhr, "ehr.procedure",
                 "'ehr' AS source, 'procedure' AS source_table, CAST(r.procedure_id AS text) AS record_id, "
                 "'http://www.ama-assn.org/go/cpt' AS code_system, r.cpt_code AS code, r.description AS display, "
                 "r.performed_at"));

  AddView(cfg, "encounter",
          Branch(o, kEhr, "ehr.encounter",
                 "'ehr' AS source, 'encounter' AS source_table, CAST(r.encounter_id AS text) AS record_id, "
                 "r.encounter_class, r.encounter_type, r.department, r.start_at, r.end_at"));
}

}  // namespace tessera::riverside
