// File: engine/types/value.h
//
// One typed scalar, possibly NULL: literals in plans, parameters, and rows
// built one at a time (the generator). Bulk data travels in ColumnVector.

#ifndef TESSERA_ENGINE_TYPES_VALUE_H_
#define TESSERA_ENGINE_TYPES_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "absl/time/civil_time.h"
#include "engine/types/data_type.h"

namespace tessera {

class Value {
 public:
  // A NULL of the given type.
  static Value Null(DataType type) { return Value(type, std::monostate{}); }
  static Value Bool(bool v) { return Value(DataType::Bool(), int64_t{v}); }
  static Value Int64(int64_t v) { return Value(DataType::Int64(), v); }
  static Value Double(double v) { return Value(DataType::Double(), v); }
  // `unscaled` counts units of 10^-scale: Decimal(1234, 2) is 12.34.
  static Value Decimal(int64_t unscaled, int scale) {
    return Value(DataType::Decimal(scale), unscaled);
  }
  static Value Text(std::string v) { return Value(DataType::Text(), std::move(v)); }
  static Value Date(absl::CivilDay day);
  static Value DateFromDays(int64_t days) { return Value(DataType::Date(), days); }
  static Value Timestamp(absl::CivilSecond time);
  static Value TimestampFromMicros(int64_t micros) {
    return Value(DataType::Timestamp(), micros);
  }

  const DataType& type() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }

  // REQUIRES: !is_null() and a type of the accessor's kind.
  bool bool_value() const { return std::get<int64_t>(data_) != 0; }
  // The int64 representation of bool, int64, decimal, date and timestamp.
  int64_t int64_value() const { return std::get<int64_t>(data_); }
  double double_value() const { return std::get<double>(data_); }
  const std::string& text_value() const { return std::get<std::string>(data_); }

  // The value as the engine prints it: "NULL", "true", "12.34",
  // "2024-02-29", "2024-02-29 13:45:00". Text is returned unquoted.
  std::string ToString() const;

  friend bool operator==(const Value& a, const Value& b) {
    return a.type_ == b.type_ && a.data_ == b.data_;
  }

 private:
  using Data = std::variant<std::monostate, int64_t, double, std::string>;
  Value(DataType type, Data data) : type_(type), data_(std::move(data)) {}

  DataType type_;
  Data data_;
};

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_VALUE_H_
