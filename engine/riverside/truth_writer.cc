#include "engine/riverside/truth_writer.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "engine/riverside/codes.h"
#include "engine/riverside/formats.h"
#include "engine/riverside/names.h"
#include "engine/riverside/output_file.h"
#include "engine/types/decimal.h"

namespace tessera::riverside {
namespace {

std::string Line(std::initializer_list<std::string> fields) {
  std::string line;
  for (const std::string& field : fields) {
    if (!line.empty()) line += ',';
    line += CsvField(field);
  }
  line += '\n';
  return line;
}

std::string Factor(double v) { return absl::StrFormat("%.10g", v); }

absl::Status WritePersons(const std::vector<Person>& people, const std::string& path) {
  OutputFile out(path);
  RETURN_IF_ERROR(out.Open());
  out.Append(
      "person_id,given_name,middle_name,family_name,sex,birth_date,street,city,state,zip,"
      "phone,chronic_conditions\n");
  for (const Person& p : people) {
    const Identity& id = p.identity;
    const Town& town = Towns()[id.town];
    out.Append(Line({absl::StrCat(p.id), id.given, id.middle, id.family,
                     id.sex == Sex::kFemale ? "F" : "M", FormatDate(id.birth_day), id.street,
                     town.city, town.state, id.zip, id.phone, ChronicConditions(p)}));
  }
  return out.Close();
}

absl::Status WritePersonRecords(const TruthInputs& truth, const std::string& path) {
  const std::vector<Person>& people = *truth.people;
  OutputFile out(path);
  RETURN_IF_ERROR(out.Open());
  out.Append("source,record_type,record_id,person_id,duplicate,noise\n");
  auto records = [&](const char* source, const char* type, const SourceRecords& source_records) {
    for (const PersonRecord& r : source_records.records) {
      out.Append(Line({source, type, absl::StrCat(r.id), absl::StrCat(people[r.person].id),
                       r.duplicate ? "1" : "0", r.noise}));
    }
  };
  records("ehr", "patient", truth.ehr->patients);
  records("lab", "patient", truth.lab->patients);
  records("pharmacy", "customer", truth.pharmacy->customers);
  for (const Registration& r : truth.devices->registrations) {
    out.Append(Line({"devices", "registration", r.registration_id,
                     absl::StrCat(people[r.person].id), r.duplicate ? "1" : "0", r.noise}));
  }
  return out.Close();
}

absl::Status WriteSameFacts(const TruthInputs& truth, const std::string& path) {
  const std::vector<Person>& people = *truth.people;
  OutputFile out(path);
  RETURN_IF_ERROR(out.Open());
  out.Append("fact_id,source,table,record_id,person_id,loinc,value,unit,effective_at\n");
  for (const SameFact& f : truth.ehr->same_facts) {
    const LabTestInfo& info = LabTestInfoOf(f.result->test);
    std::string tail =
        absl::StrCat(",", people[f.person].id, ",", info.canonical_loinc, ",",
                     FormatDecimal(f.result->value_x100, 2), ",", CsvField(info.canonical_ucum),
                     ",", FormatTimestamp(f.result->collected_at * kMicrosPerSecond), "\n");
    out.Append(absl::StrCat(f.id, ",lab,lab_result,", f.lab_result_id, tail));
    for (int64_t ehr_id : f.ehr_lab_result_ids) {
      out.Append(absl::StrCat(f.id, ",ehr,lab_result,", ehr_id, tail));
    }
  }
  return out.Close();
}

absl::Status WriteManifest(const TruthInputs& truth, const std::string& path) {
  OutputFile out(path);
  RETURN_IF_ERROR(out.Open());
  out.Append("key,value\n");
  for (const auto& [key, value] : truth.manifest) out.Append(Line({key, value}));
  return out.Close();
}

}  // namespace

std::string ChronicConditions(const Person& person) {
  std::vector<std::string> chronic;
  for (int c = 0; c < kChronicCount; ++c) {
    if (person.Has(static_cast<Chronic>(c))) chronic.push_back(ChronicInfoOf(static_cast<Chronic>(c)).name);
  }
  return absl::StrJoin(chronic, ";");
}

std::vector<CodeMapRow> CodeMapRows() {
  std::vector<CodeMapRow> out;
  auto add = [&out](std::string source, std::string table, std::string code_column, std::string code,
                    std::string unit, std::string system, std::string standard_code, std::string standard_unit,
                    double factor, double offset) {
    // As the file spells them, so that every reader converts alike.
    double f = 0, o = 0;
    (void)absl::SimpleAtod(Factor(factor), &f);
    (void)absl::SimpleAtod(Factor(offset), &o);
    out.push_back({std::move(source), std::move(table), std::move(code_column), std::move(code), std::move(unit),
                   std::move(system), std::move(standard_code), std::move(standard_unit), f, o});
  };
  for (int t = 0; t < kLabTestCount; ++t) {
    const LabTestInfo& info = LabTestInfoOf(static_cast<LabTest>(t));
    for (const LabReporting* r : {&info.main, &info.north}) {
      add("lab", "lab_result", "test_code", r->local_code, r->unit, "LOINC", info.canonical_loinc,
          info.canonical_ucum, r->to_canonical, 0);
    }
  }
  for (int t = 0; t < kLabTestCount; ++t) {
    const LabTestInfo& info = LabTestInfoOf(static_cast<LabTest>(t));
    for (const LabReporting* r : {&info.main, &info.north}) {
      if (r == &info.north && std::string(r->ucum) == info.main.ucum) continue;
      add("ehr", "lab_result", "loinc_code", r->loinc, r->ucum, "LOINC", info.canonical_loinc, info.canonical_ucum,
          r->to_canonical, 0);
    }
  }
  add("ehr", "lab_result", "loinc_code", kPointOfCareGlucoseLoinc, "mg/dL", "LOINC", kPointOfCareGlucoseLoinc,
      "mg/dL", 1, 0);
  for (int d = 0; d < kDrugCount; ++d) {
    const DrugInfo& drug = DrugInfoOf(static_cast<Drug>(d));
    for (const char* ndc : drug.ndcs) add("pharmacy", "dispensing", "ndc", ndc, "", "RXNORM", drug.rxnorm, "", 1, 0);
  }
  struct Measure {
    const char* source;
    const char* table;
    const char* code_column;
    const char* code;
    const char* unit;
    const char* loinc;
    const char* ucum;
    double factor;
    double offset;
  };
  constexpr Measure kMeasures[] = {
      {"ehr", "vital_sign", "column", "weight_lb", "[lb_av]", "29463-7", "kg", 0.45359237, 0},
      {"ehr", "vital_sign", "column", "height_in", "[in_i]", "8302-2", "cm", 2.54, 0},
      {"ehr", "vital_sign", "column", "systolic_mmhg", "mm[Hg]", "8480-6", "mm[Hg]", 1, 0},
      {"ehr", "vital_sign", "column", "diastolic_mmhg", "mm[Hg]", "8462-4", "mm[Hg]", 1, 0},
      {"ehr", "vital_sign", "column", "pulse_bpm", "/min", "8867-4", "/min", 1, 0},
      {"ehr", "vital_sign", "column", "temperature_f", "[degF]", "8310-5", "Cel", 5.0 / 9.0,
       -160.0 / 9.0},
      {"ehr", "vital_sign", "column", "respiratory_rate", "/min", "9279-1", "/min", 1, 0},
      {"ehr", "vital_sign", "column", "spo2_pct", "%", "59408-5", "%", 1, 0},
      {"devices", "readings", "type", "weight", "lb", "29463-7", "kg", 0.45359237, 0},
      {"devices", "readings", "type", "weight", "kg", "29463-7", "kg", 1, 0},
      {"devices", "readings", "type", "blood_pressure.systolic", "mmHg", "8480-6", "mm[Hg]", 1, 0},
      {"devices", "readings", "type", "blood_pressure.diastolic", "mmHg", "8462-4", "mm[Hg]", 1, 0},
      {"devices", "readings", "type", "blood_pressure.pulse", "/min", "8867-4", "/min", 1, 0},
      {"devices", "readings", "type", "glucose", "mg/dL", "41653-7", "mg/dL", 1, 0},
  };
  for (const Measure& m : kMeasures) {
    add(m.source, m.table, m.code_column, m.code, m.unit, "LOINC", m.loinc, m.ucum, m.factor, m.offset);
  }
  return out;
}

absl::Status WriteCodeMap(const std::string& path) {
  OutputFile out(path);
  RETURN_IF_ERROR(out.Open());
  out.Append(
      "source,table,code_column,code,unit,standard_system,standard_code,standard_unit,"
      "factor,offset\n");
  for (const CodeMapRow& e : CodeMapRows()) {
    out.Append(Line({e.source, e.table, e.code_column, e.code, e.unit, e.standard_system, e.standard_code,
                     e.standard_unit, Factor(e.factor), Factor(e.offset)}));
  }
  return out.Close();
}

absl::Status WriteTruthFiles(const TruthInputs& truth, const std::string& directory) {
  RETURN_IF_ERROR(WritePersons(*truth.people, absl::StrCat(directory, "/persons.csv")));
  RETURN_IF_ERROR(WritePersonRecords(truth, absl::StrCat(directory, "/person_records.csv")));
  RETURN_IF_ERROR(WriteSameFacts(truth, absl::StrCat(directory, "/same_facts.csv")));
  RETURN_IF_ERROR(WriteCodeMap(absl::StrCat(directory, "/code_map.csv")));
  return WriteManifest(truth, absl::StrCat(directory, "/manifest.csv"));
}

}  // namespace tessera::riverside
