// `tessera console`: interactive SQL at a terminal, or a script from a pipe.

#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/cli/args.h"
#include "engine/cli/command.h"
#include "engine/cli/console.h"
#include "engine/cli/interrupt.h"
#include "engine/cli/line_reader.h"
#include "engine/cli/open_sources.h"
#include "engine/cli/query_runner.h"
#include "engine/config/home.h"

namespace tessera::cli {
namespace {

const std::vector<FlagSpec>& ConsoleFlags() {
  static const std::vector<FlagSpec> flags = {
      {"format", "FORMAT", "output format: table, csv or jsonl (\\format changes it)", "table"},
      {"timing", "", "start with \\timing on", ""},
      {"stop-on-error", "", "reading a script: stop at the first statement that fails", ""},
      {"config", "FILE", "configuration file (default: the embedded default in the home folder)", ""},
      {"home", "DIR", "home folder of the embedded default (default: $TESSERA_HOME or ~/.tessera)", ""},
      {"server", "HOST:PORT", "run statements on a 'tessera serve' server instead of in this process", ""},
      {"token-file", "FILE", "with --server: a file holding the bearer token (default: $TESSERA_TOKEN)", ""},
      {"tls-ca", "FILE", "with --server: connect with TLS, trusting the CA certificates in FILE (PEM)", ""},
      {"tls-cert", "FILE", "with --tls-ca: present this client certificate (PEM)", ""},
      {"tls-key", "FILE", "with --tls-cert: the client certificate's private key (PEM)", ""},
  };
  return flags;
}

constexpr char kConsoleUsage[] =
    "Usage: tessera console [FLAGS]\n\n"
    "Interactive SQL (PostgreSQL dialect) over every configured source, with line\n"
    "editing and history. A statement ends with ';' and may span lines; tables are\n"
    "named source.table. Type \\? for the console's commands: \\d and \\d TABLE\n"
    "describe tables, \\sources shows each source's health, \\timing times\n"
    "statements, \\format switches between table, CSV and JSON lines, \\q quits.\n"
    "Ctrl-C cancels the running query (at its sources too) and clears the line at\n"
    "the prompt; Ctrl-D quits. The history is kept in $TESSERA_HOME/history, or\n"
    "in ~/.tessera_history when there is no home folder.\n\n"
    "When standard input is not a terminal, statements are read from it without\n"
    "prompts, as psql reads a script; the exit status is 1 if any of them failed.\n\n"
    "Examples:\n"
    "  tessera console\n"
    "  echo \"SELECT count(*) FROM ehr.patient;\" | tessera console\n"
    "  tessera console --format csv --stop-on-error < report.sql\n"
    "  tessera console --server 127.0.0.1:7410 --token-file ~/.tessera-token\n\n"
    "With --server, statements run on a 'tessera serve' server: the same output,\n"
    "\\timing and \\d; Ctrl-C cancels the query on the server and at its sources.\n\n";

// $TESSERA_HOME/history when the home folder exists, else ~/.tessera_history.
std::string HistoryPath(const std::string& home_flag) {
  std::string home = ResolveHome(home_flag);
  std::error_code error;
  if (std::filesystem::is_directory(home, error)) return absl::StrCat(home, "/history");
  const char* user_home = std::getenv("HOME");
  if (user_home == nullptr || *user_home == '\0') return "";
  return absl::StrCat(user_home, "/.tessera_history");
}

absl::StatusOr<std::string> ReadFlagFile(const ParsedArgs& args, const char* flag) {
  const std::string& path = args.Get(flag);
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("--", flag, ": cannot read ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<RemoteOptions> ReadRemoteOptions(const ParsedArgs& args) {
  RemoteOptions remote;
  remote.address = args.Get("server");
  if (args.Has("token-file")) {
    ASSIGN_OR_RETURN(std::string token, ReadFlagFile(args, "token-file"));
    remote.token = std::string(absl::StripAsciiWhitespace(token));
    if (remote.token.empty()) return absl::InvalidArgumentError(absl::StrCat("--token-file: ", args.Get("token-file"), " is empty"));
  } else if (const char* token = std::getenv("TESSERA_TOKEN"); token != nullptr) {
    remote.token = std::string(absl::StripAsciiWhitespace(token));
  }
  if (args.Has("tls-cert") != args.Has("tls-key")) {
    return absl::InvalidArgumentError("a client certificate needs both --tls-cert and --tls-key");
  }
  if (args.Has("tls-cert") && !args.Has("tls-ca")) {
    return absl::InvalidArgumentError("--tls-cert needs --tls-ca (client certificates go over TLS)");
  }
  if (args.Has("tls-ca")) {
    ASSIGN_OR_RETURN(remote.tls_ca_pem, ReadFlagFile(args, "tls-ca"));
  }
  if (args.Has("tls-cert")) {
    ASSIGN_OR_RETURN(remote.tls_cert_pem, ReadFlagFile(args, "tls-cert"));
    ASSIGN_OR_RETURN(remote.tls_key_pem, ReadFlagFile(args, "tls-key"));
  }
  return remote;
}

}  // namespace

int RunConsole(const std::vector<std::string>& argv) {
  absl::StatusOr<ParsedArgs> args = ParseArgs(argv, ConsoleFlags());
  if (!args.ok()) {
    std::cerr << "tessera console: " << args.status().message() << "\n";
    return kExitUsage;
  }
  if (args->help) {
    std::cout << kConsoleUsage << FlagsHelp(ConsoleFlags());
    return kExitOk;
  }
  if (!args->positionals.empty()) {
    std::cerr << "tessera console: takes no arguments (\"" << args->positionals[0]
              << "\"); to run a script, give it on standard input\n";
    return kExitUsage;
  }
  ConsoleOptions options;
  absl::StatusOr<OutputFormat> format = ParseOutputFormat(args->Get("format"));
  if (!format.ok()) {
    std::cerr << "tessera console: " << format.status().message() << "\n";
    return kExitUsage;
  }
  options.format = *format;
  options.timing = args->Has("timing");
  options.stop_on_error = args->Has("stop-on-error");

  std::unique_ptr<SourceRegistry> sources;
  std::unique_ptr<QueryRunner> runner;
  if (args->Has("server")) {
    if (args->Has("config")) {
      std::cerr << "tessera console: --config and --server exclude each other (the server has its own sources)\n";
      return kExitUsage;
    }
    absl::StatusOr<RemoteOptions> remote = ReadRemoteOptions(*args);
    if (!remote.ok()) {
      std::cerr << "tessera console: " << remote.status().message() << "\n";
      return kExitUsage;
    }
    runner = MakeRemoteRunner(*remote);
  } else {
    for (const char* flag : {"token-file", "tls-ca", "tls-cert", "tls-key"}) {
      if (args->Has(flag)) {
        std::cerr << "tessera console: --" << flag << " needs --server\n";
        return kExitUsage;
      }
    }
    absl::StatusOr<std::unique_ptr<SourceRegistry>> opened = OpenSources(args->Get("config"), args->Get("home"));
    if (!opened.ok()) {
      std::cerr << "tessera console: " << opened.status().message() << "\n";
      return kExitError;
    }
    sources = *std::move(opened);
    runner = MakeLocalRunner(sources.get());
  }

  const bool terminal = isatty(STDIN_FILENO) == 1;
  std::unique_ptr<LineReader> reader;
  if (terminal) {
    std::setlocale(LC_CTYPE, "");  // libedit edits UTF-8 only in a UTF-8 locale.
    absl::StatusOr<std::unique_ptr<LineReader>> edit = MakeEditLineReader(HistoryPath(args->Get("home")));
    if (!edit.ok()) {
      std::cerr << "tessera console: " << edit.status().message() << "\n";
      return kExitError;
    }
    reader = std::move(*edit);
  } else {
    reader = MakeStreamReader(std::cin);
  }
  // At a terminal, Ctrl-C between queries is harmless; in a script it stops
  // the script as it would any program.
  InterruptWatcher interrupts(terminal ? InterruptWatcher::WhenIdle::kRemember
                                       : InterruptWatcher::WhenIdle::kTerminate);
  Console console(runner.get(), &interrupts, options, std::cout, std::cerr);
  return console.Run(*reader);
}

}  // namespace tessera::cli
