// Jaro, Jaro-Winkler and Soundex against the values published with them.

#include "engine/identity/string_comparators.h"

#include "engine/identity/blocking.h"
#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

// Winkler (1990) and the Census Bureau's comparator tables: MARTHA/MARHTA,
// DWAYNE/DUANE and DIXON/DICKSONX are the textbook cases.
TEST(JaroWinkler, MatchesPublishedValues) {
  EXPECT_NEAR(Jaro("martha", "marhta"), 0.944, 0.001);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.961, 0.001);
  EXPECT_NEAR(Jaro("dwayne", "duane"), 0.822, 0.001);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.840, 0.001);
  EXPECT_NEAR(Jaro("dixon", "dicksonx"), 0.767, 0.001);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.813, 0.001);
}

TEST(JaroWinkler, EdgeCases) {
  EXPECT_EQ(Jaro("", ""), 0.0);
  EXPECT_EQ(Jaro("abc", ""), 0.0);
  EXPECT_EQ(JaroWinkler("same", "same"), 1.0);
  EXPECT_EQ(Jaro("abc", "xyz"), 0.0);
  // Symmetric, and the prefix bonus never pushes past 1.
  EXPECT_DOUBLE_EQ(JaroWinkler("jonathan", "johnathan"), JaroWinkler("johnathan", "jonathan"));
  EXPECT_LE(JaroWinkler("abcdefgh", "abcdefgx", 0.25), 1.0);
  // Names longer than the inline buffers still work.
  std::string a(100, 'a'), b(100, 'a');
  b[50] = 'b';
  EXPECT_GT(JaroWinkler(a, b), 0.98);
}

// The examples of the US National Archives' Soundex rules.
TEST(Soundex, FollowsTheAmericanRules) {
  EXPECT_EQ(Soundex("Robert"), "R163");
  EXPECT_EQ(Soundex("Rupert"), "R163");
  EXPECT_EQ(Soundex("Ashcraft"), "A261");  // h does not separate s and c.
  EXPECT_EQ(Soundex("Tymczak"), "T522");
  EXPECT_EQ(Soundex("Pfister"), "P236");   // f has the first letter's code.
  EXPECT_EQ(Soundex("Honeyman"), "H555");
  EXPECT_EQ(Soundex("Lee"), "L000");
  EXPECT_EQ(Soundex(""), "");
}

}  // namespace
}  // namespace tessera::identity
