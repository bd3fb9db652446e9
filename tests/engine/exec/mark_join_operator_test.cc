#include "engine/exec/mark_join_operator.h"

#include <memory>
#include <optional>
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
using ::tessera::testing::Execute;
using ::tessera::testing::Format;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::NullI;
using ::tessera::testing::Row;
using ::tessera::testing::TestContext;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

// Both sides: (k, x); the correlation is l.k = r.k, the IN comparison
// l.x = r.y.
const std::vector<std::pair<std::string, DataType>> kCols = {{"k", DataType::Int64()}, {"x", DataType::Int64()}};

Value True() { return Value::Bool(true); }
Value False() { return Value::Bool(false); }
Value Unknown() { return Value::Null(DataType::Bool()); }

std::vector<std::string> Rows(Operator& op) {
  auto rows = Execute(op);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<std::string>{};
}

// The left rows, each followed by its expected mark.
std::vector<std::string> Marked(const std::vector<Row>& left, const std::vector<Value>& marks) {
  std::vector<Row> rows;
  for (size_t i = 0; i < left.size(); ++i) {
    Row r = left[i];
    r.push_back(marks[i]);
    rows.push_back(std::move(r));
  }
  return Format(rows);
}

enum class Mode { kHashedOnCorrelation, kLoop, kHashedOnComparison };

// x IN (SELECT y FROM right WHERE right.k = left.k), or with `in` false
// EXISTS (SELECT 1 FROM right WHERE right.k = left.k), planned each way.
std::unique_ptr<MarkJoinOperator> Join(Mode mode, bool in, const std::vector<Row>& left,
                                       const std::vector<Row>& right, int64_t batch_rows = 1024) {
  std::vector<int> lk, rk;
  std::unique_ptr<Expr> residual;
  std::unique_ptr<Expr> compare = in ? Cmp(ExprOp::kEqual, Col(1), Col(3)) : nullptr;
  bool compare_is_key = false;
  switch (mode) {
    case Mode::kHashedOnCorrelation:
      lk = rk = {0};
      break;
    case Mode::kLoop:
      residual = Cmp(ExprOp::kEqual, Col(0), Col(2));
      break;
    case Mode::kHashedOnComparison:
      lk = rk = {1};
      residual = Cmp(ExprOp::kEqual, Col(0), Col(2));
      compare = nullptr;
      compare_is_key = true;
      break;
  }
  return std::make_unique<MarkJoinOperator>(Input(kCols, left, batch_rows), Input(kCols, right, batch_rows),
                                            lk, rk, std::move(residual), std::move(compare), compare_is_key,
                                            "$mark");
}

// The three-valued answer, pair by pair.
Value ReferenceMark(const Row& l, const std::vector<Row>& right, bool in) {
  bool any = false, unknown = false;
  for (const Row& r : right) {
    if (l[0].is_null() || r[0].is_null() || l[0].int64_value() != r[0].int64_value()) continue;
    if (!in) return True();
    if (l[1].is_null() || r[1].is_null()) {
      unknown = true;
    } else if (l[1].int64_value() == r[1].int64_value()) {
      any = true;
    }
  }
  if (any) return True();
  return unknown ? Unknown() : False();
}

const std::vector<Row> kLeft = {{I(1), I(10)}, {I(1), I(11)}, {I(1), NullI()}, {I(2), I(20)},
                                {I(3), I(30)}, {NullI(), I(10)}};
const std::vector<Row> kRight = {{I(1), I(10)}, {I(1), NullI()}, {I(2), I(21)}, {NullI(), I(30)}};

TEST(MarkJoinOperator, InIsTrueFalseOrUnknownPerSqlRules) {
  // k=1: 10 matches; 11 meets a NULL (unknown); NULL is unknown. k=2: 20 is
  // not 21. k=3 and a NULL k have no rows: false.
  const std::vector<std::string> expected =
      Marked(kLeft, {True(), Unknown(), Unknown(), False(), False(), False()});
  for (Mode mode : {Mode::kHashedOnCorrelation, Mode::kLoop, Mode::kHashedOnComparison}) {
    auto op = Join(mode, /*in=*/true, kLeft, kRight);
    EXPECT_THAT(Rows(*op), ElementsAreArray(expected)) << static_cast<int>(mode);
  }
}

TEST(MarkJoinOperator, ExistsIsTrueOrFalseNeverUnknown) {
  const std::vector<std::string> expected = Marked(kLeft, {True(), True(), True(), True(), False(), False()});
  for (Mode mode : {Mode::kHashedOnCorrelation, Mode::kLoop}) {
    auto op = Join(mode, /*in=*/false, kLeft, kRight);
    EXPECT_THAT(Rows(*op), ElementsAreArray(expected)) << static_cast<int>(mode);
  }
}

TEST(MarkJoinOperator, UncorrelatedInOverListWithNull) {
  // 1 IN (1, NULL) is true, 2 IN (1, NULL) unknown, NULL IN (1, NULL) unknown.
  std::vector<Row> left = {{I(0), I(1)}, {I(0), I(2)}, {I(0), NullI()}};
  std::vector<Row> right = {{I(0), I(1)}, {I(0), NullI()}};
  MarkJoinOperator op(Input(kCols, left), Input(kCols, right), {1}, {1}, nullptr, nullptr, true, "$mark");
  EXPECT_THAT(Rows(op), ElementsAreArray(Marked(left, {True(), Unknown(), Unknown()})));
}

TEST(MarkJoinOperator, InOverEmptySubqueryIsFalseEvenForNull) {
  std::vector<Row> left = {{I(0), I(1)}, {I(0), NullI()}};
  MarkJoinOperator op(Input(kCols, left), Input(kCols, {}), {1}, {1}, nullptr, nullptr, true, "$mark");
  EXPECT_THAT(Rows(op), ElementsAreArray(Marked(left, {False(), False()})));
}

TEST(MarkJoinOperator, EveryPlanAgreesWithPairByPairOnRandomData) {
  // Few distinct keys and many right rows: long chains and many pairs per
  // left row, so candidate pairs are flushed in several groups; small input
  // batches cross batch boundaries.
  std::mt19937 rng(7);
  auto cell = [&](int domain) { return rng() % 6 == 0 ? NullI() : I(static_cast<int64_t>(rng() % domain)); };
  std::vector<Row> left, right;
  for (int i = 0; i < 300; ++i) left.push_back({cell(5), cell(40)});
  for (int i = 0; i < 3000; ++i) right.push_back({cell(5), cell(40)});
  for (bool in : {true, false}) {
    std::vector<Value> marks;
    for (const Row& l : left) marks.push_back(ReferenceMark(l, right, in));
    const std::vector<std::string> expected = Marked(left, marks);
    for (Mode mode : {Mode::kHashedOnCorrelation, Mode::kLoop, Mode::kHashedOnComparison}) {
      if (!in && mode == Mode::kHashedOnComparison) continue;
      for (int64_t batch_rows : {int64_t{7}, int64_t{1024}}) {
        auto op = Join(mode, in, left, right, batch_rows);
        EXPECT_THAT(Rows(*op), ElementsAreArray(expected))
            << "in=" << in << " mode=" << static_cast<int>(mode) << " batch=" << batch_rows;
      }
    }
  }
}

TEST(MarkJoinOperator, CancelledWhileMarking) {
  std::vector<Row> left(50, Row{I(1), I(1)});
  std::vector<Row> right(5000, Row{I(1), I(2)});
  TestContext tc;
  auto op = Join(Mode::kLoop, /*in=*/true, left, right);
  tc.query.Cancel();
  auto rows = Execute(*op, tc);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kCancelled);
}

TEST(MarkJoinOperator, DescribeNamesKeysFilterAndComparison) {
  auto op = Join(Mode::kHashedOnCorrelation, /*in=*/true, kLeft, kRight);
  EXPECT_THAT(op->Describe(), HasSubstr("MarkJoin on #0 = #2"));
  EXPECT_THAT(op->Describe(), HasSubstr("mark (#1 = #3)"));
  auto keyed = Join(Mode::kHashedOnComparison, /*in=*/true, kLeft, kRight);
  EXPECT_THAT(keyed->Describe(), HasSubstr("(null-aware)"));
}

}  // namespace
}  // namespace tessera
