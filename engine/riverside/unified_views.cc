// File: engine/riverside/unified_views.cc

#include "engine/riverside/unified_views.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera::riverside {
namespace {

// Columns every branch of `observation` produces, in order.
constexpr char kObservationColumns[] =
    "source, source_table, record_id, patient_source, patient_ref, category, code, value, unit, effective_at";

std::string LabBranch(const char* source, const char* table, const char* id, const char* patient,
                      const char* code, const char* unit, const char* value, const char* at) {
  std::string map = absl::StrCat(source, ".", table, ".", code);
  return absl::StrCat("SELECT '", source, "' AS source, '", table, "' AS source_table, CAST(", id,
                      " AS text) AS record_id, '", source, "' AS patient_source, CAST(", patient,
                      " AS text) AS patient_ref, 'laboratory' AS category, map_code('", map, "', ", code,
                      ") AS code, map_value('", map, "', ", code, ", ", unit, ", ", value, ") AS value, map_unit('",
                      map, "', ", code, ", ", unit, ") AS unit, ", at, " AS effective_at FROM ", source, ".", table);
}

struct VitalColumn {
  const char* column;
  const char* loinc;
  const char* from_ucum;
  const char* to_ucum;
};

constexpr VitalColumn kVitals[] = {
    {"weight_lb", "29463-7", "[lb_av]", "kg"},     {"height_in", "8302-2", "[in_i]", "cm"},
    {"systolic_mmhg", "8480-6", "mm[Hg]", "mm[Hg]"}, {"diastolic_mmhg", "8462-4", "mm[Hg]", "mm[Hg]"},
    {"pulse_bpm", "8867-4", "/min", "/min"},       {"temperature_f", "8310-5", "[degF]", "Cel"},
    {"respiratory_rate", "9279-1", "/min", "/min"}, {"spo2_pct", "59408-5", "%", "%"},
};

std::string VitalBranch(const VitalColumn& v) {
  return absl::StrCat("SELECT 'ehr', 'vital_sign', CAST(vital_sign_id AS text), 'ehr', CAST(patient_id AS text), "
                      "'vital-signs', '",
                      v.loinc, "', convert_unit(", v.column, ", '", v.from_ucum, "', '", v.to_ucum, "'), '", v.to_ucum,
                      "', taken_at FROM ehr.vital_sign WHERE ", v.column, " IS NOT NULL");
}

// Scales and glucose meters report one value in their own unit; a cuff
// reports three numbers at once, each its own observation.
std::vector<std::string> DeviceBranches() {
  const char* map = "devices.readings.type";
  std::vector<std::string> out = {absl::StrCat(
      "SELECT 'devices', 'readings', CAST(reading_id AS text), 'devices', registration_id, 'device', map_code('", map,
      "', type), map_value('", map, "', type, unit, value), map_unit('", map,
      "', type, unit), measured_at FROM devices.readings WHERE type IN ('weight', 'glucose')")};
  struct Part {
    const char* column;
    const char* loinc;
    const char* ucum;
  };
  for (const Part& p : {Part{"systolic", "8480-6", "mm[Hg]"}, Part{"diastolic", "8462-4", "mm[Hg]"},
                        Part{"pulse", "8867-4", "/min"}}) {
    out.push_back(absl::StrCat("SELECT 'devices', 'readings', CAST(reading_id AS text), 'devices', registration_id, "
                               "'device', '",
                               p.loinc, "', CAST(", p.column, " AS double precision), '", p.ucum,
                               "', measured_at FROM devices.readings WHERE type = 'blood_pressure' AND ", p.column,
                               " IS NOT NULL"));
  }
  return out;
}

void AddView(config::TesseraConfig* cfg, const char* name, std::string sql) {
  config::View* view = cfg->add_view();
  view->set_name(name);
  view->set_sql(std::move(sql));
}

}  // namespace

void AddUnifiedViews(const std::string& code_map_file, bool with_devices, config::TesseraConfig* cfg) {
  cfg->add_code_map_file(code_map_file);

  std::vector<std::string> branches = {
      LabBranch("ehr", "lab_result", "lab_result_id", "patient_id", "loinc_code", "unit", "result_value",
                "observed_at"),
      LabBranch("lab", "lab_result", "result_id", "lab_patient_id", "test_code", "units", "result_value",
                "collected_at"),
  };
  for (const VitalColumn& v : kVitals) branches.push_back(VitalBranch(v));
  if (with_devices) {
    for (std::string& b : DeviceBranches()) branches.push_back(std::move(b));
  }
  AddView(cfg, "observation",
          absl::StrCat("SELECT ", kObservationColumns, " FROM (", absl::StrJoin(branches, " UNION ALL "), ") AS o"));

  AddView(cfg, "condition",
          "SELECT 'ehr' AS source, 'condition' AS source_table, CAST(condition_id AS text) AS record_id, "
          "'ehr' AS patient_source, CAST(patient_id AS text) AS patient_ref, 'http://hl7.org/fhir/sid/icd-10-cm' "
          "AS code_system, icd10_code AS code, description AS display, clinical_status, onset_date, "
          "abatement_date, recorded_at FROM ehr.condition");

  AddView(cfg, "medication",
          "SELECT 'ehr' AS source, 'medication_order' AS source_table, CAST(medication_order_id AS text) AS "
          "record_id, 'ehr' AS patient_source, CAST(patient_id AS text) AS patient_ref, 'order' AS kind, "
          "rxnorm_code AS code, medication_name AS display, days_supply, CAST(ordered_at AS date) AS start_date, "
          "status FROM ehr.medication_order "
          "UNION ALL SELECT 'pharmacy', 'dispensing', CAST(dispensing_id AS text), 'pharmacy', "
          "CAST(customer_id AS text), 'dispensing', map_code('pharmacy.dispensing.ndc', ndc), drug_name, "
          "days_supply, dispensed_on, 'completed' FROM pharmacy.dispensing");

  AddView(cfg, "procedure",
          "SELECT 'ehr' AS source, 'procedure' AS source_table, CAST(procedure_id AS text) AS record_id, "
          "'ehr' AS patient_source, CAST(patient_id AS text) AS patient_ref, 'http://www.ama-assn.org/go/cpt' AS "
          "code_system, cpt_code AS code, description AS display, performed_at FROM ehr.procedure");

  AddView(cfg, "encounter",
          "SELECT 'ehr' AS source, 'encounter' AS source_table, CAST(encounter_id AS text) AS record_id, "
          "'ehr' AS patient_source, CAST(patient_id AS text) AS patient_ref, encounter_class, encounter_type, "
          "department, start_at, end_at FROM ehr.encounter");
}

}  // namespace tessera::riverside
