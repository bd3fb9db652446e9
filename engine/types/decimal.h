// File: engine/types/decimal.h
//
// Text conversions for the engine's fixed-point decimals (an int64 count of
// units of 10^-scale), used where sources hand decimals over as text.

#ifndef TESSERA_ENGINE_TYPES_DECIMAL_H_
#define TESSERA_ENGINE_TYPES_DECIMAL_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace tessera {

// "-12.30" for (-1230, 2).
std::string FormatDecimal(int64_t unscaled, int scale);

// Parses "-12.3", "12", ".5" or "1e2"-free decimal text into units of
// 10^-scale, rounding half away from zero past `scale` digits. Out of the
// int64 range or malformed text is InvalidArgument.
absl::StatusOr<int64_t> ParseDecimal(absl::string_view text, int scale);

// 10^n for 0 <= n <= 18.
int64_t PowerOfTen(int n);

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_DECIMAL_H_
