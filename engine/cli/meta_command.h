// File: engine/cli/meta_command.h
//
// The console's backslash commands (`\d ehr.patient`, `\timing on`), read
// from their text into what they ask for. Parsing is separate from running
// so that every spelling and every mistake can be tested without sources.

#ifndef TESSERA_ENGINE_CLI_META_COMMAND_H_
#define TESSERA_ENGINE_CLI_META_COMMAND_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/format/result_writer.h"

namespace tessera::cli {

struct MetaCommand {
  enum class Kind {
    kQuit,      // \q
    kHelp,      // \?
    kTiming,    // \timing [on|off]
    kDescribe,  // \d [NAME]
    kSources,   // \sources
    kFormat,    // \format [table|csv|jsonl]
    kReset,     // \r
  };
  Kind kind = Kind::kHelp;
  // \timing: the setting asked for; empty toggles it.
  std::optional<bool> on;
  // \format: the format asked for; empty shows the current one.
  std::optional<OutputFormat> format;
  // \d: the name's parts, unquoted and (unless quoted) lower-cased as SQL
  // folds identifiers: {} for every table, {"ehr"} for a source or a table
  // of any source, {"ehr", "patient"} for one table.
  std::vector<std::string> name;
};

// Reads a command from its backslash to the end of its line, e.g.
// `\d "ehr"."Patient"`. An unknown command or a wrong argument is
// InvalidArgument with a message fit to show as it is.
absl::StatusOr<MetaCommand> ParseMetaCommand(absl::string_view text);

// The `\?` text: every command, one line each.
const char* MetaCommandHelp();

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_META_COMMAND_H_
