// File: tests/engine/wire/batch_codec_test.cc

#include "engine/wire/batch_codec.h"

#include <memory>

#include "gtest/gtest.h"

namespace tessera {
namespace {

std::shared_ptr<const Schema> EveryType() {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"b", DataType::Bool(), true},       {"i", DataType::Int64(), false},   {"d", DataType::Double(), true},
      {"m", DataType::Decimal(2), true},   {"t", DataType::Text(), true},     {"day", DataType::Date(), true},
      {"ts", DataType::Timestamp(), true},
  });
}

RowBatch Sample() {
  RowBatch batch(EveryType());
  for (int r = 0; r < 11; ++r) {
    bool null = r % 3 == 1;
    auto& c = batch;
    null ? c.column(0).AppendNull() : c.column(0).AppendBool(r % 2 == 0);
    c.column(1).AppendInt64(int64_t{1} << 40 | r);
    null ? c.column(2).AppendNull() : c.column(2).AppendDouble(r * 0.5);
    null ? c.column(3).AppendNull() : c.column(3).AppendInt64(-1234 + r);
    null ? c.column(4).AppendNull() : c.column(4).AppendText(r == 4 ? "" : "Łódź 東京 " + std::to_string(r));
    null ? c.column(5).AppendNull() : c.column(5).AppendInt64(20000 + r);
    null ? c.column(6).AppendNull() : c.column(6).AppendInt64(int64_t{1700000000000000} + r);
  }
  batch.SetNumRows(11);
  return batch;
}

TEST(BatchCodecTest, SchemaAndBatchRoundTripEveryTypeAndNull) {
  RowBatch in = Sample();
  v1::Schema wire_schema;
  EncodeSchema(in.schema(), &wire_schema);
  absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(wire_schema);
  ASSERT_TRUE(schema.ok()) << schema.status();
  EXPECT_EQ((*schema)->ToString(), in.schema().ToString());

  v1::RowBatch wire;
  EncodeBatch(in, &wire);
  RowBatch out(*schema);
  ASSERT_TRUE(DecodeBatch(wire, out).ok());
  ASSERT_EQ(out.num_rows(), in.num_rows());
  for (int c = 0; c < in.num_columns(); ++c) {
    for (int64_t r = 0; r < in.num_rows(); ++r) {
      EXPECT_EQ(out.column(c).FormatCell(r), in.column(c).FormatCell(r)) << "column " << c << " row " << r;
    }
  }
  EXPECT_TRUE(wire.columns(1).null_bitmap().empty());  // No NULLs, no bitmap.
}

TEST(BatchCodecTest, GarbledBatchesAreErrorsWithReasons) {
  RowBatch in = Sample();
  v1::RowBatch wire;
  EncodeBatch(in, &wire);
  RowBatch out(in.shared_schema());

  v1::RowBatch short_ints = wire;
  short_ints.mutable_columns(1)->mutable_ints()->RemoveLast();
  absl::Status status = DecodeBatch(short_ints, out);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("column 2"), std::string::npos) << status;

  v1::RowBatch overrun = wire;
  overrun.mutable_columns(4)->set_text_lengths(0, 1000);
  EXPECT_NE(DecodeBatch(overrun, out).message().find("runs past"), std::string::npos);

  v1::RowBatch extra = wire;
  extra.add_columns();
  EXPECT_NE(DecodeBatch(extra, out).message().find("8 columns"), std::string::npos);

  v1::Schema bad;
  bad.add_fields()->set_name("x");
  EXPECT_NE(DecodeSchema(bad).status().message().find("\"x\""), std::string::npos);
}

}  // namespace
}  // namespace tessera
