// File: engine/server/patient_call.h
//
// The answer of GetPatientRecord: one patient's record read through the
// unified views (engine/fhir/patient_record.h), as row batches per view and,
// when asked, as a FHIR R4 Bundle.

#ifndef TESSERA_ENGINE_SERVER_PATIENT_CALL_H_
#define TESSERA_ENGINE_SERVER_PATIENT_CALL_H_

#include "absl/status/status.h"
#include "engine/exec/query_context.h"
#include "engine/session/session.h"
#include "proto/query_service.pb.h"

namespace tessera::server {

absl::Status GetPatientRecord(Session& session, const v1::PatientRecordRequest& request, QueryContext& ctx,
                              v1::PatientRecordResponse* response);

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_PATIENT_CALL_H_
