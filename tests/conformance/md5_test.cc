#include "tests/conformance/md5.h"

#include <string>

#include "gtest/gtest.h"

namespace tessera::slt {
namespace {

// The test suite of RFC 1321, appendix A.5.
TEST(Md5, MatchesRfc1321Vectors) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("a"), "0cc175b9c0f1b6a831c399e269772661");
  EXPECT_EQ(Md5Hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(Md5Hex("message digest"), "f96b697d7cb7938d525a2f31aaf161d0");
  EXPECT_EQ(Md5Hex("abcdefghijklmnopqrstuvwxyz"), "c3fcd3d76192e4007dfb496cca67e13b");
  EXPECT_EQ(Md5Hex("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
            "d174ab98d277d9f5a5611c2c9f419d9f");
  EXPECT_EQ(Md5Hex("1234567890123456789012345678901234567890123456789012345678901234567890"
                   "1234567890"),
            "57edf4a22be3c955ac49da2e2107b67a");
}

// Feeding the message in pieces that straddle block boundaries gives the
// same digest as feeding it at once.
TEST(Md5, IncrementalUpdatesMatchOneShot) {
  std::string message;
  for (int i = 0; i < 1000; ++i) message += std::to_string(i) + "\n";
  Md5 md5;
  for (size_t pos = 0; pos < message.size(); pos += 37) md5.Update(message.substr(pos, 37));
  EXPECT_EQ(md5.HexDigest(), Md5Hex(message));
}

// Lengths around the 56-byte padding boundary.
TEST(Md5, PaddingBoundaries) {
  EXPECT_EQ(Md5Hex(std::string(55, 'a')), "ef1772b6dff9a122358552954ad0df65");
  EXPECT_EQ(Md5Hex(std::string(56, 'a')), "3b0c8ac703f828b04c6c197006d17218");
  EXPECT_EQ(Md5Hex(std::string(64, 'a')), "014842d480b571495a4a0363793f7367");
}

}  // namespace
}  // namespace tessera::slt
