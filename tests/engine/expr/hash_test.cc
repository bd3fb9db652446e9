// Cell hashes agree with CellsEqual.

#include "engine/expr/hash.h"

#include <limits>

#include "engine/expr/compare.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

TEST(HashCell, EqualValuesHashEqual) {
  ColumnVector a = Texts({"abc", "abd", std::nullopt});
  ColumnVector b = Texts({"xx", "abc", std::nullopt});
  EXPECT_EQ(HashCell(a, 0, 0), HashCell(b, 1, 0));
  EXPECT_NE(HashCell(a, 0, 0), HashCell(a, 1, 0));
  EXPECT_EQ(HashCell(a, 2, 0), HashCell(b, 2, 0));
}

TEST(HashCell, NullsHashTheSameInEveryType) {
  EXPECT_EQ(HashCell(Ints({std::nullopt}), 0, 7), HashCell(Texts({std::nullopt}), 0, 7));
  EXPECT_EQ(HashCell(Doubles({std::nullopt}), 0, 7), HashCell(Dates({std::nullopt}), 0, 7));
}

TEST(HashCell, DoublesEqualUnderCompareHashEqual) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  ColumnVector d = Doubles({0.0, -0.0, nan, -nan, 1.5});
  EXPECT_EQ(HashCell(d, 0, 0), HashCell(d, 1, 0));
  EXPECT_EQ(HashCell(d, 2, 0), HashCell(d, 3, 0));
  EXPECT_TRUE(CellsEqual(d, 2, d, 3));
  EXPECT_NE(HashCell(d, 0, 0), HashCell(d, 4, 0));
}

TEST(HashCell, SeedChangesTheHash) {
  ColumnVector c = Ints({42});
  EXPECT_NE(HashCell(c, 0, 0), HashCell(c, 0, 1));
}

TEST(HashColumn, MatchesHashCellPerRow) {
  ColumnVector keys1 = Ints({1, 2, std::nullopt});
  ColumnVector keys2 = Texts({"a", std::nullopt, "c"});
  std::vector<uint64_t> hashes(3, 0);
  HashColumn(keys1, &hashes);
  HashColumn(keys2, &hashes);
  for (int64_t i = 0; i < 3; ++i) {
    EXPECT_EQ(hashes[i], HashCell(keys2, i, HashCell(keys1, i, 0))) << i;
  }
}

}  // namespace
}  // namespace tessera::expr_test
