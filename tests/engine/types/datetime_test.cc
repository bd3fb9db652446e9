#include "engine/types/datetime.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace tessera {
namespace {

TEST(Datetime, DaysFromCivilKnownDates) {
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1970, 1, 1)), 0);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1970, 1, 2)), 1);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1969, 12, 31)), -1);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(2000, 1, 1)), 10957);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(2000, 2, 29)), 11016);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(2024, 2, 29)), 19782);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1968, 2, 29)), -672);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1900, 1, 1)), -25567);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1600, 2, 29)), -135081);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(1, 1, 1)), -719162);
  EXPECT_EQ(DaysFromCivil(absl::CivilDay(9999, 12, 31)), 2932896);
}

TEST(Datetime, CivilFromDaysKnownDates) {
  EXPECT_EQ(CivilFromDays(0), absl::CivilDay(1970, 1, 1));
  EXPECT_EQ(CivilFromDays(-1), absl::CivilDay(1969, 12, 31));
  EXPECT_EQ(CivilFromDays(11016), absl::CivilDay(2000, 2, 29));
  EXPECT_EQ(CivilFromDays(11017), absl::CivilDay(2000, 3, 1));
  EXPECT_EQ(CivilFromDays(19782), absl::CivilDay(2024, 2, 29));
  EXPECT_EQ(CivilFromDays(-672), absl::CivilDay(1968, 2, 29));
  EXPECT_EQ(CivilFromDays(-135081), absl::CivilDay(1600, 2, 29));
  EXPECT_EQ(CivilFromDays(-719162), absl::CivilDay(1, 1, 1));
}

TEST(Datetime, DaysRoundTripThroughCivilAndText) {
  // Every 11th day across years 1 to 9999 (dates before 1970 included), plus
  // each neighbour of a step, so month and year boundaries are crossed.
  for (int64_t days = -719162; days <= 2932896; days += 11) {
    for (int64_t d : {days, days + 1}) {
      absl::CivilDay civil = CivilFromDays(d);
      ASSERT_EQ(DaysFromCivil(civil), d);
      std::string text = FormatDate(d);
      auto parsed = ParseDate(text);
      ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
      ASSERT_EQ(*parsed, d) << text;
    }
  }
}

TEST(Datetime, MicrosFromCivil) {
  EXPECT_EQ(MicrosFromCivil(absl::CivilSecond(1970, 1, 1, 0, 0, 0)), 0);
  EXPECT_EQ(MicrosFromCivil(absl::CivilSecond(1970, 1, 1, 0, 0, 1)), kMicrosPerSecond);
  EXPECT_EQ(MicrosFromCivil(absl::CivilSecond(2024, 2, 29, 13, 45, 0)), 1709214300000000);
  EXPECT_EQ(MicrosFromCivil(absl::CivilSecond(1969, 12, 31, 23, 59, 59)), -kMicrosPerSecond);
  EXPECT_EQ(MicrosFromCivil(absl::CivilSecond(1900, 3, 1, 0, 0, 1)), -2203891199000000);
}

TEST(Datetime, FormatDate) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatDate(19782), "2024-02-29");
  EXPECT_EQ(FormatDate(-719162), "0001-01-01");
  EXPECT_EQ(FormatDate(2932896), "9999-12-31");
}

TEST(Datetime, FormatTimestampOmitsZeroMicroseconds) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(1709214300000000), "2024-02-29 13:45:00");
  EXPECT_EQ(FormatTimestamp(19523 * kMicrosPerDay), "2023-06-15 00:00:00");
  EXPECT_EQ(FormatTimestamp(kMicrosPerDay - kMicrosPerSecond), "1970-01-01 23:59:59");
}

TEST(Datetime, FormatTimestampPrintsSixFractionDigits) {
  EXPECT_EQ(FormatTimestamp(1), "1970-01-01 00:00:00.000001");
  EXPECT_EQ(FormatTimestamp(1709214300000500), "2024-02-29 13:45:00.000500");
  EXPECT_EQ(FormatTimestamp(1686817805123456), "2023-06-15 08:30:05.123456");
  EXPECT_EQ(FormatTimestamp(1686817805500000), "2023-06-15 08:30:05.500000");
}

TEST(Datetime, FormatTimestampBeforeEpoch) {
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(-kMicrosPerSecond), "1969-12-31 23:59:59");
  EXPECT_EQ(FormatTimestamp(-kMicrosPerDay), "1969-12-31 00:00:00");
  EXPECT_EQ(FormatTimestamp(-kMicrosPerDay - 1), "1969-12-30 23:59:59.999999");
  EXPECT_EQ(FormatTimestamp(-2203891199000000), "1900-03-01 00:00:01");
  EXPECT_EQ(FormatTimestamp(-672 * kMicrosPerDay + 12 * 3600 * kMicrosPerSecond + 250000),
            "1968-02-29 12:00:00.250000");
}

TEST(Datetime, ParseDateAccepts) {
  EXPECT_EQ(ParseDate("1970-01-01").value(), 0);
  EXPECT_EQ(ParseDate("1969-12-31").value(), -1);
  EXPECT_EQ(ParseDate("2000-02-29").value(), 11016);
  EXPECT_EQ(ParseDate("2024-02-29").value(), 19782);
  EXPECT_EQ(ParseDate("1600-02-29").value(), -135081);
  EXPECT_EQ(ParseDate("0001-01-01").value(), -719162);
  EXPECT_EQ(ParseDate("9999-12-31").value(), 2932896);
}

TEST(Datetime, ParseDateRejectsMalformedText) {
  for (const char* text : {"", "2023-1-01", "2023-01-1", "2023/01/01", "20230101", "2023-01-01 ",
                           " 2023-01-01", "2023-01-0a", "+023-01-01", "-023-01-01", "2023-01-01T",
                           "abcd-ef-gh"}) {
    auto parsed = ParseDate(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(parsed.status().message(),
              absl::StrCat("invalid date \"", text, "\" (expected YYYY-MM-DD)"));
  }
}

TEST(Datetime, ParseDateRejectsDaysThatDoNotExist) {
  for (const char* text : {"2023-02-29", "1900-02-29", "2023-04-31", "2023-13-01", "2023-00-10",
                           "2023-01-00", "2023-01-32"}) {
    auto parsed = ParseDate(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(parsed.status().message(), absl::StrCat("date out of range: \"", text, "\""));
  }
}

TEST(Datetime, ParseTimestampAcceptsSpaceOrTSeparator) {
  EXPECT_EQ(ParseTimestamp("2024-02-29 13:45:00").value(), 1709214300000000);
  EXPECT_EQ(ParseTimestamp("2024-02-29T13:45:00").value(), 1709214300000000);
  EXPECT_EQ(ParseTimestamp("1970-01-01 00:00:00").value(), 0);
  EXPECT_EQ(ParseTimestamp("1900-03-01 00:00:01").value(), -2203891199000000);
}

TEST(Datetime, ParseTimestampAcceptsABareDateAsMidnight) {
  EXPECT_EQ(ParseTimestamp("2023-06-15").value(), 1686787200000000);
  EXPECT_EQ(ParseTimestamp("1969-12-31").value(), -kMicrosPerDay);
}

TEST(Datetime, ParseTimestampFractions) {
  EXPECT_EQ(ParseTimestamp("2023-06-15 08:30:05.123456").value(), 1686817805123456);
  EXPECT_EQ(ParseTimestamp("2023-06-15T08:30:05.5").value(), 1686817805500000);
  EXPECT_EQ(ParseTimestamp("2023-06-15 08:30:05.05").value(), 1686817805050000);
  EXPECT_EQ(ParseTimestamp("2023-06-15 08:30:05.000001").value(), 1686817805000001);
  EXPECT_EQ(ParseTimestamp("1969-12-31 23:59:59.999999").value(), -1);
  // Digits past the microsecond are dropped, not rounded.
  EXPECT_EQ(ParseTimestamp("2023-06-15 08:30:05.1234569").value(), 1686817805123456);
}

TEST(Datetime, ParseTimestampRejects) {
  for (const char* text : {"", "2023-06-1", "2023-02-29 00:00:00", "2023-02-29",
                           "2023-06-15 24:00:00", "2023-06-15 08:60:00", "2023-06-15 08:30:61",
                           "2023-06-15 08:30", "2023-06-15 ", "2023-06-15X08:30:05",
                           "2023-06-15 08-30-05", "2023-06-15 08:30:05,5", "2023-06-15 08:30:05.12a",
                           "2023-06-15 08:30:05 ", " 2023-06-15 08:30:05", "2023-06-15 8:30:05"}) {
    auto parsed = ParseTimestamp(text);
    ASSERT_FALSE(parsed.ok()) << text << " parsed as " << *parsed;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(parsed.status().message(),
              absl::StrCat("invalid timestamp \"", text, "\" (expected YYYY-MM-DD HH:MM:SS)"));
  }
}

TEST(Datetime, TimestampsRoundTripThroughText) {
  // Steps of a prime number of microseconds, crossing the epoch, so the
  // fraction, the time of day and the date all vary.
  constexpr int64_t kStep = 7919LL * 1000003LL + 17;
  for (int64_t micros = -5000 * kMicrosPerDay; micros <= 5000 * kMicrosPerDay; micros += kStep) {
    std::string text = FormatTimestamp(micros);
    auto parsed = ParseTimestamp(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status();
    ASSERT_EQ(*parsed, micros) << text;
  }
}

}  // namespace
}  // namespace tessera

namespace tessera {
namespace {

TEST(DaysFromYmdTest, AgreesWithCivilCalendarAcrossCenturiesAndLeapDays) {
  for (absl::CivilDay d(1600, 1, 1); d < absl::CivilDay(2400, 12, 31); d += 7) {
    ASSERT_EQ(DaysFromYmd(d.year(), d.month(), d.day()), DaysFromCivil(d)) << d;
  }
  EXPECT_EQ(DaysFromYmd(2000, 2, 29), DaysFromCivil(absl::CivilDay(2000, 2, 29)));
  EXPECT_EQ(DaysFromYmd(1969, 12, 31), -1);
}

}  // namespace
}  // namespace tessera
