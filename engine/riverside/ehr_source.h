// File: engine/riverside/ehr_source.h
//
// The EHR's view of the population: patients under MRNs, and their
// encounters, problems, orders, vitals, procedures and the lab results that
// reached the EHR (interfaced from the Riverside lab, from outside labs, or
// measured at the point of care). Interfaced results are the same facts the
// lab system holds; BuildEhr records each such pair for the ground truth.

#ifndef TESSERA_ENGINE_RIVERSIDE_EHR_SOURCE_H_
#define TESSERA_ENGINE_RIVERSIDE_EHR_SOURCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/riverside/lab_source.h"
#include "engine/riverside/noise.h"
#include "engine/riverside/person.h"
#include "engine/riverside/records.h"

namespace tessera::riverside {

// A row that points at the true event it shows. `encounter_id` is 0 when the
// fact has no encounter.
template <typename Event>
struct EhrRow {
  int64_t id = 0;
  int64_t patient_id = 0;
  int64_t encounter_id = 0;
  const Event* event = nullptr;
};

enum class EhrLabOrigin : uint8_t {
  kInterfaced,   // From the Riverside lab: the same result is in the lab system.
  kOutsideLab,   // From a reference lab the lab system never sees.
  kPointOfCare,  // Measured in clinic.
};

struct EhrLabRow {
  int64_t id = 0;
  int64_t patient_id = 0;
  int64_t encounter_id = 0;
  const LabResult* result = nullptr;
  EhrLabOrigin origin = EhrLabOrigin::kInterfaced;
  int64_t received_at = 0;
};

// One result held by both the lab system and the EHR (once, or twice when the
// interface resent it).
struct SameFact {
  int64_t id = 0;
  size_t person = 0;
  const LabResult* result = nullptr;
  int64_t lab_result_id = 0;
  std::vector<int64_t> ehr_lab_result_ids;
};

struct EhrData {
  SourceRecords patients;
  std::vector<EhrRow<Encounter>> encounters;
  std::vector<EhrRow<Encounter>> vital_signs;  // One row per encounter with vitals.
  std::vector<EhrRow<ConditionEpisode>> conditions;
  std::vector<EhrRow<MedOrder>> medication_orders;
  std::vector<EhrRow<Procedure>> procedures;
  std::vector<EhrLabRow> lab_results;
  std::vector<SameFact> same_facts;  // Ordered by lab result id.
};

// The MRN printed for EHR patient `patient_id`: "RV" and seven digits,
// scrambled so that neighboring patients do not get neighboring MRNs.
std::string MrnFor(int64_t patient_id);

// The EHR's patient registry alone; the lab needs it (for MRNs on orders)
// before the EHR's facts can be built.
SourceRecords BuildEhrPatients(const std::vector<Person>& people, const HistoryContext& context,
                               const NoiseRates& rates);

// Everything else the EHR holds. Takes over `patients`.
EhrData BuildEhr(const std::vector<Person>& people, const HistoryContext& context,
                 const NoiseRates& rates, SourceRecords patients, const LabData& lab);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_EHR_SOURCE_H_
