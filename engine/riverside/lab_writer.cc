#include "engine/riverside/lab_writer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/riverside/formats.h"

namespace tessera::riverside {
namespace {

const DataType kId = DataType::Int64();
const DataType kText = DataType::Text();
const DataType kTime = DataType::Timestamp();

TableLoad PatientTable(const LabData& lab) {
  TableLoad t;
  t.spec = {"patient",
            {{"lab_patient_id", kId},
             {"patient_name", kText},
             {"sex", kText},
             {"dob", kText},
             {"phone", kText},
             {"zip", kText},
             {"ehr_mrn", kText}},
            {{"ehr_mrn"}}};
  t.rows = static_cast<int64_t>(lab.patients.records.size());
  t.fill = [&lab](int64_t row, std::vector<Value>& v) {
    const PersonRecord& r = lab.patients.records[row];
    const Demographics& d = r.demo;
    v[0] = Value::Int64(r.id);
    v[1] = Value::Text(LabPatientName(d));
    v[2] = Value::Text(!d.sex_known ? "U" : d.sex == Sex::kFemale ? "F" : "M");
    v[3] = Value::Text(UsDate(d.birth_day));
    v[4] = TextOrNull(PhoneParens(d.phone));
    v[5] = TextOrNull(d.zip);
    v[6] = TextOrNull(lab.ehr_mrn[row]);
  };
  return t;
}

TableLoad ResultTable(const LabData& lab) {
  TableLoad t;
  t.spec = {"lab_result",
            {{"result_id", kId},
             {"lab_patient_id", kId},
             {"accession", kText},
             {"test_code", kText},
             {"test_name", kText},
             {"result_value", DataType::Decimal(2)},
             {"units", kText},
             {"reference_range", kText},
             {"abnormal_flag", kText},
             {"performing_site", kText},
             {"collected_at", kTime},
             {"resulted_at", kTime}},
            {{"lab_patient_id"}, {"test_code"}, {"collected_at"}}};
  t.rows = static_cast<int64_t>(lab.results.size());
  t.fill = [&lab](int64_t row, std::vector<Value>& v) {
    const LabResultRow& r = lab.results[row];
    const LabResult& result = *r.result;
    const LabReporting& reporting = ReportingOf(result.test, result.site);
    v[0] = Value::Int64(r.id);
    v[1] = Value::Int64(r.lab_patient_id);
    v[2] = Value::Text(r.accession);
    v[3] = Value::Text(reporting.local_code);
    v[4] = Value::Text(absl::AsciiStrToUpper(LabTestInfoOf(result.test).name));
    v[5] = Value::Decimal(ReportedX100(reporting, result.value_x100), 2);
    v[6] = Value::Text(reporting.unit);
    v[7] = Value::Text(reporting.reference_range);
    v[8] = TextOrNull(AbnormalFlag(result.test, result.value_x100));
    v[9] = Value::Text(result.site == LabSite::kMain ? "MAIN" : "NORTH");
    v[10] = TimestampValue(result.collected_at);
    v[11] = TimestampValue(result.resulted_at);
  };
  return t;
}

}  // namespace

std::string LabPatientName(const Demographics& d) {
  std::string name = absl::StrCat(d.family, ", ", d.given);
  if (!d.middle.empty()) absl::StrAppend(&name, " ", d.middle.substr(0, 1));
  return absl::AsciiStrToUpper(name);
}

std::vector<TableLoad> LabTables(const LabData& lab) {
  std::vector<TableLoad> tables;
  tables.push_back(PatientTable(lab));
  tables.push_back(ResultTable(lab));
  return tables;
}

}  // namespace tessera::riverside
