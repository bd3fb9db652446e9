// File: engine/types/double_format.h
//
// The one way the engine spells a double as text: the shortest digits that
// read back as exactly the same double, so no output format loses precision.

#ifndef TESSERA_ENGINE_TYPES_DOUBLE_FORMAT_H_
#define TESSERA_ENGINE_TYPES_DOUBLE_FORMAT_H_

#include <string>

namespace tessera {

// "0.1", "1e+300", "123456789"; "NaN", "Infinity", "-Infinity" for the
// non-finite values (as PostgreSQL prints them).
std::string FormatDouble(double v);

}  // namespace tessera

#endif  // TESSERA_ENGINE_TYPES_DOUBLE_FORMAT_H_
