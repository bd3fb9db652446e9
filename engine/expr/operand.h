// File: engine/expr/operand.h
//
// Internal to engine/expr. An evaluated argument of an expression node: a
// column of the input batch (borrowed, not copied), a column a node computed,
// or a single value standing for every row (a constant, or anything computed
// only from constants). Kernels read an operand through Row(), which maps
// every row to 0 for a single value without a branch, so one loop serves
// column-column, column-constant and constant-constant inputs.

#ifndef TESSERA_ENGINE_EXPR_OPERAND_H_
#define TESSERA_ENGINE_EXPR_OPERAND_H_

#include <cstdint>
#include <memory>
#include <vector>

#include "absl/strings/string_view.h"
#include "engine/types/column_vector.h"
#include "engine/types/value.h"

namespace tessera::expr_internal {

class Operand {
 public:
  // A column that outlives the operand, typically one of the input batch.
  static Operand Borrow(const ColumnVector& column);
  // A computed column with one value per row.
  static Operand Own(ColumnVector column);
  // REQUIRES: column.size() == 1. The value stands for every row.
  static Operand Single(ColumnVector column);
  static Operand FromValue(const Value& value);

  Operand(Operand&&) = default;
  Operand& operator=(Operand&&) = default;

  // Another view of the same values, borrowing them.
  // REQUIRES: `*this` outlives the alias.
  Operand Alias() const;

  const DataType& type() const { return column_->type(); }
  const ColumnVector& column() const { return *column_; }
  bool is_single() const { return mask_ == 0; }

  // The index in column() holding row `row`'s value.
  int64_t Row(int64_t row) const { return row & mask_; }
  bool IsNull(int64_t row) const { return column_->IsNull(row & mask_); }
  int64_t Int(int64_t row) const { return column_->GetInt64(row & mask_); }
  double Double(int64_t row) const { return column_->GetDouble(row & mask_); }
  absl::string_view Text(int64_t row) const { return column_->GetText(row & mask_); }

  // The operand as a column of `rows` values that the caller owns: moved out
  // when computed, copied when borrowed, repeated when single.
  ColumnVector ToColumn(int64_t rows) &&;

 private:
  Operand() = default;

  std::unique_ptr<ColumnVector> owned_;
  const ColumnVector* column_ = nullptr;
  int64_t mask_ = -1;  // 0 for a single value, all ones otherwise.
};

// The number of rows a kernel computes over `args`: 1 when every argument is
// a single value (the result is then single too), else `rows`.
int64_t KernelRows(const std::vector<const Operand*>& args, int64_t rows);

// Wraps a kernel's output: single when it holds one value for a batch of
// another size, else one value per row.
Operand Result(ColumnVector column, int64_t batch_rows);

// Appends `src`'s cell at `row` to `dst`, which has the same type.
inline void AppendCell(const ColumnVector& src, int64_t row, ColumnVector* dst) {
  if (src.IsNull(row)) {
    dst->AppendNull();
  } else if (src.type().id == TypeId::kDouble) {
    dst->AppendDouble(src.GetDouble(row));
  } else if (src.type().id == TypeId::kText) {
    dst->AppendText(src.GetText(row));
  } else {
    dst->AppendInt64(src.GetInt64(row));
  }
}

// The values of `src` at `rows`, in that order.
ColumnVector Gather(const ColumnVector& src, const std::vector<int64_t>& rows);

}  // namespace tessera::expr_internal

#endif  // TESSERA_ENGINE_EXPR_OPERAND_H_
