// x IN (...): three-valued results, short and long (hashed) lists, mixed
// types, lists with expressions.

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/expr/expr_test_util.h"

namespace tessera::expr_test {
namespace {

using ::testing::ElementsAre;

const DataType kBool = DataType::Bool();
const DataType kInt = DataType::Int64();
const DataType kText = DataType::Text();
const DataType kDouble = DataType::Double();

ExprPtr In(ExprPtr x, std::vector<ExprPtr> items) {
  items.insert(items.begin(), std::move(x));
  return Expr::Call(ExprOp::kInList, kBool, std::move(items));
}

std::vector<ExprPtr> IntItems(int64_t from, int64_t to) {
  std::vector<ExprPtr> items;
  for (int64_t v = from; v <= to; ++v) items.push_back(Int(v));
  return items;
}

TEST(InList, ShortList) {
  RowBatch batch = MakeBatch({Ints({1, 3, std::nullopt})});
  EXPECT_THAT(Eval(*In(Col(0, kInt), IntItems(1, 2)), batch), ElementsAre("true", "false", "NULL"));
}

TEST(InList, NullItemMakesNoMatchNull) {
  RowBatch batch = MakeBatch({Ints({1, 3})});
  std::vector<ExprPtr> items;
  items.push_back(Int(1));
  items.push_back(Null(kInt));
  EXPECT_THAT(Eval(*In(Col(0, kInt), std::move(items)), batch), ElementsAre("true", "NULL"));
}

TEST(InList, LongConstantListIsHashed) {
  RowBatch batch = MakeBatch({Ints({5, 50, 100, 101, std::nullopt})});
  EXPECT_THAT(Eval(*In(Col(0, kInt), IntItems(1, 100)), batch),
              ElementsAre("true", "true", "true", "false", "NULL"));
  std::vector<ExprPtr> with_null = IntItems(1, 20);
  with_null.push_back(Null(kInt));
  EXPECT_THAT(Eval(*In(Col(0, kInt), std::move(with_null)), batch),
              ElementsAre("true", "NULL", "NULL", "NULL", "NULL"));
}

TEST(InList, LongTextAndDoubleLists) {
  std::vector<ExprPtr> words;
  for (const char* w : {"a", "b", "c", "d", "e", "f", "g", "h", "é"}) words.push_back(Txt(w));
  RowBatch texts = MakeBatch({Texts({"é", "z", std::nullopt, "a"})});
  EXPECT_THAT(Eval(*In(Col(0, kText), std::move(words)), texts),
              ElementsAre("true", "false", "NULL", "true"));

  std::vector<ExprPtr> numbers;
  for (int i = 0; i < 10; ++i) numbers.push_back(Dbl(i * 0.5));
  RowBatch doubles = MakeBatch({Doubles({-0.0, 4.5, 4.25})});
  EXPECT_THAT(Eval(*In(Col(0, kDouble), std::move(numbers)), doubles),
              ElementsAre("true", "true", "false"));
}

TEST(InList, MixedTypesCompareByValue) {
  RowBatch batch = MakeBatch({Ints({1, 2})});
  std::vector<ExprPtr> items;
  items.push_back(Dec(150, 2));
  items.push_back(Dbl(2.0));
  EXPECT_THAT(Eval(*In(Col(0, kInt), std::move(items)), batch), ElementsAre("false", "true"));
  // A long list of another type takes the item-by-item path.
  std::vector<ExprPtr> decimals;
  for (int i = 0; i < 10; ++i) decimals.push_back(Dec(i * 100, 2));
  EXPECT_THAT(Eval(*In(Col(0, kInt), std::move(decimals)), batch), ElementsAre("true", "true"));
}

TEST(InList, ItemsMayBeColumns) {
  RowBatch batch = MakeBatch({Ints({1, 2, 3}), Ints({1, 5, std::nullopt})});
  std::vector<ExprPtr> items;
  items.push_back(Col(1, kInt));
  items.push_back(Int(2));
  EXPECT_THAT(Eval(*In(Col(0, kInt), std::move(items)), batch),
              ElementsAre("true", "true", "NULL"));
}

}  // namespace
}  // namespace tessera::expr_test
