#include "engine/types/data_type.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"

namespace tessera {

std::string DataType::ToString() const {
  switch (id) {
    case TypeId::kBool:
      return "boolean";
    case TypeId::kInt64:
      return "bigint";
    case TypeId::kDouble:
      return "double precision";
    case TypeId::kDecimal:
      return absl::StrCat("decimal(18,", scale, ")");
    case TypeId::kText:
      return "text";
    case TypeId::kDate:
      return "date";
    case TypeId::kTimestamp:
      return "timestamp";
  }
  return "unknown";
}

std::optional<DataType> DataTypeFromString(const std::string& name) {
  for (DataType t : {DataType::Bool(), DataType::Int64(), DataType::Double(), DataType::Text(), DataType::Date(),
                     DataType::Timestamp()}) {
    if (name == t.ToString()) return t;
  }
  int precision = 0, scale = 0;
  char tail = 0;
  if (std::sscanf(name.c_str(), "decimal(%d,%d%c", &precision, &scale, &tail) == 3 && tail == ')' &&
      precision >= 1 && precision <= 18 && scale >= 0 && scale <= std::min(precision, kMaxDecimalScale)) {
    return DataType::Decimal(scale);
  }
  return std::nullopt;
}

}  // namespace tessera
