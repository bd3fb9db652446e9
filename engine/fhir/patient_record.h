// File: engine/fhir/patient_record.h
//
// One patient's whole record across every source (the shape of FHIR's
// Patient/$everything): the golden `patient` row and every row of the
// unified views about the same enterprise id, deduplicated and in one
// vocabulary. The views' queries run at once, each pushing the enterprise
// id into its sources as their own ids.

#ifndef TESSERA_ENGINE_FHIR_PATIENT_RECORD_H_
#define TESSERA_ENGINE_FHIR_PATIENT_RECORD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/exec/query_context.h"
#include "engine/session/session.h"
#include "engine/types/row_batch.h"
#include "engine/types/schema.h"
#include "engine/types/value.h"

namespace tessera {

// The rows of one unified view about the patient.
struct RecordSection {
  std::string view;  // "observation", ...
  std::shared_ptr<const Schema> schema;
  std::vector<std::vector<Value>> rows;

  // The cell of `column` in row `row`, NULL when the view has no such column.
  Value Get(size_t row, absl::string_view column) const;
  // The rows as one batch (for writers and the wire).
  RowBatch AsBatch() const;
};

struct PatientRecord {
  int64_t patient_id = 0;
  std::vector<RecordSection> sections;  // "patient" first, then the clinical views.

  const RecordSection* Find(absl::string_view view) const;
};

// The views a patient's record is read from, in order.
const std::vector<std::string>& PatientRecordViews();

// Reads patient `patient_id`'s record through `session`. NotFound when no
// source knows the id.
absl::StatusOr<PatientRecord> ReadPatientRecord(Session& session, int64_t patient_id, QueryContext& ctx);

}  // namespace tessera

#endif  // TESSERA_ENGINE_FHIR_PATIENT_RECORD_H_
