// File: engine/cli/line_reader.h
//
// Where the console's input comes from: a terminal, through libedit (line
// editing, history kept in a file, a prompt), or any other stream (a pipe, a
// file), read plainly line by line as psql reads a script.

#ifndef TESSERA_ENGINE_CLI_LINE_READER_H_
#define TESSERA_ENGINE_CLI_LINE_READER_H_

#include <istream>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::cli {

class LineReader {
 public:
  enum class Event {
    kLine,       // `text` holds what was entered.
    kInterrupt,  // Ctrl-C at the prompt: the line was dropped.
    kEnd,        // End of input (Ctrl-D at an empty prompt).
  };
  struct Input {
    Event event = Event::kEnd;
    // One line without its newline; a history entry recalled from a
    // multi-line statement holds several, separated by '\n'.
    std::string text;
  };

  virtual ~LineReader() = default;

  // Waits for the next line, showing `prompt` if the reader shows prompts.
  virtual Input Read(const std::string& prompt) = 0;

  // Remembers `entry` for recalling with the arrow keys, and in the history
  // file, if the reader keeps a history.
  virtual void AddHistory(absl::string_view entry) = 0;

  // Whether input is typed by a person at a terminal.
  virtual bool interactive() const = 0;
};

// Reads `in` line by line, without prompts or history.
std::unique_ptr<LineReader> MakeStreamReader(std::istream& in);

// Edits lines on the terminal of standard input and output, with history
// loaded from and saved to `history_path` (no history file when empty).
// Ctrl-C at the prompt drops the line; Ctrl-Z suspends as usual.
// REQUIRES: standard input is a terminal; no other EditLine reader exists.
absl::StatusOr<std::unique_ptr<LineReader>> MakeEditLineReader(const std::string& history_path);

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_LINE_READER_H_
