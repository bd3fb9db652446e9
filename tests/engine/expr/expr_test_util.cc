#include "tests/engine/expr/expr_test_util.h"

#include "absl/strings/str_cat.h"
#include "engine/expr/evaluate.h"
#include "engine/types/datetime.h"
#include "gtest/gtest.h"

namespace tessera::expr_test {

ExprPtr Col(int index, DataType type) { return Expr::Column(index, type); }
ExprPtr Lit(Value value) { return Expr::Constant(std::move(value)); }
ExprPtr Int(int64_t v) { return Lit(Value::Int64(v)); }
ExprPtr Dbl(double v) { return Lit(Value::Double(v)); }
ExprPtr Txt(std::string v) { return Lit(Value::Text(std::move(v))); }
ExprPtr Bool(bool v) { return Lit(Value::Bool(v)); }
ExprPtr Null(DataType type) { return Lit(Value::Null(type)); }
ExprPtr Dec(int64_t unscaled, int scale) { return Lit(Value::Decimal(unscaled, scale)); }

ExprPtr DateLit(const std::string& yyyy_mm_dd) {
  absl::StatusOr<int64_t> days = ParseDate(yyyy_mm_dd);
  EXPECT_TRUE(days.ok()) << days.status();
  return Lit(Value::DateFromDays(days.value_or(0)));
}

ExprPtr TsLit(const std::string& timestamp) {
  absl::StatusOr<int64_t> micros = ParseTimestamp(timestamp);
  EXPECT_TRUE(micros.ok()) << micros.status();
  return Lit(Value::TimestampFromMicros(micros.value_or(0)));
}

namespace {

template <typename T, typename Append>
ColumnVector Build(DataType type, const std::vector<std::optional<T>>& values, Append append) {
  ColumnVector column(type);
  for (const auto& v : values) {
    if (v.has_value()) {
      append(*v, &column);
    } else {
      column.AppendNull();
    }
  }
  return column;
}

}  // namespace

ColumnVector Ints(const std::vector<std::optional<int64_t>>& values) {
  return Build(DataType::Int64(), values, [](int64_t v, ColumnVector* c) { c->AppendInt64(v); });
}

ColumnVector Doubles(const std::vector<std::optional<double>>& values) {
  return Build(DataType::Double(), values, [](double v, ColumnVector* c) { c->AppendDouble(v); });
}

ColumnVector Texts(const std::vector<std::optional<std::string>>& values) {
  return Build(DataType::Text(), values,
               [](const std::string& v, ColumnVector* c) { c->AppendText(v); });
}

ColumnVector Bools(const std::vector<std::optional<bool>>& values) {
  return Build(DataType::Bool(), values, [](bool v, ColumnVector* c) { c->AppendBool(v); });
}

ColumnVector Decimals(int scale, const std::vector<std::optional<int64_t>>& unscaled) {
  return Build(DataType::Decimal(scale), unscaled,
               [](int64_t v, ColumnVector* c) { c->AppendInt64(v); });
}

ColumnVector Dates(const std::vector<std::optional<std::string>>& values) {
  return Build(DataType::Date(), values, [](const std::string& v, ColumnVector* c) {
    absl::StatusOr<int64_t> days = ParseDate(v);
    EXPECT_TRUE(days.ok()) << days.status();
    c->AppendInt64(days.value_or(0));
  });
}

ColumnVector Timestamps(const std::vector<std::optional<std::string>>& values) {
  return Build(DataType::Timestamp(), values, [](const std::string& v, ColumnVector* c) {
    absl::StatusOr<int64_t> micros = ParseTimestamp(v);
    EXPECT_TRUE(micros.ok()) << micros.status();
    c->AppendInt64(micros.value_or(0));
  });
}

RowBatch MakeBatch(std::vector<ColumnVector> columns) {
  std::vector<Field> fields;
  for (size_t i = 0; i < columns.size(); ++i) {
    fields.push_back(Field{absl::StrCat("c", i), columns[i].type(), true});
  }
  RowBatch batch(std::make_shared<const Schema>(std::move(fields)));
  const int64_t rows = columns.empty() ? 0 : columns[0].size();
  for (size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(columns[i].size(), rows) << "column " << i;
    batch.column(static_cast<int>(i)) = std::move(columns[i]);
  }
  batch.SetNumRows(rows);
  return batch;
}

std::vector<std::string> Cells(const ColumnVector& column) {
  std::vector<std::string> cells;
  for (int64_t i = 0; i < column.size(); ++i) cells.push_back(column.FormatCell(i));
  return cells;
}

std::vector<std::string> Eval(const Expr& expr, const RowBatch& batch) {
  absl::StatusOr<ColumnVector> result = Evaluate(expr, batch);
  if (!result.ok()) return {absl::StrCat("error: ", result.status().message())};
  EXPECT_EQ(result->type(), expr.type) << expr.ToString();
  EXPECT_EQ(result->size(), batch.num_rows()) << expr.ToString();
  return Cells(*result);
}

std::string EvalOne(const Expr& expr) {
  RowBatch batch(std::make_shared<const Schema>());
  batch.SetNumRows(1);
  std::vector<std::string> cells = Eval(expr, batch);
  EXPECT_EQ(cells.size(), 1u) << expr.ToString();
  return cells.empty() ? "" : cells[0];
}

}  // namespace tessera::expr_test
