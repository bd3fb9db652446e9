// File: engine/riverside/unified_views.h
//
// The unified, FHIR-aligned views over Riverside's sources, as configuration:
// how each source table maps onto `observation`, `condition`, `medication`,
// `procedure` and `encounter`, with local codes and units translated through
// the deployment's code maps. They are plain SQL views (see
// proto/config.proto), so adding a source is adding a branch to a view.
//
// Every row names where it came from (source, source_table, record_id) and
// whose it is in that source's terms (patient_source, patient_ref); the
// enterprise patient id comes from identity resolution.

#ifndef TESSERA_ENGINE_RIVERSIDE_UNIFIED_VIEWS_H_
#define TESSERA_ENGINE_RIVERSIDE_UNIFIED_VIEWS_H_

#include <string>

#include "proto/config.pb.h"

namespace tessera::riverside {

// Adds the views and the code map file (a path as the configuration should
// name it) to `cfg`. `with_devices` adds the device hub's readings to
// `observation`.
void AddUnifiedViews(const std::string& code_map_file, bool with_devices, config::TesseraConfig* cfg);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_UNIFIED_VIEWS_H_
