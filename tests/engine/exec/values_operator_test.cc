#include "engine/exec/values_operator.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/exec/operator_test_util.h"

namespace tessera {
namespace {

using ::tessera::testing::Execute;
using ::tessera::testing::I;
using ::tessera::testing::MakeSchema;
using ::tessera::testing::NullT;
using ::tessera::testing::Row;
using ::tessera::testing::T;
using ::testing::IsEmpty;

TEST(ValuesOperator, ProducesRowsInOrderWithNulls) {
  auto op = ValuesOperator::FromRows(MakeSchema({{"n", DataType::Int64()}, {"s", DataType::Text()}}),
                                     {{I(1), T("a")}, {I(2), NullT()}});
  auto rows = Execute(*op);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, std::vector<std::string>({"1|a", "2|NULL"}));
  EXPECT_EQ(op->Describe(), "Values 2 rows");
  EXPECT_THAT(op->children(), IsEmpty());
}

TEST(ValuesOperator, SplitsRowsIntoDefaultSizedBatches) {
  std::vector<Row> rows;
  for (int i = 0; i < 2500; ++i) rows.push_back({I(i)});
  auto op = ValuesOperator::FromRows(MakeSchema({{"n", DataType::Int64()}}), rows);
  auto out = Execute(*op);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->size(), 2500u);
  EXPECT_EQ(op->stats().batches_out, 3);
  EXPECT_EQ(op->stats().rows_out, 2500);
}

TEST(ValuesOperator, SkipsEmptyBatches) {
  auto schema = MakeSchema({{"n", DataType::Int64()}});
  std::vector<RowBatch> batches;
  batches.emplace_back(schema);
  RowBatch one(schema);
  one.column(0).AppendInt64(7);
  one.SetNumRows(1);
  batches.push_back(std::move(one));
  batches.emplace_back(schema);
  ValuesOperator op(schema, std::move(batches));
  auto out = Execute(op);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(*out, std::vector<std::string>({"7"}));
}

TEST(ValuesOperator, NoRows) {
  auto op = ValuesOperator::FromRows(MakeSchema({{"n", DataType::Int64()}}), {});
  auto out = Execute(*op);
  ASSERT_TRUE(out.ok());
  EXPECT_THAT(*out, IsEmpty());
}

}  // namespace
}  // namespace tessera
