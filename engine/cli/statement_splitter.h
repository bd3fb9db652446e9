// File: engine/cli/statement_splitter.h
//
// Cuts console input into statements and backslash commands, line by line,
// the way psql does: a statement ends at a `;` that is outside quotes,
// comments and parentheses, and may span lines; a backslash outside quotes
// and comments starts a console command that runs to the end of its line.
// The splitter knows only PostgreSQL's lexical rules (quotes, dollar quotes,
// nested block comments), not its grammar, so that the console can tell when
// input is complete before the parser sees it.

#ifndef TESSERA_ENGINE_CLI_STATEMENT_SPLITTER_H_
#define TESSERA_ENGINE_CLI_STATEMENT_SPLITTER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace tessera::cli {

// One complete piece of input.
struct InputItem {
  enum class Kind { kStatement, kCommand };
  Kind kind = Kind::kStatement;
  // A statement without its `;` and without surrounding blank space; a
  // command from its backslash to the end of its line.
  std::string text;
  // The input line (from 1) the item's text starts on, for messages about
  // scripts. A command line inside a statement stays in its text as an empty
  // line, so the statement's line k is input line `line + k - 1`.
  int line = 0;

  friend bool operator==(const InputItem& a, const InputItem& b) {
    return a.kind == b.kind && a.text == b.text && a.line == b.line;
  }
};

class StatementSplitter {
 public:
  // Takes one line of input (without its newline) and returns what it
  // completed, in input order. An unfinished statement is kept for the
  // following lines.
  std::vector<InputItem> AddLine(absl::string_view line);

  // At the end of input: the unfinished statement, if it has any SQL in it
  // (psql runs it too). Clears the splitter.
  std::optional<InputItem> Finish();

  // Forgets the unfinished statement (Ctrl-C at the prompt, `\r`).
  void Reset();

  // True while a statement has begun but not ended, including an open block
  // comment: the console then shows its continuation prompt.
  bool has_pending() const;

  // What the continuation prompt shows, as psql's does: '\'' or '"' inside a
  // quoted string or identifier, '$' inside a dollar-quoted string, '*'
  // inside a block comment, '(' inside parentheses, '-' otherwise.
  char continuation() const;

  // The unfinished statement as typed so far.
  const std::string& pending_text() const { return buffer_; }

 private:
  enum class State { kNormal, kSingleQuote, kEscapeQuote, kDoubleQuote, kDollarQuote, kBlockComment };

  // Notes that the unfinished statement has more than space and comments.
  void MarkContent();
  InputItem TakeStatement();

  State state_ = State::kNormal;
  std::string buffer_;            // The unfinished statement's text.
  bool has_content_ = false;      // buffer_ holds more than space and comments.
  int paren_depth_ = 0;
  int comment_depth_ = 0;         // Block comments nest in PostgreSQL.
  std::string dollar_tag_;        // "$tag$" of the open dollar quote.
  int line_number_ = 0;           // Lines taken so far.
  int start_line_ = 0;            // Where the unfinished statement's text began.
};

}  // namespace tessera::cli

#endif  // TESSERA_ENGINE_CLI_STATEMENT_SPLITTER_H_
