// File: engine/riverside/lab_writer.h
//
// The lab system's tables, in its own style (upper-case "FAMILY, GIVEN M"
// names, dates of birth as MM/DD/YYYY text, local test codes and units):
//
//   patient(lab_patient_id, patient_name, sex, dob, phone, zip, ehr_mrn)
//   lab_result(result_id, lab_patient_id, accession, test_code, test_name,
//              result_value, units, reference_range, abnormal_flag,
//              performing_site, collected_at, resulted_at)

#ifndef TESSERA_ENGINE_RIVERSIDE_LAB_WRITER_H_
#define TESSERA_ENGINE_RIVERSIDE_LAB_WRITER_H_

#include <vector>

#include "engine/riverside/lab_source.h"
#include "engine/riverside/sql_table_writer.h"

namespace tessera::riverside {

// The lab's tables over `lab`, which must outlive the result.
std::vector<TableLoad> LabTables(const LabData& lab);

// "SMITH, ROBERT J": the lab's spelling of a name.
std::string LabPatientName(const Demographics& d);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_LAB_WRITER_H_
