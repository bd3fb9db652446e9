#include "engine/cli/meta_command.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "engine/common/status_macros.h"

namespace tessera::cli {
namespace {

// Splits arguments at blank space outside double quotes; the quotes stay in
// the words so that a name's parts can tell quoted from unquoted.
absl::StatusOr<std::vector<std::string>> SplitWords(absl::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool quoted = false;
  bool in_word = false;
  for (char c : text) {
    if (!quoted && absl::ascii_isspace(static_cast<unsigned char>(c))) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    if (c == '"') quoted = !quoted;
    word.push_back(c);
    in_word = true;
  }
  if (quoted) return absl::InvalidArgumentError(absl::StrCat("unterminated quoted name in: ", text));
  if (in_word) words.push_back(std::move(word));
  return words;
}

// `ehr.patient`, `"ehr"."Patient"` or `patient` into its parts.
absl::StatusOr<std::vector<std::string>> SplitName(absl::string_view word) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  bool part_quoted = false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c == '"') {
      if (quoted && i + 1 < word.size() && word[i + 1] == '"') {
        parts.back().push_back('"');  // "" inside quotes is one quote.
        ++i;
      } else {
        quoted = !quoted;
        part_quoted = true;
      }
    } else if (c == '.' && !quoted) {
      if (parts.back().empty()) break;
      parts.emplace_back();
      part_quoted = false;
    } else {
      parts.back().push_back(quoted || part_quoted ? c : absl::ascii_tolower(static_cast<unsigned char>(c)));
    }
  }
  if (parts.size() > 2 || parts.back().empty() || parts.front().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("\\d takes SOURCE.TABLE, SOURCE or TABLE, not \"", word, "\""));
  }
  return parts;
}

absl::Status NoArguments(absl::string_view command, const std::vector<std::string>& words) {
  if (words.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(command, " takes no argument, not \"", words[0], "\""));
}

absl::Status AtMostOne(absl::string_view command, const std::vector<std::string>& words) {
  if (words.size() <= 1) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(command, " takes one argument; \"", words[1], "\" is extra"));
}

}  // namespace

absl::StatusOr<MetaCommand> ParseMetaCommand(absl::string_view text) {
  text = absl::StripAsciiWhitespace(text);
  if (!absl::ConsumePrefix(&text, "\\")) {
    return absl::InvalidArgumentError(absl::StrCat("not a console command: ", text));
  }
  size_t end = 0;
  while (end < text.size() && !absl::ascii_isspace(static_cast<unsigned char>(text[end]))) ++end;
  const std::string name(text.substr(0, end));
  const std::string command = absl::StrCat("\\", name);
  ASSIGN_OR_RETURN(std::vector<std::string> words, SplitWords(text.substr(end)));

  MetaCommand cmd;
  if (name == "q" || name == "quit") {
    cmd.kind = MetaCommand::Kind::kQuit;
    RETURN_IF_ERROR(NoArguments(command, words));
  } else if (name == "?" || name == "help") {
    cmd.kind = MetaCommand::Kind::kHelp;
    RETURN_IF_ERROR(NoArguments(command, words));
  } else if (name == "r" || name == "reset") {
    cmd.kind = MetaCommand::Kind::kReset;
    RETURN_IF_ERROR(NoArguments(command, words));
  } else if (name == "sources") {
    cmd.kind = MetaCommand::Kind::kSources;
    RETURN_IF_ERROR(NoArguments(command, words));
  } else if (name == "timing") {
    cmd.kind = MetaCommand::Kind::kTiming;
    RETURN_IF_ERROR(AtMostOne(command, words));
    if (!words.empty()) {
      std::string value = absl::AsciiStrToLower(words[0]);
      if (value == "on") {
        cmd.on = true;
      } else if (value == "off") {
        cmd.on = false;
      } else {
        return absl::InvalidArgumentError(absl::StrCat("\\timing takes on or off, not \"", words[0], "\""));
      }
    }
  } else if (name == "format") {
    cmd.kind = MetaCommand::Kind::kFormat;
    RETURN_IF_ERROR(AtMostOne(command, words));
    if (!words.empty()) {
      absl::StatusOr<OutputFormat> format = ParseOutputFormat(words[0]);
      if (!format.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("\\format takes table, csv or jsonl, not \"", words[0], "\""));
      }
      cmd.format = *format;
    }
  } else if (name == "d" || name == "dt") {
    cmd.kind = MetaCommand::Kind::kDescribe;
    RETURN_IF_ERROR(AtMostOne(command, words));
    if (!words.empty()) {
      ASSIGN_OR_RETURN(cmd.name, SplitName(words[0]));
    }
  } else {
    return absl::InvalidArgumentError(absl::StrCat("invalid command ", command, " (try \\? for help)"));
  }
  return cmd;
}

const char* MetaCommandHelp() {
  return "SQL statements end with ';' and may span lines; EXPLAIN shows each source's sub-query.\n"
         "Tables are named source.table (ehr.patient, lab.lab_result, ...).\n"
         "\n"
         "Console commands:\n"
         "  \\d                  every source's tables\n"
         "  \\d SOURCE           one source's tables\n"
         "  \\d SOURCE.TABLE     a table's columns: types, nullability, primary key\n"
         "  \\sources            each source: kind, whether it answers now, and how fast\n"
         "  \\timing [on|off]    show how long each statement took (no argument: toggle)\n"
         "  \\format [FORMAT]    print results as table, csv or jsonl (no argument: show)\n"
         "  \\r                  forget the statement typed so far\n"
         "  \\?                  this help\n"
         "  \\q                  quit (or Ctrl-D)\n"
         "\n"
         "Ctrl-C cancels the running query, at its sources too, and clears the line at the prompt.\n";
}

}  // namespace tessera::cli
