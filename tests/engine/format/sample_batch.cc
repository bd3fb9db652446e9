#include "tests/engine/format/sample_batch.h"

namespace tessera::testing {

std::unique_ptr<RowBatch> SampleBatch() {
  auto schema = std::make_shared<const Schema>(std::vector<Field>{
      {"id", DataType::Int64()},
      {"name", DataType::Text()},
      {"price", DataType::Decimal(2)},
      {"ratio", DataType::Double()},
      {"ok", DataType::Bool()},
      {"day", DataType::Date()},
      {"at", DataType::Timestamp()},
  });
  auto batch = std::make_unique<RowBatch>(schema);
  ColumnVector& id = batch->column(0);
  ColumnVector& name = batch->column(1);
  ColumnVector& price = batch->column(2);
  ColumnVector& ratio = batch->column(3);
  ColumnVector& ok = batch->column(4);
  ColumnVector& day = batch->column(5);
  ColumnVector& at = batch->column(6);

  id.AppendInt64(1);
  name.AppendText("apple");
  price.AppendInt64(199);
  ratio.AppendDouble(0.5);
  ok.AppendBool(true);
  day.AppendInt64(19782);            // 2024-02-29
  at.AppendInt64(1709214300000000);  // 2024-02-29 13:45:00

  id.AppendNull();
  name.AppendText("a,b \"q\"\nline");
  price.AppendInt64(-5);
  ratio.AppendNull();
  ok.AppendBool(false);
  day.AppendNull();
  at.AppendInt64(1709214300000500);

  id.AppendInt64(-20);
  name.AppendText("");
  price.AppendNull();
  ratio.AppendDouble(0.1);
  ok.AppendNull();
  day.AppendInt64(-1);  // 1969-12-31
  at.AppendNull();

  batch->SetNumRows(3);
  return batch;
}

}  // namespace tessera::testing
