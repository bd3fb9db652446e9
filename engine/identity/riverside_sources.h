// File: engine/identity/riverside_sources.h
//
// The person records of Riverside's systems: which table of each source
// holds people and how its columns map onto a PersonRecord (ehr.patient,
// lab.patient with its "FAMILY, GIVEN M" names and MM/DD/YYYY dates,
// pharmacy.customer, the device hub's registrations). The EHR MRN, and the
// lab's copy of it, is the one reliable identifier shared across sources.

#ifndef TESSERA_ENGINE_IDENTITY_RIVERSIDE_SOURCES_H_
#define TESSERA_ENGINE_IDENTITY_RIVERSIDE_SOURCES_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/catalog/source_registry.h"
#include "engine/identity/record_source.h"
#include "engine/identity/sql_record_source.h"

namespace tessera::identity {

// The person table of a Riverside source by name ("ehr", "lab",
// "pharmacy"), or nullopt for a source without one.
std::optional<TableMapping> RiversidePersonTable(absl::string_view source);

// A record source for every configured source that has a person table, and
// for the device hub's registrations: from the file `device_registrations`
// when it names one that exists, else from a configured `devices` source
// that takes no SQL (the hub's gRPC source).
std::vector<std::unique_ptr<RecordSource>> RiversideRecordSources(const SourceRegistry& sources,
                                                                  const std::string& device_registrations);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_RIVERSIDE_SOURCES_H_
