// File: engine/riverside/formats.h
//
// How each Riverside system spells dates, times and phone numbers, plus the
// SQL values the table writers build rows from. Kept together so a source's
// style is visible in one place.

#ifndef TESSERA_ENGINE_RIVERSIDE_FORMATS_H_
#define TESSERA_ENGINE_RIVERSIDE_FORMATS_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "engine/types/datetime.h"
#include "engine/types/value.h"

namespace tessera::riverside {

// "1,234,567".
std::string FormatThousands(int64_t n);

// "03/07/1948": the lab system's date of birth.
std::string UsDate(int64_t day);

// "2026-10-31T11:04:00Z": civil time in US Eastern (the clinics' local time)
// converted to UTC, as the device hub stores it.
std::string UtcIso8601(int64_t local_seconds);

// "513-867-5309", "(513) 867-5309", "+15138675309"; empty stays empty.
std::string PhoneDashed(absl::string_view digits);
std::string PhoneParens(absl::string_view digits);
std::string PhoneE164(absl::string_view digits);

// `text` as a JSON string literal, quotes included.
std::string JsonString(absl::string_view text);

// `text` as one CSV field (RFC 4180): quoted only when it holds a comma,
// quote or line break.
std::string CsvField(absl::string_view text);

// SQL values. Empty text and zero ids become NULL, as the sources leave them.
inline Value TextOrNull(absl::string_view text) {
  return text.empty() ? Value::Null(DataType::Text()) : Value::Text(std::string(text));
}
inline Value IdOrNull(int64_t id) {
  return id == 0 ? Value::Null(DataType::Int64()) : Value::Int64(id);
}
inline Value DateValue(int64_t day) { return Value::DateFromDays(day); }
inline Value TimestampValue(int64_t seconds) {
  return Value::TimestampFromMicros(seconds * kMicrosPerSecond);
}
// A measurement in units of 10^-scale, NULL when zero (not measured).
inline Value MeasuredOrNull(int64_t unscaled, int scale) {
  return unscaled == 0 ? Value::Null(DataType::Decimal(scale)) : Value::Decimal(unscaled, scale);
}

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_FORMATS_H_
