#include "engine/riverside/ehr_writer.h"

#include "absl/strings/str_cat.h"
#include "engine/riverside/formats.h"

namespace tessera::riverside {
namespace {

const DataType kId = DataType::Int64();
const DataType kText = DataType::Text();
const DataType kDate = DataType::Date();
const DataType kTime = DataType::Timestamp();

const char* EncounterClass(EncounterKind kind) {
  switch (kind) {
    case EncounterKind::kEmergency:
      return "EMER";
    case EncounterKind::kInpatient:
      return "IMP";
    case EncounterKind::kTelehealth:
      return "VR";
    default:
      return "AMB";
  }
}

const char* EncounterType(EncounterKind kind) {
  switch (kind) {
    case EncounterKind::kOffice:
    case EncounterKind::kEyeExam:
      return "Office Visit";
    case EncounterKind::kPreventive:
      return "Preventive Visit";
    case EncounterKind::kTelehealth:
      return "Telehealth Visit";
    case EncounterKind::kEmergency:
      return "Emergency";
    case EncounterKind::kInpatient:
      return "Hospital Admission";
  }
  return "Office Visit";
}

const char* PerformingLab(const EhrLabRow& row) {
  switch (row.origin) {
    case EhrLabOrigin::kInterfaced:
      return row.result->site == LabSite::kMain ? "RIVERSIDE LAB" : "RIVERSIDE LAB NORTH";
    case EhrLabOrigin::kOutsideLab:
      return "OUTSIDE REFERENCE LAB";
    case EhrLabOrigin::kPointOfCare:
      return "POINT OF CARE";
  }
  return "";
}

TableLoad PatientTable(const EhrData& ehr) {
  TableLoad t;
  t.spec = {"patient",
            {{"patient_id", kId},
             {"mrn", kText},
             {"family_name", kText},
             {"given_name", kText},
             {"middle_name", kText},
             {"sex", kText},
             {"birth_date", kDate},
             {"address_line", kText},
             {"city", kText},
             {"state", kText},
             {"zip", kText},
             {"phone", kText},
             {"registered_on", kDate}},
            {{"mrn"}, {"birth_date"}}};
  t.rows = static_cast<int64_t>(ehr.patients.records.size());
  t.fill = [&ehr](int64_t row, std::vector<Value>& v) {
    const PersonRecord& r = ehr.patients.records[row];
    const Demographics& d = r.demo;
    v[0] = Value::Int64(r.id);
    v[1] = Value::Text(MrnFor(r.id));
    v[2] = TextOrNull(d.family);
    v[3] = TextOrNull(d.given);
    v[4] = TextOrNull(d.middle);
    v[5] = d.sex_known ? Value::Text(d.sex == Sex::kFemale ? "F" : "M") : Value::Null(kText);
    v[6] = DateValue(d.birth_day);
    v[7] = TextOrNull(d.street);
    v[8] = TextOrNull(d.city);
    v[9] = TextOrNull(d.state);
    v[10] = TextOrNull(d.zip);
    v[11] = TextOrNull(PhoneDashed(d.phone));
    v[12] = DateValue(r.since_day);
  };
  return t;
}

TableLoad EncounterTable(const EhrData& ehr) {
  TableLoad t;
  t.spec = {"encounter",
            {{"encounter_id", kId},
             {"patient_id", kId},
             {"encounter_class", kText},
             {"encounter_type", kText},
             {"department", kText},
             {"start_at", kTime},
             {"end_at", kTime}},
            {{"patient_id"}, {"start_at"}}};
  t.rows = static_cast<int64_t>(ehr.encounters.size());
  t.fill = [&ehr](int64_t row, std::vector<Value>& v) {
    const EhrRow<Encounter>& r = ehr.encounters[row];
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.patient_id);
    v[2] = Value::Text(EncounterClass(r.event->kind));
    v[3] = Value::Text(EncounterType(r.event->kind));
    v[4] = Value::Text(r.event->department);
    v[5] = TimestampValue(r.event->start);
    v[6] = TimestampValue(r.event->end);
  };
  return t;
}

TableLoad ConditionTable(const EhrData& ehr, int64_t as_of_day) {
  TableLoad t;
  t.spec = {"condition",
            {{"condition_id", kId},
             {"patient_id", kId},
             {"encounter_id", kId},
             {"icd10_code", kText},
             {"description", kText},
             {"clinical_status", kText},
             {"onset_date", kDate},
             {"abatement_date", kDate},
             {"recorded_at", kTime}},
            {{"patient_id"}, {"icd10_code"}, {"recorded_at"}}};
  t.rows = static_cast<int64_t>(ehr.conditions.size());
  t.fill = [&ehr, as_of_day](int64_t row, std::vector<Value>& v) {
    const EhrRow<ConditionEpisode>& r = ehr.conditions[row];
    const ConditionEpisode& c = *r.event;
    bool resolved = c.abatement_day != kNoDay && c.abatement_day < as_of_day;
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.patient_id);
    v[2] = IdOrNull(r.encounter_id);
    v[3] = Value::Text(c.code->code);
    v[4] = Value::Text(c.code->text);
    v[5] = Value::Text(resolved ? "resolved" : "active");
    v[6] = DateValue(c.onset_day);
    v[7] = resolved ? DateValue(c.abatement_day) : Value::Null(kDate);
    v[8] = TimestampValue(c.recorded_at);
  };
  return t;
}

TableLoad MedicationOrderTable(const EhrData& ehr, int64_t as_of_day) {
  TableLoad t;
  t.spec = {"medication_order",
            {{"medication_order_id", kId},
             {"patient_id", kId},
             {"encounter_id", kId},
             {"rxnorm_code", kText},
             {"medication_name", kText},
             {"sig", kText},
             {"quantity", DataType::Decimal(2)},
             {"days_supply", kId},
             {"refills", kId},
             {"ordered_at", kTime},
             {"start_date", kDate},
             {"end_date", kDate},
             {"status", kText}},
            {{"patient_id"}, {"rxnorm_code"}, {"ordered_at"}}};
  t.rows = static_cast<int64_t>(ehr.medication_orders.size());
  t.fill = [&ehr, as_of_day](int64_t row, std::vector<Value>& v) {
    const EhrRow<MedOrder>& r = ehr.medication_orders[row];
    const MedOrder& o = *r.event;
    const DrugInfo& drug = DrugInfoOf(o.drug);
    const char* status = o.discontinued && o.end_day < as_of_day ? "discontinued"
                         : o.end_day >= as_of_day                ? "active"
                                                                 : "completed";
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.patient_id);
    v[2] = IdOrNull(r.encounter_id);
    v[3] = Value::Text(drug.rxnorm);
    v[4] = Value::Text(drug.name);
    v[5] = Value::Text(drug.sig);
    v[6] = Value::Decimal(o.quantity * 100, 2);
    v[7] = Value::Int64(o.days_supply);
    v[8] = Value::Int64(o.refills);
    v[9] = TimestampValue(o.ordered_at);
    v[10] = DateValue(o.start_day);
    v[11] = DateValue(o.end_day);
    v[12] = Value::Text(status);
  };
  return t;
}

TableLoad VitalSignTable(const EhrData& ehr) {
  TableLoad t;
  t.spec = {"vital_sign",
            {{"vital_sign_id", kId},
             {"patient_id", kId},
             {"encounter_id", kId},
             {"taken_at", kTime},
             {"weight_lb", DataType::Decimal(1)},
             {"height_in", DataType::Decimal(1)},
             {"systolic_mmhg", DataType::Decimal(0)},
             {"diastolic_mmhg", DataType::Decimal(0)},
             {"pulse_bpm", DataType::Decimal(0)},
             {"temperature_f", DataType::Decimal(1)},
             {"respiratory_rate", DataType::Decimal(0)},
             {"spo2_pct", DataType::Decimal(0)}},
            {{"patient_id"}, {"taken_at"}}};
  t.rows = static_cast<int64_t>(ehr.vital_signs.size());
  t.fill = [&ehr](int64_t row, std::vector<Value>& v) {
    const EhrRow<Encounter>& r = ehr.vital_signs[row];
    const Vitals& s = r.event->vitals;
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.patient_id);
    v[2] = Value::Int64(r.encounter_id);
    // Rooming takes a few minutes after check-in.
    v[3] = TimestampValue(r.event->start + 7 * 60);
    v[4] = MeasuredOrNull(s.weight_lb10, 1);
    v[5] = MeasuredOrNull(s.height_in10, 1);
    v[6] = MeasuredOrNull(s.systolic, 0);
    v[7] = MeasuredOrNull(s.diastolic, 0);
    v[8] = MeasuredOrNull(s.pulse, 0);
    v[9] = MeasuredOrNull(s.temp_f10, 1);
    v[10] = MeasuredOrNull(s.resp_rate, 0);
    v[11] = MeasuredOrNull(s.spo2, 0);
  };
  return t;
}

TableLoad ProcedureTable(const EhrData& ehr) {
  TableLoad t;
  t.spec = {"procedure",
            {{"procedure_id", kId},
             {"patient_id", kId},
             {"encounter_id", kId},
             {"cpt_code", kText},
             {"description", kText},
             {"performed_at", kTime}},
            {{"patient_id"}, {"cpt_code"}, {"performed_at"}}};
  t.rows = static_cast<int64_t>(ehr.procedures.size());
  t.fill = [&ehr](int64_t row, std::vector<Value>& v) {
    const EhrRow<Procedure>& r = ehr.procedures[row];
    const CodeText& cpt = CptOf(r.event->cpt);
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.patient_id);
    v[2] = IdOrNull(r.encounter_id);
    v[3] = Value::Text(cpt.code);
    v[4] = Value::Text(cpt.text);
    v[5] = TimestampValue(r.event->at);
  };
  return t;
}

TableLoad LabResultTable(const EhrData& ehr) {
  TableLoad t;
  t.spec = {"lab_result",
            {{"lab_result_id", kId},
             {"patient_id", kId},
             {"encounter_id", kId},
             {"loinc_code", kText},
             {"test_name", kText},
             {"result_value", DataType::Decimal(2)},
             {"unit", kText},
             {"reference_range", kText},
             {"abnormal_flag", kText},
             {"performing_lab", kText},
             {"observed_at", kTime},
             {"received_at", kTime}},
            {{"patient_id"}, {"loinc_code"}, {"observed_at"}}};
  t.rows = static_cast<int64_t>(ehr.lab_results.size());
  t.fill = [&ehr](int64_t row, std::vector<Value>& v) {
    const EhrLabRow& r = ehr.lab_results[row];
    const LabResult& result = *r.result;
    const LabTestInfo& info = LabTestInfoOf(result.test);
    // Interfaced results keep the reporting site's unit (and the LOINC for
    // that property); outside and point-of-care results are conventional.
    LabSite site = r.origin == EhrLabOrigin::kInterfaced ? result.site : LabSite::kMain;
    const LabReporting& reporting = ReportingOf(result.test, site);
    bool poc_glucose = r.origin == EhrLabOrigin::kPointOfCare && result.test == LabTest::kGlucose;
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.patient_id);
    v[2] = IdOrNull(r.encounter_id);
    v[3] = Value::Text(poc_glucose ? kPointOfCareGlucoseLoinc : reporting.loinc);
    v[4] = Value::Text(r.origin == EhrLabOrigin::kPointOfCare ? absl::StrCat(info.name, ", POC")
                                                              : std::string(info.name));
    v[5] = Value::Decimal(ReportedX100(reporting, result.value_x100), 2);
    v[6] = Value::Text(reporting.ucum);
    v[7] = Value::Text(reporting.reference_range);
    v[8] = TextOrNull(AbnormalFlag(result.test, result.value_x100));
    v[9] = Value::Text(PerformingLab(r));
    v[10] = TimestampValue(result.collected_at);
    v[11] = TimestampValue(r.received_at);
  };
  return t;
}

}  // namespace

std::vector<TableLoad> EhrTables(const EhrData& ehr, const HistoryContext& context) {
  std::vector<TableLoad> tables;
  tables.push_back(PatientTable(ehr));
  tables.push_back(EncounterTable(ehr));
  tables.push_back(ConditionTable(ehr, context.as_of_day));
  tables.push_back(MedicationOrderTable(ehr, context.as_of_day));
  tables.push_back(VitalSignTable(ehr));
  tables.push_back(ProcedureTable(ehr));
  tables.push_back(LabResultTable(ehr));
  return tables;
}

}  // namespace tessera::riverside
