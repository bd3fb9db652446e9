#include "engine/cli/interrupt.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>

namespace tessera::cli {
namespace {

// The self-pipe from the signal handler to the watcher thread, and the
// SIGINT disposition to restore. Process-wide, as signal dispositions are.
int g_pipe[2] = {-1, -1};
struct sigaction g_previous;

constexpr char kStop = 0;       // From the destructor: the thread should end.
constexpr char kInterrupt = 1;  // From the handler: Ctrl-C.

void OnSigint(int) {
  int saved_errno = errno;
  char byte = kInterrupt;
  // The write end never blocks; a full pipe already holds an interrupt.
  (void)!write(g_pipe[1], &byte, 1);
  errno = saved_errno;
}

void Say(const char* text) {
  size_t n = 0;
  while (text[n] != '\0') ++n;
  (void)!write(STDERR_FILENO, text, n);
}

// Ends the process the way an unhandled SIGINT does, so that a parent shell
// sees "killed by SIGINT" rather than an exit code.
[[noreturn]] void TerminateBySigint() {
  std::signal(SIGINT, SIG_DFL);
  std::raise(SIGINT);
  std::_Exit(130);
}

}  // namespace

InterruptWatcher::InterruptWatcher(WhenIdle when_idle) : when_idle_(when_idle) {
  if (pipe2(g_pipe, O_CLOEXEC) != 0) {
    std::perror("tessera: cannot watch for Ctrl-C");
    g_pipe[0] = g_pipe[1] = -1;
    return;
  }
  fcntl(g_pipe[1], F_SETFL, fcntl(g_pipe[1], F_GETFL) | O_NONBLOCK);
  struct sigaction action = {};
  action.sa_handler = OnSigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;  // Reads of standard input carry on.
  sigaction(SIGINT, &action, &g_previous);
  thread_ = std::thread([this] { Run(); });
}

InterruptWatcher::~InterruptWatcher() {
  if (g_pipe[0] < 0) return;
  sigaction(SIGINT, &g_previous, nullptr);
  char byte = kStop;
  while (write(g_pipe[1], &byte, 1) < 0 && (errno == EINTR || errno == EAGAIN)) {
  }
  thread_.join();
  close(g_pipe[0]);
  close(g_pipe[1]);
  g_pipe[0] = g_pipe[1] = -1;
}

void InterruptWatcher::Run() {
  while (true) {
    char byte;
    ssize_t n = read(g_pipe[0], &byte, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0 || byte == kStop) return;
    absl::MutexLock lock(&mu_);
    interrupted_ = true;
    if (ctx_ == nullptr) {
      if (when_idle_ == WhenIdle::kTerminate) TerminateBySigint();
      continue;
    }
    // Cancelling runs the query's callbacks (which tell each source to stop)
    // under mu_, so that a Scope ending waits for it to finish.
    switch (++interrupts_this_query_) {
      case 1:
        ctx_->Cancel();
        break;
      case 2:
        Say("\ncancelling the query; press Ctrl-C again to quit\n");
        break;
      default:
        Say("\nquitting: the query did not stop\n");
        TerminateBySigint();
    }
  }
}

InterruptWatcher::Scope::Scope(InterruptWatcher* watcher, QueryContext* ctx) : watcher_(watcher) {
  absl::MutexLock lock(&watcher_->mu_);
  watcher_->ctx_ = ctx;
  watcher_->interrupts_this_query_ = 0;
}

InterruptWatcher::Scope::~Scope() {
  absl::MutexLock lock(&watcher_->mu_);
  watcher_->ctx_ = nullptr;
}

bool InterruptWatcher::TakeInterrupt() {
  absl::MutexLock lock(&mu_);
  bool interrupted = interrupted_;
  interrupted_ = false;
  return interrupted;
}

CancelOnInterrupt::CancelOnInterrupt(QueryContext& ctx) : scope_(watcher_.Watch(ctx)) {}

bool CancelOnInterrupt::interrupted() {
  interrupted_ = interrupted_ || watcher_.TakeInterrupt();
  return interrupted_;
}

}  // namespace tessera::cli
