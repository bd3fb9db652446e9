// File: engine/expr/utf8.h
//
// Internal to engine/expr: the little UTF-8 the text functions need. Text
// functions count characters (code points) as PostgreSQL does in a UTF-8
// database. Malformed bytes count as one character each, so broken input
// still makes progress instead of failing deep inside a batch.

#ifndef TESSERA_ENGINE_EXPR_UTF8_H_
#define TESSERA_ENGINE_EXPR_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::expr_internal {

inline bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// True when every byte is below 0x80, so bytes and characters coincide.
inline bool IsAscii(absl::string_view s) {
  unsigned char any = 0;
  for (char c : s) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

inline int64_t CountChars(absl::string_view s) {
  int64_t n = 0;
  for (char c : s) n += !IsContinuationByte(c);
  return n;
}

// The byte offset where character `n` (0-based) starts, or s.size() when the
// text has n characters or fewer.
inline size_t ByteOffsetOfChar(absl::string_view s, int64_t n) {
  size_t pos = 0;
  while (n > 0 && pos < s.size()) {
    ++pos;
    while (pos < s.size() && IsContinuationByte(s[pos])) ++pos;
    --n;
  }
  return pos;
}

// Marks a malformed byte decoded as itself; EncodeChar writes it back
// unchanged, and it equals no code point.
inline constexpr char32_t kRawByte = 0x80000000;

// The code point at *pos, advancing *pos past it. A malformed byte decodes
// as kRawByte | byte and advances by one.
inline char32_t DecodeChar(absl::string_view s, size_t* pos) {
  const unsigned char lead = static_cast<unsigned char>(s[*pos]);
  int length = 1;
  char32_t cp = lead;
  if (lead >= 0xC0 && lead < 0xE0) {
    length = 2;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead < 0xF0) {
    length = 3;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead < 0xF8) {
    length = 4;
    cp = lead & 0x07;
  }
  if (lead < 0x80) {
    ++*pos;
    return lead;
  }
  if (length == 1 || *pos + length > s.size()) {
    ++*pos;
    return kRawByte | lead;
  }
  for (int k = 1; k < length; ++k) {
    const char c = s[*pos + k];
    if (!IsContinuationByte(c)) {
      ++*pos;
      return kRawByte | lead;
    }
    cp = (cp << 6) | (static_cast<unsigned char>(c) & 0x3F);
  }
  *pos += length;
  return cp;
}

inline void EncodeChar(char32_t cp, std::string* out) {
  if (cp & kRawByte) {
    out->push_back(static_cast<char>(cp & 0xFF));
  } else if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace tessera::expr_internal

#endif  // TESSERA_ENGINE_EXPR_UTF8_H_
