#include "engine/expr/operand.h"

namespace tessera::expr_internal {

Operand Operand::Borrow(const ColumnVector& column) {
  Operand op;
  op.column_ = &column;
  return op;
}

Operand Operand::Alias() const {
  Operand op;
  op.column_ = column_;
  op.mask_ = mask_;
  return op;
}

Operand Operand::Own(ColumnVector column) {
  Operand op;
  op.owned_ = std::make_unique<ColumnVector>(std::move(column));
  op.column_ = op.owned_.get();
  return op;
}

Operand Operand::Single(ColumnVector column) {
  Operand op = Own(std::move(column));
  op.mask_ = 0;
  return op;
}

Operand Operand::FromValue(const Value& value) {
  ColumnVector column(value.type());
  column.AppendValue(value);
  return Single(std::move(column));
}

ColumnVector Operand::ToColumn(int64_t rows) && {
  if (!is_single()) {
    if (owned_ != nullptr) return std::move(*owned_);
    return *column_;
  }
  ColumnVector out(column_->type());
  out.Reserve(rows);
  for (int64_t i = 0; i < rows; ++i) AppendCell(*column_, 0, &out);
  return out;
}

int64_t KernelRows(const std::vector<const Operand*>& args, int64_t rows) {
  for (const Operand* arg : args) {
    if (!arg->is_single()) return rows;
  }
  return 1;
}

Operand Result(ColumnVector column, int64_t batch_rows) {
  if (column.size() == 1 && batch_rows != 1) return Operand::Single(std::move(column));
  return Operand::Own(std::move(column));
}

ColumnVector Gather(const ColumnVector& src, const std::vector<int64_t>& rows) {
  ColumnVector out(src.type());
  out.Reserve(static_cast<int64_t>(rows.size()));
  switch (src.type().id) {
    case TypeId::kDouble:
      for (int64_t r : rows) {
        if (src.IsNull(r)) {
          out.AppendNull();
        } else {
          out.AppendDouble(src.GetDouble(r));
        }
      }
      break;
    case TypeId::kText:
      for (int64_t r : rows) {
        if (src.IsNull(r)) {
          out.AppendNull();
        } else {
          out.AppendText(src.GetText(r));
        }
      }
      break;
    default:
      for (int64_t r : rows) {
        if (src.IsNull(r)) {
          out.AppendNull();
        } else {
          out.AppendInt64(src.GetInt64(r));
        }
      }
  }
  return out;
}

}  // namespace tessera::expr_internal
