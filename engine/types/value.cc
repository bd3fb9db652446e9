#include "engine/types/value.h"

#include "absl/strings/str_cat.h"
#include "engine/types/datetime.h"
#include "engine/types/decimal.h"
#include "engine/types/double_format.h"

namespace tessera {

Value Value::Date(absl::CivilDay day) { return DateFromDays(DaysFromCivil(day)); }

Value Value::Timestamp(absl::CivilSecond time) {
  return TimestampFromMicros(MicrosFromCivil(time));
}

std::string Value::ToString() const {
  if (is_null()) return "NULL";
  switch (type_.id) {
    case TypeId::kBool:
      return bool_value() ? "true" : "false";
    case TypeId::kInt64:
      return absl::StrCat(int64_value());
    case TypeId::kDouble:
      return FormatDouble(double_value());
    case TypeId::kDecimal:
      return FormatDecimal(int64_value(), type_.scale);
    case TypeId::kText:
      return text_value();
    case TypeId::kDate:
      return FormatDate(int64_value());
    case TypeId::kTimestamp:
      return FormatTimestamp(int64_value());
  }
  return "?";
}

}  // namespace tessera
