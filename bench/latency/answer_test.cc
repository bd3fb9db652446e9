// File: bench/latency/answer_test.cc
//
// The benchmark's own arithmetic: when answers count as equal, how
// quantiles are taken, and that the closed loop keeps its clients busy for
// the time asked and counts failures apart from latencies.

#include "bench/latency/answer.h"

#include <atomic>
#include <thread>

#include "absl/time/clock.h"
#include "bench/latency/closed_loop.h"
#include "gtest/gtest.h"

namespace tessera::bench::latency {
namespace {

Answer Rows(std::vector<std::vector<std::string>> rows) {
  Answer a;
  a.columns = {"id", "value"};
  a.rows = std::move(rows);
  return a;
}

TEST(SameAnswerTest, NumbersAgreeToSixDigitsWhateverTheirSpelling) {
  EXPECT_TRUE(SameAnswer(Rows({{"1", "6.5"}}), Rows({{"1", "6.50"}}), true).ok());
  EXPECT_TRUE(SameAnswer(Rows({{"1", "130.0000001"}}), Rows({{"1", "130"}}), true).ok());
  EXPECT_FALSE(SameAnswer(Rows({{"1", "6.5"}}), Rows({{"1", "6.6"}}), true).ok());
  EXPECT_FALSE(SameAnswer(Rows({{"1", "NULL"}}), Rows({{"1", "0"}}), true).ok());
}

TEST(SameAnswerTest, OrderMattersOnlyWhenAsked) {
  Answer a = Rows({{"1", "x"}, {"2", "y"}}), b = Rows({{"2", "y"}, {"1", "x"}});
  EXPECT_TRUE(SameAnswer(a, b, false).ok());
  absl::Status ordered = SameAnswer(a, b, true);
  EXPECT_FALSE(ordered.ok());
  EXPECT_NE(ordered.message().find("row 0 differs"), std::string::npos) << ordered;
}

TEST(SameAnswerTest, NamesMissingRowsAndColumns) {
  absl::Status rows = SameAnswer(Rows({{"1", "x"}}), Rows({}), false);
  EXPECT_NE(rows.message().find("row counts differ: 1 vs 0"), std::string::npos) << rows;
  Answer narrow;
  narrow.columns = {"id"};
  absl::Status columns = SameAnswer(Rows({}), narrow, false);
  EXPECT_NE(columns.message().find("columns differ"), std::string::npos) << columns;
}

TEST(QuantileTest, NearestRank) {
  std::vector<double> v = {5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
  EXPECT_EQ(Quantile(v, 0.5), 5);
  EXPECT_EQ(Quantile(v, 0.95), 10);
  EXPECT_EQ(Quantile(v, 0.0), 1);
  EXPECT_EQ(Quantile({}, 0.5), 0);
}

TEST(ClosedLoopTest, EveryClientWorksUntilTheEndAndFailuresAreCountedApart) {
  std::atomic<int> in_flight{0}, most{0};
  LoadResult r = RunClosedLoop(4, absl::Milliseconds(200), [&](int client, int64_t i) -> absl::Status {
    int now = ++in_flight;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    absl::SleepFor(absl::Milliseconds(5));
    --in_flight;
    if (client == 0 && i % 2 == 1) return absl::UnavailableError("every other request of client 0 fails");
    return absl::OkStatus();
  });
  EXPECT_EQ(most.load(), 4);
  EXPECT_GE(r.seconds, 0.2);
  EXPECT_LT(r.seconds, 5.0);
  EXPECT_GT(r.errors, 0);
  EXPECT_NE(r.first_error.find("client 0 fails"), std::string::npos);
  // 4 clients x ~40 requests of 5 ms in 200 ms, less client 0's failures.
  EXPECT_GT(r.latencies_ms.size(), 40u);
  for (double ms : r.latencies_ms) EXPECT_GE(ms, 4.5);
}

}  // namespace
}  // namespace tessera::bench::latency
