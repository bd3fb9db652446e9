#include "engine/types/column_vector.h"

#include "absl/strings/str_cat.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/double_format.h"

namespace tessera {

void ColumnVector::Reserve(int64_t rows) {
  nulls_.reserve(rows);
  switch (type_.id) {
    case TypeId::kDouble:
      doubles_.reserve(rows);
      break;
    case TypeId::kText:
      text_ends_.reserve(rows);
      break;
    default:
      ints_.reserve(rows);
  }
}

void ColumnVector::Clear() {
  nulls_.clear();
  ints_.clear();
  doubles_.clear();
  chars_.clear();
  text_ends_.clear();
}

void ColumnVector::AppendNull() {
  nulls_.push_back(1);
  switch (type_.id) {
    case TypeId::kDouble:
      doubles_.push_back(0);
      break;
    case TypeId::kText:
      text_ends_.push_back(chars_.size());
      break;
    default:
      ints_.push_back(0);
  }
}

void ColumnVector::AppendValue(const Value& v) {
  if (v.is_null()) {
    AppendNull();
  } else if (type_.id == TypeId::kDouble) {
    AppendDouble(v.double_value());
  } else if (type_.id == TypeId::kText) {
    AppendText(v.text_value());
  } else {
    AppendInt64(v.int64_value());
  }
}

Value ColumnVector::GetValue(int64_t row) const {
  if (IsNull(row)) return Value::Null(type_);
  switch (type_.id) {
    case TypeId::kBool:
      return Value::Bool(GetBool(row));
    case TypeId::kInt64:
      return Value::Int64(GetInt64(row));
    case TypeId::kDouble:
      return Value::Double(GetDouble(row));
    case TypeId::kDecimal:
      return Value::Decimal(GetInt64(row), type_.scale);
    case TypeId::kText:
      return Value::Text(std::string(GetText(row)));
    case TypeId::kDate:
      return Value::DateFromDays(GetInt64(row));
    case TypeId::kTimestamp:
      return Value::TimestampFromMicros(GetInt64(row));
  }
  return Value::Null(type_);
}

std::string ColumnVector::FormatCell(int64_t row) const {
  if (IsNull(row)) return "NULL";
  switch (type_.id) {
    case TypeId::kBool:
      return GetBool(row) ? "true" : "false";
    case TypeId::kInt64:
      return absl::StrCat(GetInt64(row));
    case TypeId::kDouble:
      return FormatDouble(GetDouble(row));
    case TypeId::kDecimal:
      return FormatDecimal(GetInt64(row), type_.scale);
    case TypeId::kText:
      return std::string(GetText(row));
    case TypeId::kDate:
      return FormatDate(GetInt64(row));
    case TypeId::kTimestamp:
      return FormatTimestamp(GetInt64(row));
  }
  return "?";
}

int64_t ColumnVector::MemoryBytes() const {
  return nulls_.capacity() + ints_.capacity() * sizeof(int64_t) +
         doubles_.capacity() * sizeof(double) + chars_.capacity() +
         text_ends_.capacity() * sizeof(size_t);
}

}  // namespace tessera
