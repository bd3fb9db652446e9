// File: tests/engine/exec/ordered_set_aggregate_test.cc
//
// percentile_cont, percentile_disc and mode in the hash aggregate: the
// positions PostgreSQL picks, DESC, NULLs skipped, groups of no values, many
// groups across batches against a sort-based reference, and the kept values
// charged to the memory limit.

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/exec/hash_aggregate_operator.h"
#include "engine/types/double_format.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::D;
using ::tessera::testing::Drain;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::NullT;
using ::tessera::testing::Row;
using ::tessera::testing::T;
using ::tessera::testing::TestContext;

const std::vector<std::pair<std::string, DataType>> kCols = {
    {"g", DataType::Text()}, {"n", DataType::Int64()}, {"x", DataType::Double()}, {"t", DataType::Text()}};

std::vector<Row> Rows() {
  return {
      {T("a"), I(40), D(4), T("q")},      {T("a"), I(10), D(1), T("p")},
      {T("b"), NullI(), Value::Null(DataType::Double()), NullT()},
      {T("a"), NullI(), Value::Null(DataType::Double()), T("q")},
      {T("a"), I(30), D(3), T("p")},      {T("a"), I(20), D(2), T("r")},
      {T("c"), I(7), D(-1.5), T("z")},
  };
}

AggregateSpec Ordered(AggregateOp op, int arg, DataType type, double fraction, bool descending = false) {
  AggregateSpec spec{op, false, arg, type, "agg"};
  spec.fraction = fraction;
  spec.descending = descending;
  return spec;
}

TEST(OrderedSetAggregate, PercentileContInterpolatesBetweenNeighbours) {
  HashAggregateOperator agg(Input(kCols, Rows(), 2), {0},
                            {Ordered(AggregateOp::kPercentileCont, 2, DataType::Double(), 0.5),
                             Ordered(AggregateOp::kPercentileCont, 2, DataType::Double(), 0.25),
                             Ordered(AggregateOp::kPercentileCont, 2, DataType::Double(), 0.25, true),
                             Ordered(AggregateOp::kPercentileCont, 2, DataType::Double(), 1)});
  // a: 1, 2, 3, 4 (the NULL skipped). 0.5 -> position 1.5: 2.5; 0.25 ->
  // 0.75: 1.75; descending 4, 3, 2, 1 at 0.75: 3.25. b: only a NULL.
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|2.5|1.75|3.25|4", "b|NULL|NULL|NULL|NULL",
                                                  "c|-1.5|-1.5|-1.5|-1.5"}));
  EXPECT_EQ(agg.Describe(),
            "HashAggregate by #0: percentile_cont(0.5 order by #2), percentile_cont(0.25 order by #2), "
            "percentile_cont(0.25 order by #2 desc), percentile_cont(1 order by #2)");
}

TEST(OrderedSetAggregate, PercentileDiscTakesTheFirstValueAtOrPastTheFraction) {
  HashAggregateOperator agg(Input(kCols, Rows(), 3), {0},
                            {Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 0.5),
                             Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 0.51),
                             Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 0),
                             Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 0.5, true),
                             Ordered(AggregateOp::kPercentileDisc, 3, DataType::Text(), 1)});
  // a: 10, 20, 30, 40: 0.5 * 4 = 2nd; ceil(2.04) = 3rd; 0 is the first;
  // descending 40, 30, ...: the 2nd. Text bytewise: p, p, q, q, r.
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"a|20|30|10|30|r", "b|NULL|NULL|NULL|NULL|NULL",
                                                  "c|7|7|7|7|z"}));
}

TEST(OrderedSetAggregate, ModeIsTheMostFrequentFirstInTheOrderOnTies) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"v", DataType::Int64()}, {"t", DataType::Text()}};
  std::vector<Row> rows = {{I(3), T("b")}, {I(1), T("a")}, {I(3), T("b")}, {I(1), T("c")},
                           {I(2), T("c")}, {NullI(), NullT()}, {NullI(), NullT()}};
  HashAggregateOperator agg(Input(cols, rows, 2), {},
                            {Ordered(AggregateOp::kMode, 0, DataType::Int64(), 0),
                             Ordered(AggregateOp::kMode, 0, DataType::Int64(), 0, true),
                             Ordered(AggregateOp::kMode, 1, DataType::Text(), 0)});
  // 1 and 3 twice each (NULL, twice, is skipped): 1 ascending, 3 descending.
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"1|3|b"}));
  EXPECT_EQ(agg.Describe(), "HashAggregate: mode(order by #0), mode(order by #0 desc), mode(order by #1)");
}

TEST(OrderedSetAggregate, EmptyInputWithoutGroupsIsNull) {
  HashAggregateOperator agg(Input(kCols, {}), {},
                            {AggregateSpec{AggregateOp::kCountStar, false, -1, DataType::Int64(), "n"},
                             Ordered(AggregateOp::kPercentileCont, 2, DataType::Double(), 0.5),
                             Ordered(AggregateOp::kPercentileDisc, 3, DataType::Text(), 0.5),
                             Ordered(AggregateOp::kMode, 1, DataType::Int64(), 0)});
  EXPECT_EQ(Drain(agg), std::vector<std::string>({"0|NULL|NULL|NULL"}));
}

// PostgreSQL's definitions, written out over a sorted copy.
double ReferenceCont(std::vector<double> v, double f) {
  std::sort(v.begin(), v.end());
  const double pos = f * static_cast<double>(v.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos)), hi = static_cast<size_t>(std::ceil(pos));
  return lo == hi ? v[lo] : v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

int64_t ReferenceDisc(std::vector<int64_t> v, double f) {
  std::sort(v.begin(), v.end());
  const int64_t n = static_cast<int64_t>(v.size());
  const int64_t pos = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(f * static_cast<double>(n))));
  return v[pos - 1];
}

TEST(OrderedSetAggregate, ManyGroupsAcrossBatchesMatchASortedReference) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()},
                                                              {"n", DataType::Int64()},
                                                              {"x", DataType::Double()}};
  std::vector<Row> rows;
  std::map<int64_t, std::vector<double>> xs;
  std::map<int64_t, std::vector<int64_t>> ns;
  uint64_t state = 12345;
  for (int i = 0; i < 30000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const int64_t k = static_cast<int64_t>((state >> 33) % 1500);
    const int64_t n = static_cast<int64_t>((state >> 17) % 1000);
    const double x = static_cast<double>(n) / 7.0;
    rows.push_back({I(k), I(n), D(x)});
    xs[k].push_back(x);
    ns[k].push_back(n);
  }
  HashAggregateOperator agg(Input(cols, rows, 1000), {0},
                            {Ordered(AggregateOp::kPercentileCont, 2, DataType::Double(), 0.37),
                             Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 0.9)});
  std::vector<std::string> expected;
  for (const auto& [k, v] : xs) {
    expected.push_back(absl::StrCat(k, "|", FormatDouble(ReferenceCont(v, 0.37)), "|", ReferenceDisc(ns[k], 0.9)));
  }
  std::vector<std::string> got = Drain(agg);
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got.size(), 1500u);
  EXPECT_EQ(got, expected);
}

TEST(OrderedSetAggregate, KeptValuesCountAgainstTheMemoryLimit) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()}, {"v", DataType::Int64()}};
  std::vector<Row> rows;
  for (int i = 0; i < 50000; ++i) rows.push_back({I(i % 2), I(i)});
  // count(*) of two groups fits easily; keeping 50,000 values does not.
  HashAggregateOperator counting(Input(cols, rows), {0},
                                 {AggregateSpec{AggregateOp::kCountStar, false, -1, DataType::Int64(), "n"}});
  TestContext small(256 * 1024);
  ASSERT_TRUE(Execute(counting, small).ok());
  HashAggregateOperator keeping(Input(cols, rows), {0},
                                {Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 0.5)});
  TestContext tc(256 * 1024);
  auto result = Execute(keeping, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(OrderedSetAggregate, RejectsWrongTypesAndFractions) {
  TestContext tc;
  // percentile_cont reads doubles (the binder casts); of bigint it is a bug.
  HashAggregateOperator of_int(Input(kCols, Rows()), {},
                               {Ordered(AggregateOp::kPercentileCont, 1, DataType::Double(), 0.5)});
  EXPECT_EQ(of_int.Open(tc.ctx).code(), absl::StatusCode::kInternal);
  HashAggregateOperator fraction(Input(kCols, Rows()), {},
                                 {Ordered(AggregateOp::kPercentileDisc, 1, DataType::Int64(), 1.5)});
  EXPECT_EQ(fraction.Open(tc.ctx).code(), absl::StatusCode::kInternal);
  HashAggregateOperator type(Input(kCols, Rows()), {}, {Ordered(AggregateOp::kMode, 1, DataType::Text(), 0)});
  EXPECT_EQ(type.Open(tc.ctx).code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace tessera
