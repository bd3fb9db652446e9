#include "engine/cli/line_reader.h"

#include <fcntl.h>
#include <histedit.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>

#include "absl/strings/match.h"

namespace tessera::cli {
namespace {

constexpr int kHistorySize = 2000;

class StreamReader : public LineReader {
 public:
  explicit StreamReader(std::istream& in) : in_(in) {}

  Input Read(const std::string&) override {
    Input input;
    if (!std::getline(in_, input.text)) return input;
    if (absl::EndsWith(input.text, "\r")) input.text.pop_back();  // A file from Windows.
    input.event = Event::kLine;
    return input;
  }

  void AddHistory(absl::string_view) override {}
  bool interactive() const override { return false; }

 private:
  std::istream& in_;
};

class EditLineReader : public LineReader {
 public:
  explicit EditLineReader(std::string history_path) : history_path_(std::move(history_path)) {}

  ~EditLineReader() override {
    if (el_ != nullptr) el_end(el_);
    if (history_ != nullptr) history_end(history_);
  }

  absl::Status Init() {
    el_ = el_init("tessera", stdin, stdout, stderr);
    history_ = history_init();
    if (el_ == nullptr || history_ == nullptr) return absl::InternalError("libedit could not start");
    HistEvent event;
    history(history_, &event, H_SETSIZE, kHistorySize);
    history(history_, &event, H_SETUNIQUE, 1);
    if (!history_path_.empty()) {
      // Statements may quote patients' identifiers, so a new history file is
      // the user's alone (libedit would create it with the umask's mode).
      int fd = open(history_path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
      if (fd >= 0) close(fd);
      history(history_, &event, H_LOAD, history_path_.c_str());
    }

    el_set(el_, EL_CLIENTDATA, this);
    el_set(el_, EL_EDITOR, "emacs");
    el_set(el_, EL_HIST, history, history_);
    el_set(el_, EL_PROMPT, &EditLineReader::Prompt);
    // libedit restores the terminal around its own handling of window
    // resizes, suspension and continuing.
    el_set(el_, EL_SIGNAL, 1);
    // Ctrl-C at the prompt is a key rather than a signal, so that it can
    // clear the line without interrupting libedit mid-read. Outside the
    // prompt the terminal is back in its own mode, where Ctrl-C is SIGINT and
    // cancels the running query. Ctrl-Z, no longer a signal either, is
    // bound to suspend the console itself.
    el_set(el_, EL_SETTY, "-d", "-isig", nullptr);
    el_set(el_, EL_ADDFN, "tessera-interrupt", "Drop the line, as Ctrl-C does in a shell",
           &EditLineReader::OnInterruptKey);
    el_set(el_, EL_BIND, "^C", "tessera-interrupt", nullptr);
    el_set(el_, EL_ADDFN, "tessera-suspend", "Suspend the console", &EditLineReader::OnSuspendKey);
    el_set(el_, EL_BIND, "^Z", "tessera-suspend", nullptr);
    el_source(el_, nullptr);  // The user's ~/.editrc, if any.
    return absl::OkStatus();
  }

  Input Read(const std::string& prompt) override {
    prompt_ = prompt;
    interrupted_ = false;
    int count = 0;
    const char* line = el_gets(el_, &count);
    Input input;
    if (interrupted_) {
      input.event = Event::kInterrupt;
      return input;
    }
    if (line == nullptr && count < 0 && errno == EINTR) {
      // A signal from elsewhere (kill -INT) ended the read mid-line.
      std::fputs("\n", stdout);
      input.event = Event::kInterrupt;
      return input;
    }
    if (line == nullptr || count <= 0) return input;  // Ctrl-D, or the terminal went away.
    input.event = Event::kLine;
    input.text.assign(line, count);
    if (absl::EndsWith(input.text, "\n")) input.text.pop_back();
    return input;
  }

  void AddHistory(absl::string_view entry) override {
    HistEvent event;
    history(history_, &event, H_ENTER, std::string(entry).c_str());
    // Saved at once, so that a console that is killed keeps its history.
    if (!history_path_.empty() && history(history_, &event, H_SAVE, history_path_.c_str()) < 0 &&
        !warned_about_history_) {
      warned_about_history_ = true;
      std::fprintf(stderr, "tessera: cannot save the history to %s\n", history_path_.c_str());
    }
  }

  bool interactive() const override { return true; }

 private:
  static EditLineReader* Self(EditLine* el) {
    void* self = nullptr;
    el_get(el, EL_CLIENTDATA, &self);
    return static_cast<EditLineReader*>(self);
  }

  static char* Prompt(EditLine* el) { return Self(el)->prompt_.data(); }

  // Shows "^C" after what was typed and ends the line, which Read drops.
  // The line is ended by pushing a newline key rather than returning
  // CC_NEWLINE, which would leave the cursor on the prompt's line.
  static unsigned char OnInterruptKey(EditLine* el, int) {
    Self(el)->interrupted_ = true;
    const LineInfo* line = el_line(el);
    el_cursor(el, static_cast<int>(line->lastchar - line->cursor));
    el_insertstr(el, "^C");
    el_push(el, "\n");
    return CC_REFRESH;
  }

  // Hands the terminal back, stops as Ctrl-Z would, and redraws on return.
  static unsigned char OnSuspendKey(EditLine* el, int) {
    el_set(el, EL_PREP_TERM, 0);
    kill(0, SIGTSTP);
    el_set(el, EL_PREP_TERM, 1);
    return CC_REDISPLAY;
  }

  const std::string history_path_;
  EditLine* el_ = nullptr;
  History* history_ = nullptr;
  std::string prompt_;
  bool interrupted_ = false;
  bool warned_about_history_ = false;
};

}  // namespace

std::unique_ptr<LineReader> MakeStreamReader(std::istream& in) { return std::make_unique<StreamReader>(in); }

absl::StatusOr<std::unique_ptr<LineReader>> MakeEditLineReader(const std::string& history_path) {
  auto reader = std::make_unique<EditLineReader>(history_path);
  if (absl::Status status = reader->Init(); !status.ok()) return status;
  return reader;
}

}  // namespace tessera::cli
