// File: engine/cli/command.h
//
// A subcommand of the `tessera` program.

#ifndef TESSERA_ENGINE_CLI_COMMAND_H_
#define TESSERA_ENGINE_CLI_COMMAND_H_

#include <string>
#include <vector>

namespace tessera::cli {

struct Command {
  const char* name;
  const char* summary;  // One line for `tessera --help`.
  // Runs with the arguments after the subcommand's name; returns the exit code.
  int (*run)(const std::vector<std::string>& args);
};

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;  // The work failed (a source error, bad SQL).
inline constexpr int kExitUsage = 2;  // The command line was wrong.

int RunConsole(const std::vector<std::string>& args);
int RunDeviceHub(const std::vector<std::string>& args);
int RunQuery(const std::vector<std::string>& args);
int RunGen(const std::vector<std::string>& args);
int RunLink(const std::vector<std::string>& args);
int RunPatient(const std::vector<std::string>& args);
int RunServe(const std::vector<std::string>& args);
int RunSources(const std::vector<std::string>& args);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_COMMAND_H_
