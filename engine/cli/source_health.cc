#include "engine/cli/source_health.h"

#include "absl/time/clock.h"

namespace tessera::cli {

SourceHealth CheckSourceHealth(Connector& source) {
  SourceHealth health;
  health.name = source.name();
  health.kind = source.description();
  absl::Time start = absl::Now();
  health.status = source.CheckHealth();
  health.latency = absl::Now() - start;
  health.tables = health.status.ok() ? source.ListTables() : health.status;
  return health;
}

}  // namespace tessera::cli
