// Tests for WithPosition and ErrorPosition.

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "gtest/gtest.h"
#include "planner/parser/parser.h"

namespace tessera {
namespace {

TEST(WithPosition, AppendsTheOneBasedPositionAndKeepsTheByteOffset) {
  absl::Status status =
      WithPosition(absl::InvalidArgumentError("unknown column \"x\""), "SELECT x FROM t", 7);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "unknown column \"x\" at position 8");
  EXPECT_EQ(ErrorPosition(status), 7);
}

TEST(WithPosition, CountsCharactersNotBytes) {
  // "é" and "—" are two and three bytes; "x" is the fourth character.
  absl::Status status = WithPosition(absl::InvalidArgumentError("here"), "é—'x", 6);
  EXPECT_EQ(status.message(), "here at position 4");
  EXPECT_EQ(ErrorPosition(status), 6);
}

TEST(WithPosition, PointsPastTheEndAtMost) {
  absl::Status status = WithPosition(absl::InvalidArgumentError("incomplete"), "SELECT", 99);
  EXPECT_EQ(status.message(), "incomplete at position 7");
  EXPECT_EQ(ErrorPosition(status), 6);
}

TEST(WithPosition, LeavesStatusesWithoutAPlaceAlone) {
  absl::Status unknown = WithPosition(absl::InvalidArgumentError("somewhere"), "SELECT 1", -1);
  EXPECT_EQ(unknown.message(), "somewhere");
  EXPECT_EQ(ErrorPosition(unknown), std::nullopt);
  EXPECT_TRUE(WithPosition(absl::OkStatus(), "SELECT 1", 3).ok());
}

TEST(WithPosition, AddsAPositionOnlyOnce) {
  absl::Status inner = WithPosition(absl::InvalidArgumentError("bad"), "SELECT 1", 7);
  absl::Status outer = WithPosition(inner, "SELECT 1", 0);
  EXPECT_EQ(outer.message(), "bad at position 8");
  EXPECT_EQ(ErrorPosition(outer), 7);
}

TEST(WithPosition, KeepsCodeAndOtherPayloads) {
  absl::Status status = absl::UnavailableError("lab is down");
  status.SetPayload("type.tessera.dev/source", absl::Cord("lab"));
  absl::Status positioned = WithPosition(status, "SELECT * FROM lab.x", 14);
  EXPECT_EQ(positioned.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(positioned.GetPayload("type.tessera.dev/source"), absl::Cord("lab"));
}

TEST(ErrorPosition, IsEmptyForOtherStatuses) {
  EXPECT_EQ(ErrorPosition(absl::OkStatus()), std::nullopt);
  EXPECT_EQ(ErrorPosition(absl::InvalidArgumentError("at position 3")), std::nullopt);
}

}  // namespace
}  // namespace tessera
