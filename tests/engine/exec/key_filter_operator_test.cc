#include "engine/exec/key_filter_operator.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Drain;
using ::tessera::testing::I;
using ::tessera::testing::Input;
using ::tessera::testing::MakeSchema;
using ::tessera::testing::NullI;
using ::tessera::testing::Row;
using ::tessera::testing::T;

const std::vector<std::pair<std::string, DataType>> kCols = {{"patient", DataType::Int64()},
                                                             {"code", DataType::Text()}};

// A join's build side holding the keys 1 and 3 (and a NULL, which matches nothing).
JoinHashTable BuildSide() {
  JoinHashTable table(MakeSchema({{"id", DataType::Int64()}}), {0});
  RowBatch batch(MakeSchema({{"id", DataType::Int64()}}));
  for (const Value& v : {I(1), I(3), NullI(), I(3)}) batch.column(0).AppendValue(v);
  batch.SetNumRows(4);
  table.Add(batch);
  return table;
}

std::vector<Row> Rows() {
  return {{I(1), T("a")}, {I(2), T("b")}, {NullI(), T("c")}, {I(3), T("d")}, {I(4), T("e")}, {I(1), T("f")}};
}

TEST(KeyFilterOperator, KeepsOnlyRowsWhoseKeyTheJoinBuilt) {
  JoinHashTable table = BuildSide();
  auto keys = std::make_shared<BuiltKeys>();
  keys->Publish(&table);
  KeyFilterOperator filter(Input(kCols, Rows(), 2), 0, keys);
  EXPECT_EQ(Drain(filter), std::vector<std::string>({"1|a", "3|d", "1|f"}));
  keys->Publish(nullptr);
}

TEST(KeyFilterOperator, PassesEveryRowUntilTheJoinHasBuilt) {
  auto keys = std::make_shared<BuiltKeys>();
  KeyFilterOperator filter(Input(kCols, Rows(), 2), 0, keys);
  EXPECT_EQ(Drain(filter).size(), Rows().size());
}

TEST(KeyFilterOperator, PassesEveryRowOnceTheJoinWithdrewItsTable) {
  JoinHashTable table = BuildSide();
  auto keys = std::make_shared<BuiltKeys>();
  keys->Publish(&table);
  keys->Publish(nullptr);
  KeyFilterOperator filter(Input(kCols, Rows(), 2), 0, keys);
  EXPECT_EQ(Drain(filter).size(), Rows().size());
}

}  // namespace
}  // namespace tessera
