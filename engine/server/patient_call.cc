// File: engine/server/patient_call.cc

#include "engine/server/patient_call.h"

#include "absl/time/clock.h"
#include "engine/fhir/fhir_bundle.h"
#include "engine/fhir/patient_record.h"
#include "engine/wire/batch_codec.h"

namespace tessera::server {

absl::Status GetPatientRecord(Session& session, const v1::PatientRecordRequest& request, QueryContext& ctx,
                              v1::PatientRecordResponse* response) {
  absl::Time start = absl::Now();
  absl::StatusOr<PatientRecord> record = ReadPatientRecord(session, request.patient_id(), ctx);
  if (!record.ok()) return record.status();
  response->set_patient_id(record->patient_id);
  for (const RecordSection& s : record->sections) {
    v1::PatientRecordSection* out = response->add_sections();
    out->set_view(s.view);
    EncodeSchema(*s.schema, out->mutable_schema());
    EncodeBatch(s.AsBatch(), out->mutable_rows());
  }
  if (request.fhir()) response->set_fhir_bundle_json(RenderFhirBundle(*record));
  response->set_elapsed_ms(absl::ToDoubleMilliseconds(absl::Now() - start));
  return absl::OkStatus();
}

}  // namespace tessera::server
