// File: engine/cli/source_health.h
//
// Whether a source answers now, and how fast: what `tessera sources` and the
// console's `\sources` report.

#ifndef TESSERA_ENGINE_CLI_SOURCE_HEALTH_H_
#define TESSERA_ENGINE_CLI_SOURCE_HEALTH_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connectors/connector.h"

namespace tessera::cli {

struct SourceHealth {
  std::string name;
  std::string kind;  // The connector's description ("SQLite via ODBC").
  absl::Status status;  // OK when the source answered its health check.
  absl::Duration latency;  // How long the health check took.
  // The source's tables, when it answered (its error otherwise).
  absl::StatusOr<std::vector<std::string>> tables = std::vector<std::string>{};
};

// Runs the source's health check and, when it answers, lists its tables.
SourceHealth CheckSourceHealth(Connector& source);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_SOURCE_HEALTH_H_
