// The `tessera` program: one binary, one subcommand per task.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "engine/cli/command.h"

namespace tessera::cli {
namespace {

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      {"console", "interactive SQL over every source: line editing, history, \\d, \\timing", RunConsole},
      {"devicehub", "serve the sample home-device hub (a gRPC source) over the generated data", RunDeviceHub},
      {"gen", "generate the Riverside sample health system into its sources", RunGen},
      {"link", "resolve identity: one enterprise patient id across every source", RunLink},
      {"patient", "one patient's whole record across every source, as tables or a FHIR R4 Bundle", RunPatient},
      {"query", "run one SQL query and print the result as a table, CSV or JSON lines", RunQuery},
      {"serve", "serve SQL to applications over gRPC (tessera.v1.QueryService), with TLS and tokens", RunServe},
      {"sources", "list the configured sources, their health and their tables", RunSources},
  };
  return commands;
}

void PrintUsage(std::ostream& out) {
  out << "Tessera: one live, unified view of every patient across a hospital's systems.\n\n"
         "Usage: tessera COMMAND [FLAGS] [ARGS]\n\nCommands:\n";
  for (const Command& c : Commands()) {
    std::string name = c.name;
    out << "  " << name << std::string(10 - name.size(), ' ') << c.summary << "\n";
  }
  out << "\nRun 'tessera COMMAND --help' for a command's flags.\n"
         "With no --config, commands use the embedded default in $TESSERA_HOME\n"
         "(default ~/.tessera), which 'tessera gen' creates.\n";
}

}  // namespace
}  // namespace tessera::cli

int main(int argc, char** argv) {
  using tessera::cli::Commands;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    if (args.size() >= 2 && args[0] == "help") {
      args = {args[1], "--help"};
    } else {
      tessera::cli::PrintUsage(std::cout);
      return args.empty() ? tessera::cli::kExitUsage : tessera::cli::kExitOk;
    }
  }
  for (const tessera::cli::Command& c : Commands()) {
    if (args[0] == c.name) return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  std::cerr << "tessera: unknown command \"" << args[0] << "\"\n\n";
  tessera::cli::PrintUsage(std::cerr);
  return tessera::cli::kExitUsage;
}
