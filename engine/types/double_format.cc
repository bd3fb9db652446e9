#include "engine/types/double_format.h"

#include <charconv>
#include <cmath>

namespace tessera {

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  // Without a precision, to_chars writes the shortest exact representation.
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  return std::string(buf, end);
}

}  // namespace tessera
