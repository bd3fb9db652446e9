// File: engine/cli/console.h
//
// The interactive SQL console behind `tessera console`: reads statements
// and backslash commands, runs each statement through a QueryRunner (in
// this process, or on a server), and prints results, timing and errors
// (with a caret under the place in the statement). The same loop runs a
// script from a pipe or a file, without prompts.

#ifndef TESSERA_ENGINE_CLI_CONSOLE_H_
#define TESSERA_ENGINE_CLI_CONSOLE_H_

#include <ostream>
#include <string>

#include "engine/cli/interrupt.h"
#include "engine/cli/line_reader.h"
#include "engine/cli/meta_command.h"
#include "engine/cli/query_runner.h"
#include "engine/cli/statement_splitter.h"
#include "engine/format/result_writer.h"

namespace tessera::cli {

struct ConsoleOptions {
  OutputFormat format = OutputFormat::kTable;
  bool timing = false;
  // Scripts only: stop at the first statement or command that fails.
  bool stop_on_error = false;
  // How a script's messages name it ("<stdin>:12: ERROR: ...").
  std::string input_name = "<stdin>";
};

class Console {
 public:
  // `runner` and `interrupts` must outlive the console.
  Console(QueryRunner* runner, InterruptWatcher* interrupts, ConsoleOptions options, std::ostream& out,
          std::ostream& err);

  // Reads and runs input until its end or `\q`. Returns the exit code: for
  // a script, kExitError if anything in it failed; for a person, kExitOk.
  int Run(LineReader& reader);

 private:
  // Runs one item; false when the console should stop reading.
  bool RunItem(const InputItem& item);
  // Runs one statement; false if it failed.
  bool RunStatement(const InputItem& item);
  // Runs one backslash command; false if it failed.
  bool RunCommand(const InputItem& item);
  // Prints a failure, naming the script line when reading a script.
  void ReportError(const std::string& message, int line);

  QueryRunner* runner_;
  InterruptWatcher* interrupts_;
  ConsoleOptions options_;
  std::ostream& out_;
  std::ostream& err_;
  StatementSplitter splitter_;
  bool interactive_ = false;
  bool quit_ = false;
  bool cancelled_ = false;  // The last statement was cancelled by Ctrl-C.
  bool failed_ = false;     // Anything failed so far.
};

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_CONSOLE_H_
