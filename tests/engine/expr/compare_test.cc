// Cell comparison for sorting, joining and grouping.

#include "engine/expr/compare.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

TEST(CompareCells, EachType) {
  ColumnVector ints = Ints({1, 2, 2});
  EXPECT_EQ(CompareCells(ints, 0, ints, 1), -1);
  EXPECT_EQ(CompareCells(ints, 1, ints, 2), 0);
  EXPECT_EQ(CompareCells(ints, 2, ints, 0), 1);
  ColumnVector texts = Texts({"B", "a", "ab"});
  EXPECT_EQ(CompareCells(texts, 0, texts, 1), -1);
  EXPECT_EQ(CompareCells(texts, 1, texts, 2), -1);
  ColumnVector bools = Bools({false, true});
  EXPECT_EQ(CompareCells(bools, 0, bools, 1), -1);
  ColumnVector dates = Dates({"2024-01-01", "1969-12-31"});
  EXPECT_EQ(CompareCells(dates, 0, dates, 1), 1);
}

TEST(CompareCells, DoublesOrderNanLast) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ColumnVector d = Doubles({nan, std::numeric_limits<double>::infinity(), -0.0, 0.0, nan});
  EXPECT_EQ(CompareCells(d, 0, d, 1), 1);
  EXPECT_EQ(CompareCells(d, 1, d, 0), -1);
  EXPECT_EQ(CompareCells(d, 0, d, 4), 0);
  EXPECT_EQ(CompareCells(d, 2, d, 3), 0);
}

TEST(CompareCells, DecimalsOfDifferentScales) {
  ColumnVector a = Decimals(2, {150});
  ColumnVector b = Decimals(1, {15, 16});
  EXPECT_EQ(CompareCells(a, 0, b, 0), 0);
  EXPECT_EQ(CompareCells(a, 0, b, 1), -1);
  EXPECT_TRUE(CellsEqual(a, 0, b, 0));
}

TEST(CompareForSort, PlacesNullsWhereAsked) {
  ColumnVector c = Ints({3, std::nullopt, 1, std::nullopt});
  auto sorted = [&](bool descending, NullOrder nulls) {
    std::vector<int64_t> order(c.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
      return CompareForSort(c, x, c, y, descending, nulls) < 0;
    });
    std::vector<std::string> cells;
    for (int64_t r : order) cells.push_back(c.FormatCell(r));
    return cells;
  };
  EXPECT_THAT(sorted(false, NullOrder::kNullsLast), ElementsAre("1", "3", "NULL", "NULL"));
  EXPECT_THAT(sorted(false, NullOrder::kNullsFirst), ElementsAre("NULL", "NULL", "1", "3"));
  EXPECT_THAT(sorted(true, NullOrder::kNullsLast), ElementsAre("3", "1", "NULL", "NULL"));
  EXPECT_THAT(sorted(true, DefaultNullOrder(true)), ElementsAre("NULL", "NULL", "3", "1"));
  EXPECT_EQ(DefaultNullOrder(false), NullOrder::kNullsLast);
}

TEST(CellsEqual, NullEqualsOnlyNull) {
  ColumnVector a = Texts({"x", std::nullopt, std::nullopt});
  ColumnVector b = Texts({"x", std::nullopt, "x"});
  EXPECT_TRUE(CellsEqual(a, 0, b, 0));
  EXPECT_TRUE(CellsEqual(a, 1, b, 1));
  EXPECT_FALSE(CellsEqual(a, 2, b, 2));
  EXPECT_FALSE(CellsEqual(b, 2, a, 2));
}

}  // namespace
}  // namespace tessera::expr_test
