#include "engine/exec/query_context.h"

#include <atomic>
#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(QueryContext, Deadline) {
  EXPECT_EQ(QueryContext().deadline(), absl::InfiniteFuture());
  absl::Time deadline = absl::FromUnixSeconds(1700000000);
  EXPECT_EQ(QueryContext(deadline).deadline(), deadline);
}

TEST(QueryContext, StartsNotCancelled) {
  QueryContext ctx;
  int runs = 0;
  auto reg = ctx.OnCancel([&] { ++runs; });
  EXPECT_FALSE(ctx.is_cancelled());
  EXPECT_EQ(runs, 0);
}

TEST(QueryContext, CancelRunsEveryCallbackOnce) {
  QueryContext ctx;
  int a = 0, b = 0, c = 0;
  auto ra = ctx.OnCancel([&] { ++a; });
  auto rb = ctx.OnCancel([&] { ++b; });
  auto rc = ctx.OnCancel([&] { ++c; });
  ctx.Cancel();
  EXPECT_TRUE(ctx.is_cancelled());
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 1);
  EXPECT_EQ(c, 1);
  ctx.Cancel();  // Later calls do nothing.
  ctx.Cancel();
  EXPECT_EQ(a, 1);
  EXPECT_EQ(b, 1);
  EXPECT_EQ(c, 1);
}

TEST(QueryContext, CancelWithNoCallbacks) {
  QueryContext ctx;
  ctx.Cancel();
  EXPECT_TRUE(ctx.is_cancelled());
}

TEST(QueryContext, CallbacksRunOnTheCancellingThread) {
  QueryContext ctx;
  std::thread::id ran_on;
  auto reg = ctx.OnCancel([&] { ran_on = std::this_thread::get_id(); });
  std::thread::id canceller;
  std::thread t([&] {
    canceller = std::this_thread::get_id();
    ctx.Cancel();
  });
  t.join();
  EXPECT_EQ(ran_on, canceller);
  EXPECT_NE(ran_on, std::this_thread::get_id());
}

TEST(QueryContext, OnCancelAfterCancelRunsAtOnce) {
  QueryContext ctx;
  ctx.Cancel();
  int runs = 0;
  std::thread::id ran_on;
  auto reg = ctx.OnCancel([&] {
    ++runs;
    ran_on = std::this_thread::get_id();
  });
  EXPECT_EQ(runs, 1);  // Before OnCancel returned.
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  ctx.Cancel();
  EXPECT_EQ(runs, 1);
  reg.reset();
  EXPECT_EQ(runs, 1);
}

TEST(QueryContext, DestroyedRegistrationNeverRuns) {
  QueryContext ctx;
  int dropped = 0, kept = 0;
  auto r1 = ctx.OnCancel([&] { ++dropped; });
  auto r2 = ctx.OnCancel([&] { ++kept; });
  r1.reset();
  ctx.Cancel();
  EXPECT_EQ(dropped, 0);
  EXPECT_EQ(kept, 1);
}

TEST(QueryContext, RegistrationMayBeDestroyedAfterCancel) {
  QueryContext ctx;
  int runs = 0;
  auto reg = ctx.OnCancel([&] { ++runs; });
  ctx.Cancel();
  reg.reset();
  EXPECT_EQ(runs, 1);
}

TEST(QueryContext, RegistrationsOutOfOrder) {
  QueryContext ctx;
  std::vector<int> runs(10, 0);
  std::vector<std::unique_ptr<QueryContext::Registration>> regs;
  for (int i = 0; i < 10; ++i) regs.push_back(ctx.OnCancel([&runs, i] { ++runs[i]; }));
  // Drop the odd ones, from the back.
  for (int i = 9; i >= 0; --i) {
    if (i % 2 == 1) regs[i].reset();
  }
  ctx.Cancel();
  for (int i = 0; i < 10; ++i) EXPECT_EQ(runs[i], i % 2 == 0 ? 1 : 0) << i;
}

// One registration's view of the race, checked by the thread that owns it.
struct Probe {
  std::atomic<int> runs{0};
  // Set once the registration is destroyed; a callback that sees it ran too late.
  std::atomic<bool> destroyed{false};
};

// Busy-waits a little so that a cancellation with several callbacks takes
// long enough for the other threads to act while it is in progress.
void Spin(absl::Duration d) {
  absl::Time end = absl::Now() + d;
  while (absl::Now() < end) {
  }
}

TEST(QueryContext, CancelRacesWithRegistrations) {
  constexpr int kRounds = 20;
  constexpr int kThreads = 4;
  constexpr int kIterations = 250;
  absl::Time start = absl::Now();
  for (int round = 0; round < kRounds; ++round) {
    QueryContext ctx;
    std::atomic<int> started{0};
    std::atomic<int> late_runs{0};
    std::atomic<int> failures{0};
    // Probes outlive the workers, so a late callback is counted, not a crash.
    std::vector<std::deque<Probe>> probes(kThreads);
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; ++t) {
      workers.emplace_back([&, t] {
        for (int i = 0; i < kIterations; ++i) {
          Probe& probe = probes[t].emplace_back();
          bool cancelled_before = ctx.is_cancelled();
          // Only callbacks that Cancel may run spin; those that run inside
          // OnCancel, once cancelled, need not slow the test.
          bool spin = !cancelled_before;
          auto reg = ctx.OnCancel([&probe, &late_runs, spin] {
            if (probe.destroyed.load()) late_runs.fetch_add(1);
            probe.runs.fetch_add(1);
            if (spin) Spin(absl::Microseconds(20));
          });
          started.fetch_add(1);
          // Already cancelled: the callback ran inside OnCancel.
          if (cancelled_before && probe.runs.load() != 1) failures.fetch_add(1);
          // Stay registered a moment, so that the cancellation usually finds
          // several registrations alive, one per thread.
          Spin(absl::Microseconds(3));
          bool cancelled_while_alive = ctx.is_cancelled();
          reg.reset();
          probe.destroyed.store(true);
          int runs = probe.runs.load();
          if (runs > 1) failures.fetch_add(1);
          // Cancelled while registered: the callback ran before the
          // registration's destructor returned.
          if (cancelled_while_alive && runs != 1) failures.fetch_add(1);
          // Not yet cancelled once unregistered: it must never run.
          if (!ctx.is_cancelled() && runs != 0) failures.fetch_add(1);
        }
      });
    }
    std::thread canceller([&] {
      // Cancel part-way through, while registrations come and go.
      while (started.load() < kThreads * kIterations / 2) std::this_thread::yield();
      ctx.Cancel();
    });
    canceller.join();
    for (std::thread& w : workers) w.join();
    EXPECT_TRUE(ctx.is_cancelled());
    EXPECT_EQ(failures.load(), 0) << "round " << round;
    EXPECT_EQ(late_runs.load(), 0) << "round " << round;
  }
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
}

}  // namespace
}  // namespace tessera
