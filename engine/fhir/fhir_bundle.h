// File: engine/fhir/fhir_bundle.h
//
// A patient's whole record as a FHIR R4 Bundle (type "collection") in JSON:
// the golden Patient, then an Observation, Condition, MedicationRequest or
// MedicationDispense, Procedure and Encounter per row of the unified views.
// Every resource lists the source records it stands for as identifiers
// (system "urn:tessera:source:SOURCE"), and the Patient says in an extension
// which source each of its fields came from.
//
// Source timestamps carry no time zone; FHIR requires one on a dateTime, so
// they are written as UTC.

#ifndef TESSERA_ENGINE_FHIR_FHIR_BUNDLE_H_
#define TESSERA_ENGINE_FHIR_FHIR_BUNDLE_H_

#include <string>

#include "engine/fhir/patient_record.h"

namespace tessera {

std::string RenderFhirBundle(const PatientRecord& record);

}  // namespace tessera

#endif  // TESSERA_ENGINE_FHIR_FHIR_BUNDLE_H_
