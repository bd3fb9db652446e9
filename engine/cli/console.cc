#include "engine/cli/console.h"

#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "engine/cli/catalog_listing.h"
#include "engine/cli/command.h"
#include "engine/cli/query_error.h"

namespace tessera::cli {
namespace {

const char* FormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      return "csv";
    case OutputFormat::kJsonLines:
      return "jsonl";
    case OutputFormat::kTable:
      break;
  }
  return "table";
}

// psql's words that work at an empty prompt without a backslash, for people
// who have not read the help yet.
std::string BareWord(absl::string_view line) {
  absl::string_view word = absl::StripAsciiWhitespace(line);
  absl::ConsumeSuffix(&word, ";");
  return absl::AsciiStrToLower(absl::StripAsciiWhitespace(word));
}

}  // namespace

Console::Console(QueryRunner* runner, InterruptWatcher* interrupts, ConsoleOptions options, std::ostream& out,
                 std::ostream& err)
    : runner_(runner), interrupts_(interrupts), options_(std::move(options)), out_(out), err_(err) {}

int Console::Run(LineReader& reader) {
  interactive_ = reader.interactive();
  if (interactive_) {
    out_ << "Tessera console over " << runner_->Target()
         << ". Statements end with ';'. Type \\? for help, \\q to quit.\n\n";
  }
  std::string history_entry;  // The lines of the statement being typed.
  while (!quit_) {
    // Ctrl-C between statements has nothing left to cancel.
    interrupts_->TakeInterrupt();
    // psql's prompts: "=>" for a new statement, "->" (or the open quote,
    // comment or parenthesis) for its next lines.
    const char state = splitter_.has_pending() ? splitter_.continuation() : '=';
    std::string prompt = absl::StrCat("tessera", absl::string_view(&state, 1), "> ");
    LineReader::Input input = reader.Read(prompt);
    if (input.event == LineReader::Event::kEnd) break;
    if (input.event == LineReader::Event::kInterrupt) {
      splitter_.Reset();
      history_entry.clear();
      continue;
    }
    if (interactive_ && !splitter_.has_pending()) {
      std::string word = BareWord(input.text);
      if (word == "quit" || word == "exit") {
        quit_ = true;
        break;
      }
      if (word == "help") {
        out_ << MetaCommandHelp();
        continue;
      }
    }
    if (!history_entry.empty()) history_entry.push_back('\n');
    history_entry.append(input.text);
    std::vector<InputItem> items;
    for (absl::string_view line : absl::StrSplit(input.text, '\n')) {
      for (InputItem& item : splitter_.AddLine(line)) items.push_back(std::move(item));
    }
    // A statement goes into the history whole, once it is complete, as psql
    // does; a multi-line one comes back as it was typed.
    if (!splitter_.has_pending()) {
      if (!absl::StripAsciiWhitespace(history_entry).empty()) reader.AddHistory(history_entry);
      history_entry.clear();
    }
    cancelled_ = false;
    for (const InputItem& item : items) {
      // Ctrl-C also drops whatever else was on the line.
      if (!RunItem(item) || cancelled_) break;
    }
  }
  if (interactive_) {
    if (!quit_) out_ << "\n";  // Ctrl-D leaves the cursor after the prompt.
  } else if (!quit_) {
    // A script's last statement may lack its ';'.
    if (std::optional<InputItem> rest = splitter_.Finish()) RunItem(*rest);
  }
  out_.flush();
  return !interactive_ && failed_ ? kExitError : kExitOk;
}

bool Console::RunItem(const InputItem& item) {
  bool ok = item.kind == InputItem::Kind::kStatement ? RunStatement(item) : RunCommand(item);
  if (!ok) failed_ = true;
  if (quit_) return false;
  if (!interactive_ && (cancelled_ || (!ok && options_.stop_on_error))) {
    quit_ = true;
    return false;
  }
  return true;
}

bool Console::RunStatement(const InputItem& item) {
  absl::Time start = absl::Now();
  RunOutcome outcome = runner_->Run(
      item.text, *interrupts_, [this] { return MakeResultWriter(options_.format, out_); },
      [this] {
        if (options_.format == OutputFormat::kTable) out_ << "\n";
      });
  if (outcome.interrupted) {
    cancelled_ = true;
    ReportError("query cancelled\n", item.line);
  } else if (!outcome.status.ok()) {
    ReportError(FormatQueryError(outcome.status, item.text), item.line);
  }
  if (options_.timing) {
    out_ << absl::StrFormat("Time: %.3f ms\n", absl::ToDoubleMilliseconds(absl::Now() - start));
  }
  out_.flush();
  return outcome.status.ok() && !outcome.interrupted;
}

bool Console::RunCommand(const InputItem& item) {
  absl::StatusOr<MetaCommand> command = ParseMetaCommand(item.text);
  if (!command.ok()) {
    ReportError(absl::StrCat(command.status().message(), "\n"), item.line);
    return false;
  }
  CancelCheck cancelled = [this] { return interrupts_->TakeInterrupt(); };
  absl::StatusOr<Listing> listing;
  switch (command->kind) {
    case MetaCommand::Kind::kQuit:
      quit_ = true;
      return true;
    case MetaCommand::Kind::kHelp:
      out_ << MetaCommandHelp();
      return true;
    case MetaCommand::Kind::kReset:
      splitter_.Reset();
      if (interactive_) out_ << "The statement typed so far is forgotten.\n";
      return true;
    case MetaCommand::Kind::kTiming:
      options_.timing = command->on.value_or(!options_.timing);
      // A script's output stays data alone (a CSV file, say).
      if (interactive_) out_ << "Timing is " << (options_.timing ? "on" : "off") << ".\n";
      return true;
    case MetaCommand::Kind::kFormat:
      if (command->format.has_value()) options_.format = *command->format;
      if (interactive_ || !command->format.has_value()) {
        out_ << "Output format is " << FormatName(options_.format) << ".\n";
      }
      return true;
    case MetaCommand::Kind::kDescribe:
      listing = runner_->Describe(command->name, cancelled);
      break;
    case MetaCommand::Kind::kSources:
      listing = runner_->ListSources(cancelled);
      break;
  }
  if (!listing.ok()) {
    if (listing.status().code() == absl::StatusCode::kCancelled) cancelled_ = true;
    ReportError(absl::StrCat(listing.status().message(), "\n"), item.line);
    return false;
  }
  WriteListing(*listing, options_.format, out_);
  out_.flush();
  for (const std::string& warning : listing->warnings) {
    ReportError(absl::StrCat("WARNING:  ", warning, "\n"), item.line);
  }
  return true;
}

void Console::ReportError(const std::string& message, int line) {
  out_.flush();
  if (!interactive_) err_ << options_.input_name << ":" << line << ": ";
  err_ << message;
  err_.flush();
}

}  // namespace tessera::cli
