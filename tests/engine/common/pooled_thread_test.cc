// PooledThread runs every body at once on a thread of its own, reuses
// finished threads, and joins like std::thread.

#include "engine/common/pooled_thread.h"

#include <atomic>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(PooledThread, JoinWaitsForTheBody) {
  int value = 0;
  PooledThread thread([&value] {
    absl::SleepFor(absl::Milliseconds(20));
    value = 42;
  });
  ASSERT_TRUE(thread.joinable());
  thread.join();
  EXPECT_FALSE(thread.joinable());
  EXPECT_EQ(value, 42);
}

TEST(PooledThread, BodiesMayWaitOnEachOther) {
  // Each body waits for the next one's signal: a fixed-size pool would
  // deadlock once its threads all wait.
  constexpr int kBodies = 64;
  std::vector<absl::Notification> started(kBodies);
  std::vector<PooledThread> threads;
  for (int i = 0; i < kBodies; ++i) {
    threads.emplace_back([&started, i] {
      started[i].Notify();
      if (i + 1 < kBodies) {
        EXPECT_TRUE(started[i + 1].WaitForNotificationWithTimeout(absl::Seconds(30)));
      }
    });
  }
  for (PooledThread& t : threads) t.join();
}

TEST(PooledThread, FinishedThreadsAreReused) {
  PooledThread([] {}).join();
  for (int i = 0; i < 20; ++i) {
    // The last body has returned; its thread parks soon after.
    for (int wait = 0; wait < 5000 && PooledThread::parked() == 0; ++wait) absl::SleepFor(absl::Milliseconds(1));
    ASSERT_GT(PooledThread::parked(), 0);
    const int64_t started = PooledThread::started();
    PooledThread([] {}).join();
    EXPECT_EQ(PooledThread::started(), started) << "a body started a thread while one was parked";
  }
}

TEST(PooledThread, DestructionJoins) {
  std::atomic<bool> done{false};
  {
    PooledThread thread([&done] {
      absl::SleepFor(absl::Milliseconds(20));
      done = true;
    });
  }
  EXPECT_TRUE(done);
}

TEST(PooledThread, DetachedBodiesRun) {
  absl::Notification ran;
  PooledThread::Detach([&ran] { ran.Notify(); });
  EXPECT_TRUE(ran.WaitForNotificationWithTimeout(absl::Seconds(30)));
}

}  // namespace
}  // namespace tessera
