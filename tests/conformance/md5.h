// File: tests/conformance/md5.h
//
// MD5 (RFC 1321), for the sqllogictest "N values hashing to H" lines only.
// The conformance runner needs the same digest the reference harness wrote
// into the test files; MD5 is not used for anything that needs security.

#ifndef TESSERA_TESTS_CONFORMANCE_MD5_H_
#define TESSERA_TESTS_CONFORMANCE_MD5_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::slt {

// An incremental MD5: feed bytes with Update, then read the digest once.
class Md5 {
 public:
  Md5();

  // Appends `data` to the message.
  void Update(absl::string_view data);

  // The digest as 32 lowercase hex digits. Ends the message: call once.
  std::string HexDigest();

 private:
  // Mixes one 64-byte block into the state.
  void Transform(const uint8_t* block);

  uint32_t state_[4];
  uint64_t length_bytes_ = 0;
  uint8_t buffer_[64];
  size_t buffered_ = 0;
};

// The lowercase hex MD5 of `data`.
std::string Md5Hex(absl::string_view data);

}  // namespace tessera::slt

#endif  // TESSERA_TESTS_CONFORMANCE_MD5_H_
