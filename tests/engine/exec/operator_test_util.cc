#include "tests/engine/exec/operator_test_util.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/common/status_macros.h"
#include "gtest/gtest.h"

namespace tessera::testing {

std::shared_ptr<const Schema> MakeSchema(const std::vector<std::pair<std::string, DataType>>& columns) {
  std::vector<Field> fields;
  for (const auto& [name, type] : columns) fields.push_back(Field{name, type, true});
  return std::make_shared<const Schema>(std::move(fields));
}

std::unique_ptr<ValuesOperator> Input(const std::vector<std::pair<std::string, DataType>>& columns,
                                      const std::vector<Row>& rows, int64_t batch_rows) {
  std::shared_ptr<const Schema> schema = MakeSchema(columns);
  std::vector<RowBatch> batches;
  for (size_t begin = 0; begin < rows.size(); begin += batch_rows) {
    size_t end = std::min(rows.size(), begin + static_cast<size_t>(batch_rows));
    RowBatch batch(schema);
    for (size_t r = begin; r < end; ++r) {
      for (int c = 0; c < batch.num_columns(); ++c) batch.column(c).AppendValue(rows[r][c]);
    }
    batch.SetNumRows(static_cast<int64_t>(end - begin));
    batches.push_back(std::move(batch));
  }
  return std::make_unique<ValuesOperator>(schema, std::move(batches));
}

std::unique_ptr<Expr> Col(int index, DataType type) { return Expr::Column(index, type); }
std::unique_ptr<Expr> Const(Value v) { return Expr::Constant(std::move(v)); }

std::unique_ptr<Expr> Cmp(ExprOp op, std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return Expr::Call(op, DataType::Bool(), std::move(args));
}

absl::StatusOr<std::vector<std::string>> Execute(Operator& op, TestContext& tc) {
  RETURN_IF_ERROR(op.Open(tc.ctx));
  std::vector<std::string> rows;
  RowBatch batch(op.schema());
  int64_t batches = 0;
  while (true) {
    ASSIGN_OR_RETURN(bool more, op.Next(batch));
    if (!more) {
      if (batch.num_rows() != 0) return absl::InternalError("rows returned with false");
      break;
    }
    if (batch.num_rows() == 0) return absl::InternalError("empty batch before the end");
    if (batch.num_rows() > kDefaultBatchRows) {
      return absl::InternalError(absl::StrCat("batch of ", batch.num_rows(), " rows"));
    }
    if (batch.num_columns() != op.schema()->num_fields())
      return absl::InternalError("batch of another schema");
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (batch.column(c).size() != batch.num_rows()) return absl::InternalError("column size != row count");
    }
    ++batches;
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> cells;
      for (int c = 0; c < batch.num_columns(); ++c) cells.push_back(batch.column(c).FormatCell(r));
      rows.push_back(absl::StrJoin(cells, "|"));
    }
  }
  // A finished operator keeps answering false.
  ASSIGN_OR_RETURN(bool again, op.Next(batch));
  if (again) return absl::InternalError("rows after the end");
  if (op.stats().rows_out != static_cast<int64_t>(rows.size()) || op.stats().batches_out != batches) {
    return absl::InternalError(absl::StrCat("stats say ", op.stats().rows_out, " rows in ",
                                            op.stats().batches_out, " batches; got ", rows.size(), " in ",
                                            batches));
  }
  if (tc.memory.used() != 0)
    return absl::InternalError(absl::StrCat(tc.memory.used(), " bytes still reserved"));
  return rows;
}

absl::StatusOr<std::vector<std::string>> Execute(Operator& op) {
  // The operator outlives this call and returns its memory reservation to
  // the tracker when destroyed, so the context must outlive the operator:
  // it is left allocated (a test process is short).
  auto* tc = new TestContext();
  return Execute(op, *tc);
}

std::vector<std::string> Format(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const Row& row : rows) {
    std::vector<std::string> cells;
    for (const Value& v : row) cells.push_back(v.ToString());
    out.push_back(absl::StrJoin(cells, "|"));
  }
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<std::string> ReferenceJoin(JoinType type, const std::vector<Row>& left, size_t left_width,
                                       const std::vector<Row>& right, size_t right_width,
                                       const PairPredicate& match) {
  std::vector<Row> out;
  std::vector<bool> right_matched(right.size(), false);
  // Only the text of a NULL ("NULL") matters, not its type.
  auto nulls = [](const Row&, size_t width) { return Row(width, Value::Null(DataType::Int64())); };
  for (const Row& l : left) {
    bool matched = false;
    for (size_t j = 0; j < right.size(); ++j) {
      if (!match(l, right[j])) continue;
      matched = true;
      right_matched[j] = true;
      if (JoinOutputsPairs(type)) {
        Row row = l;
        row.insert(row.end(), right[j].begin(), right[j].end());
        out.push_back(std::move(row));
      }
    }
    if (type == JoinType::kSemi && matched) out.push_back(l);
    if (type == JoinType::kAnti && !matched) out.push_back(l);
    if ((type == JoinType::kLeft || type == JoinType::kFull) && !matched) {
      Row row = l;
      Row pad = nulls(right.empty() ? Row{} : right[0], right_width);
      row.insert(row.end(), pad.begin(), pad.end());
      out.push_back(std::move(row));
    }
  }
  if (type == JoinType::kRight || type == JoinType::kFull) {
    for (size_t j = 0; j < right.size(); ++j) {
      if (right_matched[j]) continue;
      Row row = nulls(left.empty() ? Row{} : left[0], left_width);
      row.insert(row.end(), right[j].begin(), right[j].end());
      out.push_back(std::move(row));
    }
  }
  return Sorted(Format(out));
}

std::vector<std::string> Drain(Operator& op) {
  auto rows = Execute(op);
  EXPECT_TRUE(rows.ok()) << rows.status();
  return rows.ok() ? *rows : std::vector<std::string>{};
}

absl::StatusOr<bool> CountingOperator::Next(RowBatch& out) {
  ++calls_;
  ASSIGN_OR_RETURN(bool more, child_->Next(out));
  rows_pulled_ += out.num_rows();
  return more;
}

absl::StatusOr<bool> CancellingOperator::Next(RowBatch& out) {
  if (batches_ == after_) query_->Cancel();
  ++batches_;
  return child_->Next(out);
}

}  // namespace tessera::testing
