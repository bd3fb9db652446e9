// File: engine/fhir/fhir_bundle.cc

#include "engine/fhir/fhir_bundle.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "engine/fhir/json_builder.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"

namespace tessera {
namespace {

using json::Arr;
using json::Obj;
using json::Str;

constexpr char kLoinc[] = "http://loinc.org";
constexpr char kUcum[] = "http://unitsofmeasure.org";
constexpr char kRxNorm[] = "http://www.nlm.nih.gov/research/umls/rxnorm";

std::string Text(const Value& v) { return v.is_null() ? "" : v.ToString(); }

std::string Number(const Value& v) {
  if (v.is_null()) return "";
  switch (v.type().id) {
    case TypeId::kDouble: return json::Num(v.double_value());
    case TypeId::kInt64: return absl::StrCat(v.int64_value());
    case TypeId::kDecimal: return FormatDecimal(v.int64_value(), v.type().scale);
    default: return "";
  }
}

// A FHIR date, or a dateTime in UTC ("2024-02-13T15:23:00Z").
std::string When(const Value& v) {
  if (v.is_null()) return "";
  if (v.type().id == TypeId::kDate) return Str(FormatDate(v.int64_value()));
  if (v.type().id != TypeId::kTimestamp) return "";
  std::string t = FormatTimestamp(v.int64_value());
  t[10] = 'T';
  return Str(absl::StrCat(t, "Z"));
}

// A resource id from the row's first source record (and `extra`, for rows
// one source record yields several of, like a vital-sign row's
// measurements). FHIR ids allow letters, digits, '-' and '.'.
std::string ResourceId(absl::string_view prefix, const RecordSection& s, size_t r, absl::string_view extra = "") {
  std::string id = absl::StrCat(prefix, "-", Text(s.Get(r, "source")), "-", Text(s.Get(r, "source_table")), "-",
                                Text(s.Get(r, "record_id")), extra.empty() ? "" : "-", extra);
  for (char& c : id) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '.') c = '-';
  }
  return id.substr(0, 64);
}

std::string Coding(absl::string_view system, const Value& code, const Value& display = Value::Null(DataType::Text())) {
  return Obj({{"coding", Arr({Obj({{"system", Str(system)}, {"code", Str(Text(code))}, {"display", Str(Text(display))}})})}});
}

std::string Subject(int64_t patient_id) { return Obj({{"reference", Str(absl::StrCat("Patient/", patient_id))}}); }

// The source records a row stands for: its `source_records` list when it was
// deduplicated ("ehr:12,lab:7"), else its own source and record id.
std::string Identifiers(const RecordSection& s, size_t row) {
  std::vector<std::pair<std::string, std::string>> records;
  std::string merged = Text(s.Get(row, "source_records"));
  if (!merged.empty()) {
    for (absl::string_view r : absl::StrSplit(merged, ',')) {
      std::pair<std::string, std::string> kv = absl::StrSplit(r, absl::MaxSplits(':', 1));
      records.push_back(kv);
    }
  } else {
    records.push_back({Text(s.Get(row, "source")), Text(s.Get(row, "record_id"))});
  }
  const std::string table = Text(s.Get(row, "source_table"));
  std::vector<std::string> out;
  for (const auto& [source, id] : records) {
    out.push_back(Obj({{"system", Str(absl::StrCat("urn:tessera:source:", source, ":", table))}, {"value", Str(id)}}));
  }
  return Arr(out);
}

std::string Entry(std::string resource) { return Obj({{"resource", std::move(resource)}}); }

std::string PatientResource(const PatientRecord& record) {
  const RecordSection& p = *record.Find("patient");
  // Every source id the patient is known by, from every row about them.
  std::set<std::pair<std::string, std::string>> known;
  for (const RecordSection& s : record.sections) {
    for (size_t r = 0; r < s.rows.size(); ++r) {
      std::string source = Text(s.Get(r, "patient_source"));
      if (!source.empty()) known.insert({source, Text(s.Get(r, "patient_ref"))});
    }
  }
  std::vector<std::string> identifiers = {
      Obj({{"system", Str("urn:tessera:enterprise-id")}, {"value", Str(absl::StrCat(record.patient_id))}})};
  for (const auto& [source, ref] : known) {
    identifiers.push_back(Obj({{"system", Str(absl::StrCat("urn:tessera:source:", source, ":patient"))}, {"value", Str(ref)}}));
  }
  std::vector<std::string> field_sources;
  for (const Field& f : p.schema->fields()) {
    if (!absl::EndsWith(f.name, "_source")) continue;
    std::string value = Text(p.Get(0, f.name));
    if (value.empty()) continue;
    field_sources.push_back(Obj({{"url", Str(f.name.substr(0, f.name.size() - 7))}, {"valueString", Str(value)}}));
  }
  std::string gender = Text(p.Get(0, "gender"));
  if (gender != "male" && gender != "female" && gender != "other" && gender != "unknown") gender.clear();
  return Obj({
      {"resourceType", Str("Patient")},
      {"id", Str(absl::StrCat(record.patient_id))},
      {"extension", Arr({Obj({{"url", Str("urn:tessera:fhir:field-source")}, {"extension", Arr(field_sources)}})})},
      {"identifier", Arr(identifiers)},
      {"name", Arr({Obj({{"family", Str(Text(p.Get(0, "family_name")))},
                         {"given", Arr({Str(Text(p.Get(0, "given_name")))})}})})},
      {"telecom", Arr({Obj({{"system", Str("phone")}, {"value", Str(Text(p.Get(0, "phone")))}})})},
      {"gender", Str(gender)},
      {"birthDate", When(p.Get(0, "birth_date"))},
      {"address", Arr({Obj({{"line", Arr({Str(Text(p.Get(0, "address_line")))})},
                            {"city", Str(Text(p.Get(0, "city")))},
                            {"state", Str(Text(p.Get(0, "state")))},
                            {"postalCode", Str(Text(p.Get(0, "zip")))}})})},
  });
}

std::string ObservationResource(const RecordSection& s, size_t r, int64_t patient_id) {
  std::string code = Text(s.Get(r, "code"));
  std::string category = Text(s.Get(r, "category"));
  // A home device's glucose is a laboratory value; its weight and blood
  // pressure are vital signs.
  if (category == "device") category = code == "41653-7" ? "laboratory" : "vital-signs";
  std::string unit = Text(s.Get(r, "unit"));
  Value conflicting = s.Get(r, "conflicting");
  return Obj({
      {"resourceType", Str("Observation")},
      {"id", Str(ResourceId("obs", s, r, code))},
      {"extension", !conflicting.is_null() && conflicting.bool_value()
                        ? Arr({Obj({{"url", Str("urn:tessera:fhir:conflicting-reports")}, {"valueBoolean", json::Bool(true)}})})
                        : ""},
      {"identifier", Identifiers(s, r)},
      {"status", Str("final")},
      {"category",
       Arr({Obj({{"coding", Arr({Obj({{"system", Str("http://terminology.hl7.org/CodeSystem/observation-category")},
                                     {"code", Str(category)}})})}})})},
      {"code", Coding(kLoinc, s.Get(r, "code"))},
      {"subject", Subject(patient_id)},
      {"effectiveDateTime", When(s.Get(r, "effective_at"))},
      {"valueQuantity", Obj({{"value", Number(s.Get(r, "value"))},
                             {"unit", Str(unit)},
                             {"system", unit.empty() ? "" : Str(kUcum)},
                             {"code", Str(unit)}})},
  });
}

std::string ConditionResource(const RecordSection& s, size_t r, int64_t patient_id) {
  std::string status = absl::AsciiStrToLower(Text(s.Get(r, "clinical_status")));
  return Obj({
      {"resourceType", Str("Condition")},
      {"id", Str(ResourceId("cond", s, r))},
      {"identifier", Identifiers(s, r)},
      {"clinicalStatus", status.empty() ? "" : Coding("http://terminology.hl7.org/CodeSystem/condition-clinical",
                                                      Value::Text(status))},
      {"code", Coding(Text(s.Get(r, "code_system")), s.Get(r, "code"), s.Get(r, "display"))},
      {"subject", Subject(patient_id)},
      {"onsetDateTime", When(s.Get(r, "onset_date"))},
      {"abatementDateTime", When(s.Get(r, "abatement_date"))},
      {"recordedDate", When(s.Get(r, "recorded_at"))},
  });
}

std::string MedicationResource(const RecordSection& s, size_t r, int64_t patient_id) {
  const bool dispensing = Text(s.Get(r, "kind")) == "dispensing";
  std::string medication = Coding(kRxNorm, s.Get(r, "code"), s.Get(r, "display"));
  std::string id = ResourceId(dispensing ? "disp" : "rx", s, r);
  if (dispensing) {
    return Obj({
        {"resourceType", Str("MedicationDispense")},
        {"id", Str(id)},
        {"identifier", Identifiers(s, r)},
        {"status", Str("completed")},
        {"medicationCodeableConcept", medication},
        {"subject", Subject(patient_id)},
        {"daysSupply", Obj({{"value", Number(s.Get(r, "days_supply"))}, {"unit", Str("d")}, {"system", Str(kUcum)},
                            {"code", Str("d")}})},
        {"whenHandedOver", When(s.Get(r, "start_date"))},
    });
  }
  // EHR order states, in MedicationRequest's vocabulary.
  std::string status = absl::AsciiStrToLower(Text(s.Get(r, "status")));
  if (status == "discontinued") status = "stopped";
  if (status != "active" && status != "completed" && status != "stopped" && status != "on-hold" &&
      status != "cancelled") {
    status = "unknown";
  }
  return Obj({
      {"resourceType", Str("MedicationRequest")},
      {"id", Str(id)},
      {"identifier", Identifiers(s, r)},
      {"status", Str(status)},
      {"intent", Str("order")},
      {"medicationCodeableConcept", medication},
      {"subject", Subject(patient_id)},
      {"authoredOn", When(s.Get(r, "start_date"))},
  });
}

std::string ProcedureResource(const RecordSection& s, size_t r, int64_t patient_id) {
  return Obj({
      {"resourceType", Str("Procedure")},
      {"id", Str(ResourceId("proc", s, r))},
      {"identifier", Identifiers(s, r)},
      {"status", Str("completed")},
      {"code", Coding(Text(s.Get(r, "code_system")), s.Get(r, "code"), s.Get(r, "display"))},
      {"subject", Subject(patient_id)},
      {"performedDateTime", When(s.Get(r, "performed_at"))},
  });
}

std::string EncounterResource(const RecordSection& s, size_t r, int64_t patient_id) {
  return Obj({
      {"resourceType", Str("Encounter")},
      {"id", Str(ResourceId("enc", s, r))},
      {"identifier", Identifiers(s, r)},
      {"status", Str(s.Get(r, "end_at").is_null() ? "in-progress" : "finished")},
      {"class", Obj({{"system", Str("http://terminology.hl7.org/CodeSystem/v3-ActCode")},
                     {"code", Str(Text(s.Get(r, "encounter_class")))}})},
      {"type", Arr({Obj({{"text", Str(Text(s.Get(r, "encounter_type")))}})})},
      {"serviceType", Obj({{"text", Str(Text(s.Get(r, "department")))}})},
      {"subject", Subject(patient_id)},
      {"period", Obj({{"start", When(s.Get(r, "start_at"))}, {"end", When(s.Get(r, "end_at"))}})},
  });
}

}  // namespace

std::string RenderFhirBundle(const PatientRecord& record) {
  using Render = std::string (*)(const RecordSection&, size_t, int64_t);
  const std::vector<std::pair<const char*, Render>> kinds = {
      {"observation", ObservationResource}, {"condition", ConditionResource}, {"medication", MedicationResource},
      {"procedure", ProcedureResource},     {"encounter", EncounterResource},
  };
  std::vector<std::string> entries = {Entry(PatientResource(record))};
  for (const auto& [view, render] : kinds) {
    const RecordSection* s = record.Find(view);
    if (s == nullptr) continue;
    for (size_t r = 0; r < s->rows.size(); ++r) entries.push_back(Entry(render(*s, r, record.patient_id)));
  }
  std::string now = FormatTimestamp(absl::ToUnixMicros(absl::Now()));
  now[10] = 'T';
  return Obj({
      {"resourceType", Str("Bundle")},
      {"id", Str(absl::StrCat("everything-", record.patient_id))},
      {"type", Str("collection")},
      {"timestamp", Str(absl::StrCat(now, "Z"))},
      {"entry", Arr(entries)},
  });
}

}  // namespace tessera
