#include "engine/types/decimal.h"

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

TEST(Decimal, PowerOfTen) {
  EXPECT_EQ(PowerOfTen(0), 1);
  EXPECT_EQ(PowerOfTen(1), 10);
  EXPECT_EQ(PowerOfTen(2), 100);
  EXPECT_EQ(PowerOfTen(9), 1000000000);
  EXPECT_EQ(PowerOfTen(18), 1000000000000000000);
}

TEST(Decimal, FormatsWithScale) {
  EXPECT_EQ(FormatDecimal(1234, 2), "12.34");
  EXPECT_EQ(FormatDecimal(-1230, 2), "-12.30");
  EXPECT_EQ(FormatDecimal(100, 2), "1.00");
  EXPECT_EQ(FormatDecimal(0, 2), "0.00");
  EXPECT_EQ(FormatDecimal(123456789, 3), "123456.789");
}

TEST(Decimal, FormatsScaleZeroWithoutPoint) {
  EXPECT_EQ(FormatDecimal(0, 0), "0");
  EXPECT_EQ(FormatDecimal(12, 0), "12");
  EXPECT_EQ(FormatDecimal(-12, 0), "-12");
}

TEST(Decimal, FormatsValuesBelowOneWithLeadingZero) {
  EXPECT_EQ(FormatDecimal(5, 2), "0.05");
  EXPECT_EQ(FormatDecimal(-5, 2), "-0.05");
  EXPECT_EQ(FormatDecimal(50, 2), "0.50");
  EXPECT_EQ(FormatDecimal(99, 2), "0.99");
  EXPECT_EQ(FormatDecimal(1, 9), "0.000000001");
  EXPECT_EQ(FormatDecimal(-1, 9), "-0.000000001");
}

TEST(Decimal, FormatsInt64Extremes) {
  EXPECT_EQ(FormatDecimal(kMin, 0), "-9223372036854775808");
  EXPECT_EQ(FormatDecimal(kMin, 2), "-92233720368547758.08");
  EXPECT_EQ(FormatDecimal(kMin, 18), "-9.223372036854775808");
  EXPECT_EQ(FormatDecimal(kMax, 0), "9223372036854775807");
  EXPECT_EQ(FormatDecimal(kMax, 2), "92233720368547758.07");
}

TEST(Decimal, ParsesPlainText) {
  EXPECT_EQ(ParseDecimal("-12.3", 2).value(), -1230);
  EXPECT_EQ(ParseDecimal("12.34", 2).value(), 1234);
  EXPECT_EQ(ParseDecimal("12", 2).value(), 1200);
  EXPECT_EQ(ParseDecimal("12", 0).value(), 12);
  EXPECT_EQ(ParseDecimal(".5", 2).value(), 50);
  EXPECT_EQ(ParseDecimal("-.5", 2).value(), -50);
  EXPECT_EQ(ParseDecimal("12.", 2).value(), 1200);
  EXPECT_EQ(ParseDecimal("0.05", 2).value(), 5);
  EXPECT_EQ(ParseDecimal("+7.1", 1).value(), 71);
  EXPECT_EQ(ParseDecimal("-0", 2).value(), 0);
  EXPECT_EQ(ParseDecimal("000000000000000000000000012.5", 1).value(), 125);
  EXPECT_EQ(ParseDecimal("0.000000001", 9).value(), 1);
}

TEST(Decimal, ParsesWithSurroundingSpaces) {
  EXPECT_EQ(ParseDecimal("  3.14", 2).value(), 314);
  EXPECT_EQ(ParseDecimal("3.14   ", 2).value(), 314);
  EXPECT_EQ(ParseDecimal("  -3.14  ", 2).value(), -314);
}

TEST(Decimal, RoundsHalfAwayFromZeroAtTheScale) {
  EXPECT_EQ(ParseDecimal("0.005", 2).value(), 1);
  EXPECT_EQ(ParseDecimal("-0.005", 2).value(), -1);
  EXPECT_EQ(ParseDecimal("0.004999", 2).value(), 0);
  EXPECT_EQ(ParseDecimal("-0.004999", 2).value(), 0);
  EXPECT_EQ(ParseDecimal("1.005", 2).value(), 101);
  EXPECT_EQ(ParseDecimal("1.994", 2).value(), 199);
  EXPECT_EQ(ParseDecimal("1.995", 2).value(), 200);
  EXPECT_EQ(ParseDecimal("-1.995", 2).value(), -200);
  EXPECT_EQ(ParseDecimal("1.99999999999999999999999", 2).value(), 200);
  EXPECT_EQ(ParseDecimal("2.5", 0).value(), 3);
  EXPECT_EQ(ParseDecimal("-2.5", 0).value(), -3);
  EXPECT_EQ(ParseDecimal("2.4", 0).value(), 2);
  EXPECT_EQ(ParseDecimal("0.5", 0).value(), 1);
  // Only the first dropped digit counts: 0.0149 is below the half-way point.
  EXPECT_EQ(ParseDecimal("0.0149", 2).value(), 1);
  EXPECT_EQ(ParseDecimal("0.0150", 2).value(), 2);
}

TEST(Decimal, ParsesInt64Range) {
  EXPECT_EQ(ParseDecimal("9223372036854775807", 0).value(), kMax);
  EXPECT_EQ(ParseDecimal("-9223372036854775807", 0).value(), -kMax);
  EXPECT_EQ(ParseDecimal("92233720368547758.07", 2).value(), kMax);
  EXPECT_EQ(ParseDecimal("92233720368547758", 2).value(), 9223372036854775800);
  EXPECT_EQ(ParseDecimal("9.223372036854775807", 18).value(), kMax);
}

// INT64_MIN is inside the int64 range that ParseDecimal promises to accept,
// and FormatDecimal prints it, but the magnitude check rejects it.
TEST(Decimal, ParsesInt64Min) {
  auto parsed = ParseDecimal("-9223372036854775808", 0);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(*parsed, kMin);
  auto scaled = ParseDecimal(FormatDecimal(kMin, 2), 2);
  ASSERT_TRUE(scaled.ok()) << scaled.status();
  EXPECT_EQ(*scaled, kMin);
}

TEST(Decimal, RejectsOverflow) {
  for (auto [text, scale] : std::initializer_list<std::pair<const char*, int>>{
           {"9223372036854775808", 0},
           {"-9223372036854775809", 0},
           {"92233720368547758.08", 2},
           {"92233720368547759", 2},
           {"92233720368547758.075", 2},  // Overflows only by rounding up.
           {"99999999999999999999999999999999999999999", 0},
           {"10", 18}}) {
    auto parsed = ParseDecimal(text, scale);
    ASSERT_FALSE(parsed.ok()) << text << " scale " << scale << " parsed as " << *parsed;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().message(), absl::StrCat("invalid decimal \"", text, "\""));
  }
}

TEST(Decimal, RejectsGarbage) {
  for (const char* text : {"", " ", "-", "+", ".", "-.", " . ", "abc", "1.2.3", "1e2", "1,5",
                           "12a", "a12", "--1", "+-1", "1 2", "- 1", "0x10", "\t1", "1\n",
                           "1.5-", "NaN", "inf"}) {
    auto parsed = ParseDecimal(text, 2);
    ASSERT_FALSE(parsed.ok()) << "\"" << text << "\" parsed as " << *parsed;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().message(), absl::StrCat("invalid decimal \"", text, "\""));
  }
}

TEST(Decimal, FormatThenParseRoundTrips) {
  for (int scale : {0, 1, 2, 4, 9}) {
    for (int64_t v : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{5}, int64_t{-5}, int64_t{99},
                      int64_t{100}, int64_t{-1001}, int64_t{123456789}, int64_t{-987654321012},
                      kMax, kMin + 1}) {
      std::string text = FormatDecimal(v, scale);
      auto parsed = ParseDecimal(text, scale);
      ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
      EXPECT_EQ(*parsed, v) << text << " scale " << scale;
    }
  }
}

}  // namespace
}  // namespace tessera
