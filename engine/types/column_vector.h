// File: engine/types/column_vector.h
//
// One column of a row batch: values of one type stored contiguously, with a
// null mask. Integer-backed types (bool, int64, decimal, date, timestamp)
// share one int64 array; text is one byte buffer plus end offsets, so a batch
// of strings is two allocations rather than one per value.

#ifndef TESSERA_ENGINE_TYPES_COLUMN_VECTOR_H_
#define TESSERA_ENGINE_TYPES_COLUMN_VECTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "engine/types/data_type.h"
#include "engine/types/value.h"

namespace tessera {

class ColumnVector {
 public:
  explicit ColumnVector(DataType type) : type_(type) {}

  const DataType& type() const { return type_; }
  int64_t size() const { return static_cast<int64_t>(nulls_.size()); }

  void Reserve(int64_t rows);
  // Removes every value, keeping the allocated capacity for the next batch.
  void Clear();

  void AppendNull();
  // REQUIRES: the column's type is integer-backed (see DataType).
  void AppendInt64(int64_t v) {
    nulls_.push_back(0);
    ints_.push_back(v);
  }
  void AppendBool(bool v) { AppendInt64(v ? 1 : 0); }
  // REQUIRES: type is double.
  void AppendDouble(double v) {
    nulls_.push_back(0);
    doubles_.push_back(v);
  }
  // REQUIRES: type is text.
  void AppendText(absl::string_view v) {
    nulls_.push_back(0);
    chars_.append(v.data(), v.size());
    text_ends_.push_back(chars_.size());
  }
  // Appends `v`, which must be of this column's type or NULL.
  void AppendValue(const Value& v);

  bool IsNull(int64_t row) const { return nulls_[row] != 0; }
  int64_t GetInt64(int64_t row) const { return ints_[row]; }
  bool GetBool(int64_t row) const { return ints_[row] != 0; }
  double GetDouble(int64_t row) const { return doubles_[row]; }
  absl::string_view GetText(int64_t row) const {
    size_t begin = row == 0 ? 0 : text_ends_[row - 1];
    return absl::string_view(chars_).substr(begin, text_ends_[row] - begin);
  }
  Value GetValue(int64_t row) const;

  // The cell as the engine prints it ("NULL" for NULL), see Value::ToString.
  std::string FormatCell(int64_t row) const;

  // Bytes held by the column's buffers, for memory accounting.
  int64_t MemoryBytes() const;

 private:
  DataType type_;
  std::vector<uint8_t> nulls_;  // 1 where NULL; one entry per row.
  // Exactly one of these grows with the rows, by type. NULL rows hold a zero
  // or an empty string so that row indexes line up.
  std::vector<int64_t> ints_;
  std::vector<double> doubles_;
  std::string chars_;
  std::vector<size_t> text_ends_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_COLUMN_VECTOR_H_
