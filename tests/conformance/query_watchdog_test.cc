#include "tests/conformance/query_watchdog.h"

#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace tessera::slt {
namespace {

TEST(QueryWatchdog, CancelsAQueryThatRunsTooLong) {
  QueryWatchdog watchdog;
  QueryContext ctx;
  watchdog.Watch(&ctx, absl::Milliseconds(20));
  absl::Time give_up = absl::Now() + absl::Seconds(10);
  while (!ctx.is_cancelled() && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(1));
  EXPECT_TRUE(ctx.is_cancelled());
  EXPECT_TRUE(watchdog.Release());
}

TEST(QueryWatchdog, LeavesAQueryReleasedInTimeAlone) {
  QueryWatchdog watchdog;
  for (int i = 0; i < 100; ++i) {
    QueryContext ctx;
    watchdog.Watch(&ctx, absl::Seconds(10));
    EXPECT_FALSE(watchdog.Release());
    EXPECT_FALSE(ctx.is_cancelled());
  }
}

}  // namespace
}  // namespace tessera::slt
