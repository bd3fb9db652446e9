// File: engine/cli/args.h
//
// Command-line flags for the `tessera` subcommands. Each subcommand declares
// its flags once; the same table parses the arguments and prints --help, so
// the two cannot disagree.

#ifndef TESSERA_ENGINE_CLI_ARGS_H_
#define TESSERA_ENGINE_CLI_ARGS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::cli {

struct FlagSpec {
  std::string name;        // Without dashes: "format".
  std::string value_name;  // "FORMAT"; empty for a boolean switch.
  std::string help;
  std::string default_value;
};

struct ParsedArgs {
  std::map<std::string, std::string> flags;  // Every declared flag, defaulted.
  std::vector<std::string> positionals;
  bool help = false;

  const std::string& Get(const std::string& name) const { return flags.at(name); }
  bool Has(const std::string& name) const { return !flags.at(name).empty(); }
  absl::StatusOr<int64_t> GetInt(const std::string& name) const;
  absl::StatusOr<double> GetDouble(const std::string& name) const;
};

// Accepts --name=value, --name value, -h/--help, and "--" before positionals.
// An unknown flag is an error that names the closest declared one.
absl::StatusOr<ParsedArgs> ParseArgs(const std::vector<std::string>& args,
                                     const std::vector<FlagSpec>& specs);

// The "Flags:" section of a subcommand's help.
std::string FlagsHelp(const std::vector<FlagSpec>& specs);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_ARGS_H_
