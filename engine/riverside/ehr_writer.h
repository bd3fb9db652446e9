// File: engine/riverside/ehr_writer.h
//
// The EHR's tables, in the EHR's own style (typed dates, mixed-case names,
// LOINC/ICD-10-CM/RxNorm/CPT codes):
//
//   patient(patient_id, mrn, family_name, given_name, middle_name, sex,
//           birth_date, address_line, city, state, zip, phone, registered_on)
//   encounter(encounter_id, patient_id, encounter_class, encounter_type,
//             department, start_at, end_at)
//   condition(condition_id, patient_id, encounter_id, icd10_code, description,
//             clinical_status, onset_date, abatement_date, recorded_at)
//   medication_order(medication_order_id, patient_id, encounter_id,
//                    rxnorm_code, medication_name, sig, quantity, days_supply,
//                    refills, ordered_at, start_date, end_date, status)
//   vital_sign(vital_sign_id, patient_id, encounter_id, taken_at, weight_lb,
//              height_in, systolic_mmhg, diastolic_mmhg, pulse_bpm,
//              temperature_f, respiratory_rate, spo2_pct)
//   procedure(procedure_id, patient_id, encounter_id, cpt_code, description,
//             performed_at)
//   lab_result(lab_result_id, patient_id, encounter_id, loinc_code, test_name,
//              result_value, unit, reference_range, abnormal_flag,
//              performing_lab, observed_at, received_at)

#ifndef TESSERA_ENGINE_RIVERSIDE_EHR_WRITER_H_
#define TESSERA_ENGINE_RIVERSIDE_EHR_WRITER_H_

#include <vector>

#include "engine/riverside/ehr_source.h"
#include "engine/riverside/history.h"
#include "engine/riverside/sql_table_writer.h"

namespace tessera::riverside {

// The EHR's tables over `ehr`, which must outlive the result.
std::vector<TableLoad> EhrTables(const EhrData& ehr, const HistoryContext& context);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_EHR_WRITER_H_
