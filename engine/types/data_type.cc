#include "engine/types/data_type.h"

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

}  // namespace tessera
