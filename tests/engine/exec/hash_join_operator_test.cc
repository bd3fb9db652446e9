#include "engine/exec/hash_join_operator.h"

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Cmp;
using ::tessera::testing::Col;
using ::tessera::testing::Const;
using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::ReferenceJoin;
using ::tessera::testing::Row;
using ::tessera::testing::Sorted;
using ::tessera::testing::T;
using ::tessera::testing::TestContext;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<std::pair<std::string, DataType>> kLeftCols = {{"id", DataType::Int64()},
                                                                 {"name", DataType::Text()}};
const std::vector<std::pair<std::string, DataType>> kRightCols = {{"id", DataType::Int64()},
                                                                  {"v", DataType::Text()}};

// Duplicate keys on both sides, NULL keys on both sides, and a key on each
// side that the other lacks.
std::vector<Row> LeftRows() {
  return {{I(1), T("a")}, {I(2), T("b")}, {I(2), T("b2")}, {NullI(), T("n")}, {I(3), T("c")}};
}
std::vector<Row> RightRows() {
  return {{I(2), T("x")}, {I(2), T("y")}, {I(1), T("z")}, {NullI(), T("rn")}, {I(4), T("w")}};
}

std::unique_ptr<HashJoinOperator> Join(JoinType type, std::vector<Row> left, std::vector<Row> right,
                                       std::unique_ptr<Expr> residual = nullptr, bool null_aware = false,
                                       int64_t batch_rows = 1024) {
  return std::make_unique<HashJoinOperator>(Input(kLeftCols, left, batch_rows),
                                            Input(kRightCols, right, batch_rows), type, std::vector<int>{0},
                                            std::vector<int>{0}, std::move(residual), null_aware);
}

std::vector<std::string> Rows(Operator& op) {
  auto rows = Execute(op);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<std::string>{};
}

const std::vector<std::string> kInner = {"1|a|1|z", "2|b|2|x", "2|b|2|y", "2|b2|2|x", "2|b2|2|y"};

TEST(HashJoinOperator, InnerMatchesDuplicatesAndSkipsNullKeys) {
  auto join = Join(JoinType::kInner, LeftRows(), RightRows());
  // Within a probe batch: probe order, each probe row's matches in build order.
  EXPECT_EQ(Rows(*join), kInner);
  EXPECT_EQ(join->schema()->num_fields(), 4);
}

TEST(HashJoinOperator, LeftKeepsUnmatchedLeftRows) {
  auto join = Join(JoinType::kLeft, LeftRows(), RightRows());
  std::vector<std::string> expected = kInner;
  expected.push_back("NULL|n|NULL|NULL");
  expected.push_back("3|c|NULL|NULL");
  EXPECT_EQ(Rows(*join), expected);
  EXPECT_TRUE(join->schema()->field(3).nullable);
}

TEST(HashJoinOperator, RightKeepsUnmatchedRightRows) {
  auto join = Join(JoinType::kRight, LeftRows(), RightRows());
  std::vector<std::string> expected = kInner;
  expected.push_back("NULL|NULL|NULL|rn");
  expected.push_back("NULL|NULL|4|w");
  EXPECT_EQ(Rows(*join), expected);
}

TEST(HashJoinOperator, FullKeepsBothSides) {
  auto join = Join(JoinType::kFull, LeftRows(), RightRows());
  std::vector<std::string> expected = kInner;
  expected.insert(expected.end(),
                  {"NULL|n|NULL|NULL", "3|c|NULL|NULL", "NULL|NULL|NULL|rn", "NULL|NULL|4|w"});
  EXPECT_EQ(Rows(*join), expected);
}

TEST(HashJoinOperator, SemiOutputsEachMatchingLeftRowOnce) {
  auto join = Join(JoinType::kSemi, LeftRows(), RightRows());
  EXPECT_EQ(Rows(*join), std::vector<std::string>({"1|a", "2|b", "2|b2"}));
  EXPECT_EQ(join->schema()->num_fields(), 2);
}

TEST(HashJoinOperator, AntiOutputsUnmatchedLeftRowsIncludingNullKeys) {
  auto join = Join(JoinType::kAnti, LeftRows(), RightRows());
  EXPECT_EQ(Rows(*join), std::vector<std::string>({"NULL|n", "3|c"}));
}

// residual: right.v <> 'x'.
std::unique_ptr<Expr> RightNotX() { return Cmp(ExprOp::kNotEqual, Col(3, DataType::Text()), Const(T("x"))); }
// residual: left.name <> 'a'.
std::unique_ptr<Expr> LeftNotA() { return Cmp(ExprOp::kNotEqual, Col(1, DataType::Text()), Const(T("a"))); }

TEST(HashJoinOperator, ResidualPredicateInnerAndOuter) {
  const std::vector<std::string> inner = {"1|a|1|z", "2|b|2|y", "2|b2|2|y"};
  EXPECT_EQ(Rows(*Join(JoinType::kInner, LeftRows(), RightRows(), RightNotX())), inner);

  std::vector<std::string> left = inner;
  left.insert(left.end(), {"NULL|n|NULL|NULL", "3|c|NULL|NULL"});
  EXPECT_EQ(Rows(*Join(JoinType::kLeft, LeftRows(), RightRows(), RightNotX())), left);

  // (2, x) has equal keys on the left but fails the residual: unmatched.
  std::vector<std::string> right = inner;
  right.insert(right.end(), {"NULL|NULL|2|x", "NULL|NULL|NULL|rn", "NULL|NULL|4|w"});
  EXPECT_EQ(Rows(*Join(JoinType::kRight, LeftRows(), RightRows(), RightNotX())), right);

  std::vector<std::string> full = left;
  full.insert(full.end(), {"NULL|NULL|2|x", "NULL|NULL|NULL|rn", "NULL|NULL|4|w"});
  EXPECT_EQ(Rows(*Join(JoinType::kFull, LeftRows(), RightRows(), RightNotX())), full);
}

TEST(HashJoinOperator, ResidualPredicateSemiAndAnti) {
  EXPECT_EQ(Rows(*Join(JoinType::kSemi, LeftRows(), RightRows(), LeftNotA())),
            std::vector<std::string>({"2|b", "2|b2"}));
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), RightRows(), LeftNotA())),
            std::vector<std::string>({"1|a", "NULL|n", "3|c"}));
}

TEST(HashJoinOperator, EmptyRightSide) {
  EXPECT_THAT(Rows(*Join(JoinType::kInner, LeftRows(), {})), IsEmpty());
  EXPECT_THAT(Rows(*Join(JoinType::kSemi, LeftRows(), {})), IsEmpty());
  EXPECT_THAT(Rows(*Join(JoinType::kRight, LeftRows(), {})), IsEmpty());
  EXPECT_EQ(Rows(*Join(JoinType::kLeft, LeftRows(), {})),
            std::vector<std::string>(
                {"1|a|NULL|NULL", "2|b|NULL|NULL", "2|b2|NULL|NULL", "NULL|n|NULL|NULL", "3|c|NULL|NULL"}));
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), {})),
            std::vector<std::string>({"1|a", "2|b", "2|b2", "NULL|n", "3|c"}));
  EXPECT_EQ(Rows(*Join(JoinType::kFull, LeftRows(), {})).size(), 5u);
}

TEST(HashJoinOperator, EmptyLeftSide) {
  EXPECT_THAT(Rows(*Join(JoinType::kInner, {}, RightRows())), IsEmpty());
  EXPECT_THAT(Rows(*Join(JoinType::kLeft, {}, RightRows())), IsEmpty());
  EXPECT_THAT(Rows(*Join(JoinType::kAnti, {}, RightRows())), IsEmpty());
  EXPECT_EQ(Rows(*Join(JoinType::kRight, {}, RightRows())),
            std::vector<std::string>(
                {"NULL|NULL|2|x", "NULL|NULL|2|y", "NULL|NULL|1|z", "NULL|NULL|NULL|rn", "NULL|NULL|4|w"}));
  EXPECT_EQ(Rows(*Join(JoinType::kFull, {}, RightRows())).size(), 5u);
}

TEST(HashJoinOperator, EmptyInnerJoinDoesNotReadTheProbeSide) {
  auto left = std::make_unique<testing::CountingOperator>(Input(kLeftCols, LeftRows()));
  testing::CountingOperator* counter = left.get();
  HashJoinOperator join(std::move(left), Input(kRightCols, {}), JoinType::kInner, {0}, {0});
  EXPECT_THAT(Rows(join), IsEmpty());
  EXPECT_EQ(counter->calls(), 0);
}

// NOT IN: `left.id NOT IN (SELECT id FROM right)`.
TEST(HashJoinOperator, NullAwareAntiWithNullOnBuildSideOutputsNothing) {
  EXPECT_THAT(Rows(*Join(JoinType::kAnti, LeftRows(), RightRows(), nullptr, /*null_aware=*/true)), IsEmpty());
}

TEST(HashJoinOperator, NullAwareAntiDropsNullProbeKeysUnlessBuildIsEmpty) {
  std::vector<Row> right = {{I(2), T("x")}, {I(4), T("w")}};
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), right, nullptr, true)),
            std::vector<std::string>({"1|a", "3|c"}));
  // NOT IN of an empty list is true, even for NULL.
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), {}, nullptr, true)),
            std::vector<std::string>({"1|a", "2|b", "2|b2", "NULL|n", "3|c"}));
  // The plain anti join keeps the NULL-keyed row.
  EXPECT_EQ(Rows(*Join(JoinType::kAnti, LeftRows(), right)),
            std::vector<std::string>({"1|a", "NULL|n", "3|c"}));
}

// `k NOT IN (SELECT k FROM r WHERE r.tag = l.tag)`: only the build rows the
// residual admits decide, per probe row.
TEST(HashJoinOperator, NullAwareAntiWithResidualDecidesPerProbeRow) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()},
                                                              {"tag", DataType::Int64()}};
  std::vector<Row> left = {{I(1), I(10)}, {I(2), I(10)}, {NullI(), I(20)}, {NullI(), I(30)}, {I(3), I(30)}};
  std::vector<Row> right = {{I(2), I(10)}, {NullI(), I(30)}, {I(7), I(40)}};
  HashJoinOperator join(Input(cols, left), Input(cols, right), JoinType::kAnti, {0}, {0},
                        Cmp(ExprOp::kEqual, Col(1), Col(3)), /*null_aware=*/true);
  // (1,10): 1 NOT IN {2}. (NULL,20): NOT IN {} is true. (NULL,30) and
  // (3,30): the list {NULL} makes it unknown. (2,10): 2 is in {2}.
  EXPECT_EQ(Rows(join), std::vector<std::string>({"1|10", "NULL|20"}));
}

TEST(HashJoinOperator, MultiColumnKeys) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"a", DataType::Int64()},
                                                              {"b", DataType::Text()}};
  std::vector<Row> left = {{I(1), T("x")}, {I(1), T("y")}, {I(2), T("x")}, {I(1), NullI()}};
  std::vector<Row> right = {{I(1), T("y")}, {I(2), T("y")}, {I(1), T("x")}, {I(1), NullI()}};
  HashJoinOperator join(Input(cols, left), Input(cols, right), JoinType::kInner, {0, 1}, {0, 1});
  EXPECT_EQ(Rows(join), std::vector<std::string>({"1|x|1|x", "1|y|1|y"}));
  EXPECT_EQ(join.Describe(), "HashJoin inner on #0 = #2 AND #1 = #3");
}

TEST(HashJoinOperator, TextKeys) {
  const std::vector<std::pair<std::string, DataType>> cols = {{"s", DataType::Text()}};
  std::vector<Row> left = {{T("ab")}, {T("")}, {T("a")}, {T("b")}};
  std::vector<Row> right = {{T("a")}, {T("")}, {T("ab")}, {T("ba")}};
  HashJoinOperator join(Input(cols, left), Input(cols, right), JoinType::kInner, {0}, {0});
  EXPECT_EQ(Rows(join), std::vector<std::string>({"ab|ab", "|", "a|a"}));
}

// Many duplicates across many small batches, against a pair-by-pair answer.
TEST(HashJoinOperator, AllTypesMatchReferenceOnRandomData) {
  std::mt19937_64 rng(42);
  auto make = [&](int n, int keys) {
    std::vector<Row> rows;
    for (int i = 0; i < n; ++i) {
      int k = static_cast<int>(rng() % (keys + 1));
      rows.push_back({k == keys ? NullI() : I(k), I(i)});
    }
    return rows;
  };
  const std::vector<std::pair<std::string, DataType>> cols = {{"k", DataType::Int64()},
                                                              {"i", DataType::Int64()}};
  std::vector<Row> left = make(700, 40);
  std::vector<Row> right = make(500, 50);
  auto keys_equal = [](const Row& l, const Row& r) {
    return !l[0].is_null() && !r[0].is_null() && l[0] == r[0];
  };
  auto with_residual = [&](const Row& l, const Row& r) {
    return keys_equal(l, r) && (l[1].int64_value() + r[1].int64_value()) % 3 != 0;
  };
  for (JoinType type : {JoinType::kInner, JoinType::kLeft, JoinType::kRight, JoinType::kFull, JoinType::kSemi,
                        JoinType::kAnti}) {
    SCOPED_TRACE(JoinTypeName(type));
    HashJoinOperator plain(Input(cols, left, 37), Input(cols, right, 53), type, {0}, {0});
    EXPECT_EQ(Sorted(Rows(plain)), ReferenceJoin(type, left, 2, right, 2, keys_equal));
    // residual: (l.i + r.i) % 3 <> 0.
    std::vector<std::unique_ptr<Expr>> sum_args;
    sum_args.push_back(Col(1));
    sum_args.push_back(Col(3));
    std::vector<std::unique_ptr<Expr>> mod_args;
    mod_args.push_back(Expr::Call(ExprOp::kAdd, DataType::Int64(), std::move(sum_args)));
    mod_args.push_back(Const(I(3)));
    auto residual = Cmp(ExprOp::kNotEqual,
                        Expr::Call(ExprOp::kModulo, DataType::Int64(), std::move(mod_args)), Const(I(0)));
    HashJoinOperator filtered(Input(cols, left, 37), Input(cols, right, 53), type, {0}, {0},
                              std::move(residual));
    EXPECT_EQ(Sorted(Rows(filtered)), ReferenceJoin(type, left, 2, right, 2, with_residual));
  }
}

TEST(HashJoinOperator, OutputBatchesStayNearTheDefaultSize) {
  // 40 x 40 rows of one key: 1,600 output rows from 40 probe rows.
  std::vector<Row> rows;
  for (int i = 0; i < 40; ++i) rows.push_back({I(7), T("r")});
  auto join = Join(JoinType::kInner, rows, rows);
  TestContext tc;
  ASSERT_TRUE(join->Open(tc.ctx).ok());
  RowBatch batch(join->schema());
  std::vector<int64_t> sizes;
  int64_t total = 0;
  while (true) {
    auto more = join->Next(batch);
    ASSERT_TRUE(more.ok());
    if (!*more) break;
    sizes.push_back(batch.num_rows());
    total += batch.num_rows();
  }
  ASSERT_GE(sizes.size(), 2u);
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    EXPECT_LE(sizes[i], kDefaultBatchRows);
    EXPECT_GE(sizes[i], kDefaultBatchRows * 3 / 4);
  }
  EXPECT_EQ(total, 1600);
  EXPECT_EQ(join->stats().rows_out, 1600);
  EXPECT_GT(join->stats().batches_out, 1);
}

TEST(HashJoinOperator, FailsWithResourceExhaustedPastTheMemoryLimit) {
  std::vector<Row> rows;
  for (int i = 0; i < 5000; ++i) rows.push_back({I(i), T("some text to take up room")});
  auto join = Join(JoinType::kInner, LeftRows(), rows);
  TestContext tc(/*memory_limit=*/16 * 1024);
  auto result = Execute(*join, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(result.status().message()), HasSubstr("hash join"));
  join.reset();
  EXPECT_EQ(tc.memory.used(), 0);  // Destruction gives the reservation back.
}

TEST(HashJoinOperator, StopsWhenCancelled) {
  std::vector<Row> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({I(i), T("r")});
  TestContext tc;
  auto right = std::make_unique<testing::CancellingOperator>(Input(kRightCols, rows, 10), &tc.query, 3);
  HashJoinOperator join(Input(kLeftCols, LeftRows()), std::move(right), JoinType::kInner, {0}, {0});
  auto result = Execute(join, tc);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(result.status().message(), "query cancelled");
}

TEST(HashJoinOperator, RejectsMismatchedKeyTypes) {
  HashJoinOperator join(Input(kLeftCols, LeftRows()), Input(kRightCols, RightRows()), JoinType::kInner, {0},
                        {1});
  TestContext tc;
  EXPECT_EQ(join.Open(tc.ctx).code(), absl::StatusCode::kInternal);
}

TEST(HashJoinOperator, DescribeAndChildren) {
  auto join = Join(JoinType::kLeft, LeftRows(), RightRows());
  EXPECT_EQ(join->Describe(), "HashJoin left on #0 = #2");
  EXPECT_EQ(join->children().size(), 2u);
  auto anti = Join(JoinType::kAnti, LeftRows(), RightRows(), nullptr, true);
  EXPECT_EQ(anti->Describe(), "HashJoin anti (null-aware) on #0 = #2");
}

TEST(HashJoinOperator, StatsCountRowsBatchesAndTime) {
  auto join = Join(JoinType::kInner, LeftRows(), RightRows());
  EXPECT_EQ(Rows(*join).size(), 5u);
  EXPECT_EQ(join->stats().rows_out, 5);
  EXPECT_EQ(join->stats().batches_out, 1);
  EXPECT_GT(join->stats().time, absl::ZeroDuration());
  EXPECT_GE(join->stats().time, join->children()[0]->stats().time);
}

}  // namespace
}  // namespace tessera
