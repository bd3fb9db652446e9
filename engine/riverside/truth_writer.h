// File: engine/riverside/truth_writer.h
//
// The ground truth, written beside the data as CSV in <data_dir>/truth/ so
// identity resolution, deduplication and code translation can be scored:
//
//   persons.csv        person_id, the true demographics, chronic conditions.
//   person_records.csv source,record_type,record_id,person_id,duplicate,noise:
//                      every person record of every source (ehr patient, lab
//                      patient, pharmacy customer, device registration)
//                      exactly once; `duplicate` is 1 for a person's second
//                      record in a source; `noise` lists what was injected.
//   same_facts.csv     fact_id,source,table,record_id,person_id,loinc,value,
//                      unit,effective_at: rows in different tables that are
//                      one fact (a lab result in the lab system and the EHR),
//                      with the true value in the canonical LOINC and unit.
//   code_map.csv       source,table,code_column,code,unit,standard_system,
//                      standard_code,standard_unit,factor,offset: how each
//                      source's codes and units map onto the canonical ones
//                      (standard value = value * factor + offset).
//   manifest.csv       key,value: generation parameters and row counts.

#ifndef TESSERA_ENGINE_RIVERSIDE_TRUTH_WRITER_H_
#define TESSERA_ENGINE_RIVERSIDE_TRUTH_WRITER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "engine/riverside/device_source.h"
#include "engine/riverside/ehr_source.h"
#include "engine/riverside/lab_source.h"
#include "engine/riverside/person.h"
#include "engine/riverside/pharmacy_source.h"

namespace tessera::riverside {

struct TruthInputs {
  const std::vector<Person>* people = nullptr;
  const EhrData* ehr = nullptr;
  const LabData* lab = nullptr;
  const PharmacyData* pharmacy = nullptr;
  const DeviceData* devices = nullptr;
  // Written to manifest.csv in this order.
  std::vector<std::pair<std::string, std::string>> manifest;
};

// Writes the five truth files into `directory`.
absl::Status WriteTruthFiles(const TruthInputs& truth, const std::string& directory);

// A person's chronic conditions as persons.csv lists them ("diabetes;...").
std::string ChronicConditions(const Person& person);

// One line of code_map.csv: standard value = value * factor + offset.
struct CodeMapRow {
  std::string source, table, code_column, code, unit;
  std::string standard_system, standard_code, standard_unit;
  double factor = 1, offset = 0;  // As the file spells them (10 digits).
};

// Every line of Riverside's code map, in file order.
std::vector<CodeMapRow> CodeMapRows();

// Riverside's code maps (every local code and unit of every source, with its
// standard code, unit and conversion) in the format of
// engine/terminology/code_map.h. The truth files hold a copy; `tessera gen`
// writes another as the deployment's terminology.
absl::Status WriteCodeMap(const std::string& path);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_TRUTH_WRITER_H_
