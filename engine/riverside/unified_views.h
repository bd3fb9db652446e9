// File: engine/riverside/unified_views.h
//
// The unified, FHIR-aligned views over Riverside's sources, as configuration:
// how each source table maps onto `observation`, `condition`, `medication`,
// `procedure` and `encounter`, with local codes and units translated through
// the deployment's code maps. They are plain SQL views (see
// proto/config.proto), so adding a source is adding a branch to a view.
//
// Every row names where it came from (source, source_table, record_id) and
// whose it is in that source's terms (patient_source, patient_ref). With a
// link index (`tessera link`) every row also carries the enterprise
// patient_id, joined per source from the index, so that a condition on
// patient_id reaches each source as its own ids; and `observation` merges
// the same result reported by several systems into one row.

#ifndef TESSERA_ENGINE_RIVERSIDE_UNIFIED_VIEWS_H_
#define TESSERA_ENGINE_RIVERSIDE_UNIFIED_VIEWS_H_

#include <string>

#include "proto/config.pb.h"

namespace tessera::riverside {

struct UnifiedViewOptions {
  // The code map file, as the configuration should name it.
  std::string code_map_file;
  // Adds the device hub's readings to `observation`.
  bool devices = false;
  // The source holding the link index (table link_record); empty for views
  // without enterprise ids.
  std::string identity_source;
};

void AddUnifiedViews(const UnifiedViewOptions& options, config::TesseraConfig* cfg);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_UNIFIED_VIEWS_H_
