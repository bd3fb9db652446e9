// File: engine/types/data_type.h
//
// The SQL types Tessera carries through every connector and operator. NULL is
// not a type: every type admits NULL, tracked by each column's null mask.

#ifndef TESSERA_ENGINE_TYPES_DATA_TYPE_H_
#define TESSERA_ENGINE_TYPES_DATA_TYPE_H_

#include <cstdint>
#include <optional>
#include <string>

namespace tessera {

enum class TypeId : uint8_t {
  kBool,
  kInt64,
  kDouble,
  kDecimal,    // Fixed point: an int64 of units of 10^-scale.
  kText,       // UTF-8.
  kDate,       // Days since 1970-01-01.
  kTimestamp,  // Microseconds since 1970-01-01 00:00:00, no time zone.
};

// A type with its parameters (only decimals have one: the scale).
struct DataType {
  TypeId id = TypeId::kText;
  int scale = 0;  // Digits after the point; meaningful for kDecimal only.

  static DataType Bool() { return {TypeId::kBool, 0}; }
  static DataType Int64() { return {TypeId::kInt64, 0}; }
  static DataType Double() { return {TypeId::kDouble, 0}; }
  static DataType Decimal(int scale) { return {TypeId::kDecimal, scale}; }
  static DataType Text() { return {TypeId::kText, 0}; }
  static DataType Date() { return {TypeId::kDate, 0}; }
  static DataType Timestamp() { return {TypeId::kTimestamp, 0}; }

  // True for types stored as int64 in a column (all but double and text).
  bool IsIntegerBacked() const {
    return id != TypeId::kDouble && id != TypeId::kText;
  }

  // SQL spelling: "boolean", "bigint", "double precision", "decimal(18,2)",
  // "text", "date", "timestamp".
  std::string ToString() const;

  friend bool operator==(const DataType& a, const DataType& b) {
    return a.id == b.id && (a.id != TypeId::kDecimal || a.scale == b.scale);
  }
  friend bool operator!=(const DataType& a, const DataType& b) { return !(a == b); }
};

// The type ToString spells `name` as ("decimal(P,S)" for any P up to 18),
// or nullopt.
std::optional<DataType> DataTypeFromString(const std::string& name);

// The largest decimal scale an int64 unscaled value can carry usefully.
inline constexpr int kMaxDecimalScale = 9;

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_DATA_TYPE_H_
