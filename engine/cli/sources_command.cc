// `tessera sources`: what the engine federates, whether each source answers,
// and which tables it has.

#include <iostream>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/cli/open_sources.h"
#include "engine/cli/source_health.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& SourcesFlags() {
  static const std::vector<FlagSpec> flags = {
      {"config", "FILE", "configuration file (default: the embedded default in the home folder)", ""},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
  };
  return flags;
}

}  // namespace

int RunSources(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, SourcesFlags());
  if (!args.ok()) {
    std::cerr << "tessera sources: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << "Usage: tessera sources [FLAGS]\n\n"
                 "Lists every configured source with its kind, whether it answers now\n"
                 "(and how fast), and its tables.\n\n"
              << FlagsHelp(SourcesFlags());
    return kExitOk;
  }
  absl::StatusOr<std::unique_ptr<SourceRegistry>> sources = OpenSources(args->Get("config"), args->Get("home"));
  if (!sources.ok()) {
    std::cerr << "tessera sources: " << sources.status().message() << "\n";
    return kExitError;
  }
  bool all_healthy = true;
  for (const std::string& name : (*sources)->names()) {
    SourceHealth health = CheckSourceHealth(**(*sources)->Find(name));
    if (!health.status.ok()) {
      all_healthy = false;
      std::cout << absl::StrFormat("%-10s %-22s DOWN  %s\n", name, health.kind, health.status.message());
      continue;
    }
    std::cout << absl::StrFormat("%-10s %-22s up (%.1f ms)  tables: %s\n", name, health.kind,
                                 absl::ToDoubleMilliseconds(health.latency),
                                 health.tables.ok() ? absl::StrJoin(*health.tables, ", ")
                                                    : std::string(health.tables.status().message()));
  }
  return all_healthy ? kExitOk : kExitError;
}

}  // namespace tessera::cli
