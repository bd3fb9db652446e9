// File: engine/expr/kernels.h
//
// Internal to engine/expr: the loops most scalar functions share. A kernel
// walks the rows once, appends NULL where an argument is NULL (the SQL rule
// for nearly every function) and otherwise calls a small inlined body that
// reads the arguments and appends the result. The body reports failure as a
// Fault, not a Status, so the hot loop builds no message until it stops.

#ifndef TESSERA_ENGINE_EXPR_KERNELS_H_
#define TESSERA_ENGINE_EXPR_KERNELS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/expr/operand.h"

namespace tessera::expr_internal {

// Why a kernel body stopped; the messages are PostgreSQL's.
enum class Fault : uint8_t {
  kNone,
  kBigintOutOfRange,     // "bigint out of range"
  kDivisionByZero,       // "division by zero"
  kNumericOverflow,      // "numeric field overflow"
  kDoubleOverflow,       // "value out of range: overflow"
  kDoubleUnderflow,      // "value out of range: underflow"
  kDateOutOfRange,       // "date out of range"
  kTimestampOutOfRange,  // "timestamp out of range"
  kNegativeLength,       // "negative substring length not allowed"
};

absl::Status FaultStatus(Fault fault);

// out[i] = body(i, &out) for rows where `a` is not NULL.
template <typename Body>
absl::StatusOr<Operand> UnaryKernel(const Operand& a, int64_t rows, const DataType& out_type,
                                    Body body) {
  const int64_t n = a.is_single() ? 1 : rows;
  ColumnVector out(out_type);
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (a.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    Fault fault = body(i, &out);
    if (fault != Fault::kNone) return FaultStatus(fault);
  }
  return Result(std::move(out), rows);
}

// out[i] = body(i, &out) for rows where neither `a` nor `b` is NULL.
template <typename Body>
absl::StatusOr<Operand> BinaryKernel(const Operand& a, const Operand& b, int64_t rows,
                                     const DataType& out_type, Body body) {
  const int64_t n = a.is_single() && b.is_single() ? 1 : rows;
  ColumnVector out(out_type);
  out.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (a.IsNull(i) || b.IsNull(i)) {
      out.AppendNull();
      continue;
    }
    Fault fault = body(i, &out);
    if (fault != Fault::kNone) return FaultStatus(fault);
  }
  return Result(std::move(out), rows);
}

// Integer division of a 128-bit value by a positive power of ten, rounding
// half away from zero (numeric rounding).
inline __int128 DivideRounded(__int128 value, __int128 divisor) {
  __int128 quotient = value / divisor;
  __int128 remainder = value % divisor;
  if (remainder < 0) remainder = -remainder;
  if (remainder * 2 >= divisor) quotient += value < 0 ? -1 : 1;
  return quotient;
}

inline bool FitsInt64(__int128 v) { return v >= INT64_MIN && v <= INT64_MAX; }

// 10^n as a 128-bit integer. REQUIRES: 0 <= n <= 38.
inline __int128 Pow10(int n) {
  __int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace tessera::expr_internal

#endif  // TESSERA_ENGINE_EXPR_KERNELS_H_
