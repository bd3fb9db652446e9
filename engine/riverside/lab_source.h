// File: engine/riverside/lab_source.h
//
// The lab system's view of the population: its own patient registry (some
// patients carry the EHR's MRN from the order, most only demographics) and
// every result it produced, each under the local code and unit of the site
// that ran it.

#ifndef TESSERA_ENGINE_RIVERSIDE_LAB_SOURCE_H_
#define TESSERA_ENGINE_RIVERSIDE_LAB_SOURCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/riverside/noise.h"
#include "engine/riverside/person.h"
#include "engine/riverside/records.h"

namespace tessera::riverside {

struct LabResultRow {
  int64_t id = 0;
  int64_t lab_patient_id = 0;
  const LabResult* result = nullptr;
  std::string accession;
};

struct LabData {
  SourceRecords patients;
  std::vector<std::string> ehr_mrn;   // Parallel to patients.records; empty when unknown.
  std::vector<LabResultRow> results;  // Ordered by id (collection time).
  // result_id[person][k] is the id of Person::labs[k] here, 0 when the lab
  // never saw it (point-of-care tests, people the lab does not know).
  std::vector<std::vector<int64_t>> result_id;
};

// The lab's first patient id; ids of different sources never look alike.
inline constexpr int64_t kFirstLabPatientId = 1000001;

LabData BuildLab(const std::vector<Person>& people, const HistoryContext& context,
                 const NoiseRates& rates, const SourceRecords& ehr_patients);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_LAB_SOURCE_H_
