#include "engine/riverside/truth_tables.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/riverside/codes.h"
#include "engine/riverside/formats.h"
#include "engine/riverside/names.h"

namespace tessera::riverside {
namespace {

const DataType kId = DataType::Int64();
const DataType kText = DataType::Text();

TableLoad PersonsTable(const std::vector<Person>& people) {
  TableLoad t;
  t.spec = {"persons",
            {{"person_id", kId},
             {"given_name", kText},
             {"middle_name", kText},
             {"family_name", kText},
             {"sex", kText},
             {"birth_date", DataType::Date()},
             {"street", kText},
             {"city", kText},
             {"state", kText},
             {"zip", kText},
             {"phone", kText},
             {"chronic_conditions", kText}},
            {}};
  t.rows = static_cast<int64_t>(people.size());
  t.fill = [&people](int64_t row, std::vector<Value>& v) {
    const Person& p = people[row];
    const Identity& id = p.identity;
    const Town& town = Towns()[id.town];
    v[0] = Value::Int64(p.id);
    v[1] = TextOrNull(id.given);
    v[2] = TextOrNull(id.middle);
    v[3] = TextOrNull(id.family);
    v[4] = Value::Text(id.sex == Sex::kFemale ? "F" : "M");
    v[5] = DateValue(id.birth_day);
    v[6] = TextOrNull(id.street);
    v[7] = TextOrNull(town.city);
    v[8] = TextOrNull(town.state);
    v[9] = TextOrNull(id.zip);
    v[10] = TextOrNull(id.phone);
    v[11] = TextOrNull(ChronicConditions(p));
  };
  return t;
}

// Every person record of every source, in person_records.csv's order.
TableLoad PersonRecordsTable(const TruthInputs& truth) {
  TableLoad t;
  t.spec = {"person_records",
            {{"source", kText},
             {"record_type", kText},
             {"record_id", kText},
             {"person_id", kId},
             {"duplicate", kId},
             {"noise", kText}},
            {{"person_id"}},
            {"source", "record_type", "record_id"}};
  const int64_t ehr = static_cast<int64_t>(truth.ehr->patients.records.size());
  const int64_t lab = static_cast<int64_t>(truth.lab->patients.records.size());
  const int64_t pharmacy = static_cast<int64_t>(truth.pharmacy->customers.records.size());
  t.rows = ehr + lab + pharmacy + static_cast<int64_t>(truth.devices->registrations.size());
  t.fill = [&truth, ehr, lab, pharmacy](int64_t row, std::vector<Value>& v) {
    const std::vector<Person>& people = *truth.people;
    auto record = [&](const char* source, const char* type, const PersonRecord& r) {
      v[0] = Value::Text(source);
      v[1] = Value::Text(type);
      v[2] = Value::Text(absl::StrCat(r.id));
      v[3] = Value::Int64(people[r.person].id);
      v[4] = Value::Int64(r.duplicate ? 1 : 0);
      v[5] = TextOrNull(r.noise);
    };
    if (row < ehr) return record("ehr", "patient", truth.ehr->patients.records[row]);
    row -= ehr;
    if (row < lab) return record("lab", "patient", truth.lab->patients.records[row]);
    row -= lab;
    if (row < pharmacy) return record("pharmacy", "customer", truth.pharmacy->customers.records[row]);
    row -= pharmacy;
    const Registration& r = truth.devices->registrations[row];
    v[0] = Value::Text("devices");
    v[1] = Value::Text("registration");
    v[2] = Value::Text(r.registration_id);
    v[3] = Value::Int64(people[r.person].id);
    v[4] = Value::Int64(r.duplicate ? 1 : 0);
    v[5] = TextOrNull(r.noise);
  };
  return t;
}

// One row per record of a fact: the lab's, then the EHR's copies.
TableLoad SameFactsTable(const TruthInputs& truth) {
  TableLoad t;
  t.spec = {"same_facts",
            {{"fact_id", kId},
             {"source", kText},
             {"table", kText},
             {"record_id", kId},
             {"person_id", kId},
             {"loinc", kText},
             {"value", DataType::Decimal(2)},
             {"unit", kText},
             {"effective_at", DataType::Timestamp()}},
            {{"person_id"}, {"source", "record_id"}},
            {"fact_id", "source", "table", "record_id"}};
  // (fact, copy): copy -1 is the lab's record, else an index into the
  // fact's EHR records.
  auto rows = std::make_shared<std::vector<std::pair<int32_t, int32_t>>>();
  const std::vector<SameFact>& facts = truth.ehr->same_facts;
  for (size_t f = 0; f < facts.size(); ++f) {
    rows->push_back({static_cast<int32_t>(f), -1});
    for (size_t e = 0; e < facts[f].ehr_lab_result_ids.size(); ++e) {
      rows->push_back({static_cast<int32_t>(f), static_cast<int32_t>(e)});
    }
  }
  t.rows = static_cast<int64_t>(rows->size());
  t.fill = [&truth, rows](int64_t row, std::vector<Value>& v) {
    auto [f, copy] = (*rows)[row];
    const SameFact& fact = truth.ehr->same_facts[f];
    const LabTestInfo& info = LabTestInfoOf(fact.result->test);
    v[0] = Value::Int64(fact.id);
    v[1] = Value::Text(copy < 0 ? "lab" : "ehr");
    v[2] = Value::Text("lab_result");
    v[3] = Value::Int64(copy < 0 ? fact.lab_result_id : fact.ehr_lab_result_ids[copy]);
    v[4] = Value::Int64((*truth.people)[fact.person].id);
    v[5] = Value::Text(info.canonical_loinc);
    v[6] = Value::Decimal(fact.result->value_x100, 2);
    v[7] = Value::Text(info.canonical_ucum);
    v[8] = TimestampValue(fact.result->collected_at);
  };
  return t;
}

TableLoad CodeMapTable() {
  TableLoad t;
  t.spec = {"code_map",
            {{"source", kText},
             {"table", kText},
             {"code_column", kText},
             {"code", kText},
             {"unit", kText},
             {"standard_system", kText},
             {"standard_code", kText},
             {"standard_unit", kText},
             {"factor", DataType::Double()},
             {"offset", DataType::Double()}},
            {{"standard_code"}},
            {"source", "table", "code_column", "code", "unit"}};
  auto entries = std::make_shared<std::vector<CodeMapRow>>(CodeMapRows());
  t.rows = static_cast<int64_t>(entries->size());
  t.fill = [entries](int64_t row, std::vector<Value>& v) {
    const CodeMapRow& e = (*entries)[row];
    v[0] = Value::Text(e.source);
    v[1] = Value::Text(e.table);
    v[2] = Value::Text(e.code_column);
    v[3] = Value::Text(e.code);
    v[4] = Value::Text(e.unit);
    v[5] = Value::Text(e.standard_system);
    v[6] = Value::Text(e.standard_code);
    v[7] = TextOrNull(e.standard_unit);
    v[8] = Value::Double(e.factor);
    v[9] = Value::Double(e.offset);
  };
  return t;
}

}  // namespace

SourceLoad TruthTables(const TruthInputs& truth) {
  return {"truth",
          {PersonsTable(*truth.people), PersonRecordsTable(truth), SameFactsTable(truth), CodeMapTable()}};
}

}  // namespace tessera::riverside
