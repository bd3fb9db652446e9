#include "engine/cli/interrupt.h"

#include <csignal>

#include <chrono>

namespace tessera::cli {
namespace {

// A signal handler may only touch lock-free atomics; a watcher thread does
// the actual cancelling.
std::atomic<bool> g_interrupted{false};

void OnSigint(int) { g_interrupted.store(true); }

}  // namespace

CancelOnInterrupt::CancelOnInterrupt(QueryContext& ctx) : ctx_(ctx) {
  g_interrupted.store(false);
  std::signal(SIGINT, OnSigint);
  watcher_ = std::thread([this] {
    while (!stop_.load()) {
      if (g_interrupted.load()) {
        ctx_.Cancel();
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
}

CancelOnInterrupt::~CancelOnInterrupt() {
  stop_.store(true);
  watcher_.join();
  std::signal(SIGINT, SIG_DFL);
}

bool CancelOnInterrupt::interrupted() const { return g_interrupted.load(); }

}  // namespace tessera::cli
