// File: tests/connectors/odbc/connection_pool_test.cc
//
// The pool's bound on open connections, over a real SQLite file: leases
// beyond max_open wait for a release, and give up with a clear error after
// max_wait.

#include "connectors/odbc/connection_pool.h"

#include <cstdlib>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::odbc {
namespace {

using ::testing::HasSubstr;

std::string SqliteConnection() {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat("Driver=SQLite3;Database=", dir != nullptr ? dir : "/tmp", "/pool.db");
}

TEST(ConnectionPoolTest, RefusesBeyondMaxOpenAfterWaiting) {
  ConnectionPool pool("pooled", SqliteConnection(), DialectKind::kSqlite, "", /*max_idle=*/4, /*max_open=*/2,
                      absl::Milliseconds(50));
  absl::StatusOr<ConnectionPool::Lease> a = pool.Acquire();
  absl::StatusOr<ConnectionPool::Lease> b = pool.Acquire();
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  absl::Time start = absl::Now();
  absl::StatusOr<ConnectionPool::Lease> c = pool.Acquire();
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(50));
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(c.status().message(), HasSubstr("source \"pooled\": all 2 connections stayed busy"));
}

TEST(ConnectionPoolTest, WaiterGetsTheReleasedConnection) {
  ConnectionPool pool("pooled", SqliteConnection(), DialectKind::kSqlite, "", 4, 1, absl::Seconds(30));
  std::optional<ConnectionPool::Lease> held;
  {
    absl::StatusOr<ConnectionPool::Lease> first = pool.Acquire();
    ASSERT_TRUE(first.ok()) << first.status();
    held.emplace(std::move(*first));
  }
  absl::Notification waiting;
  bool reused = false;
  absl::Status got;
  std::thread waiter([&] {
    waiting.Notify();
    absl::StatusOr<ConnectionPool::Lease> lease = pool.Acquire(&reused);
    got = lease.status();
  });
  waiting.WaitForNotification();
  absl::SleepFor(absl::Milliseconds(20));
  held.reset();  // Back to the pool: the waiter takes it.
  waiter.join();
  EXPECT_TRUE(got.ok()) << got;
  EXPECT_TRUE(reused);
  EXPECT_EQ(pool.idle_count(), 1);
}

TEST(ConnectionPoolTest, ClosedConnectionsFreeTheirPlace) {
  // max_idle 0: every released connection is closed, and its place is free
  // for the next lease.
  ConnectionPool pool("pooled", SqliteConnection(), DialectKind::kSqlite, "", 0, 1, absl::Milliseconds(50));
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<ConnectionPool::Lease> lease = pool.Acquire();
    ASSERT_TRUE(lease.ok()) << "lease " << i << ": " << lease.status();
  }
  EXPECT_EQ(pool.idle_count(), 0);
}

}  // namespace
}  // namespace tessera::odbc
