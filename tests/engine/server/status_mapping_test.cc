// Statuses across the wire: every engine code leaves as the gRPC code of the
// same meaning, and a client rebuilds the position of a SQL error from the
// trailing metadata so that the console can put its caret under it.

#include "engine/server/status_mapping.h"

#include <map>
#include <string>

#include "gtest/gtest.h"
#include "planner/parser/parser.h"

namespace tessera::server {
namespace {

TEST(StatusMapping, CodesKeepTheirMeaning) {
  const std::pair<absl::Status, grpc::StatusCode> cases[] = {
      {absl::OkStatus(), grpc::StatusCode::OK},
      {absl::InvalidArgumentError("bad"), grpc::StatusCode::INVALID_ARGUMENT},
      {absl::DeadlineExceededError("late"), grpc::StatusCode::DEADLINE_EXCEEDED},
      {absl::UnavailableError("down"), grpc::StatusCode::UNAVAILABLE},
      {absl::UnauthenticatedError("who"), grpc::StatusCode::UNAUTHENTICATED},
      {absl::PermissionDeniedError("no"), grpc::StatusCode::PERMISSION_DENIED},
      {absl::ResourceExhaustedError("memory"), grpc::StatusCode::RESOURCE_EXHAUSTED},
      {absl::CancelledError("stop"), grpc::StatusCode::CANCELLED},
      {absl::NotFoundError("table"), grpc::StatusCode::NOT_FOUND},
      {absl::InternalError("bug"), grpc::StatusCode::INTERNAL},
  };
  for (const auto& [status, code] : cases) {
    grpc::Status out = ToGrpcStatus(status, "", nullptr);
    EXPECT_EQ(out.error_code(), code) << status;
    EXPECT_EQ(out.error_message(), std::string(status.message()));
  }
}

TEST(StatusMapping, ClientRebuildsThePosition) {
  const std::string sql = "SELECT 'é', nope FROM t";
  absl::Status original = WithPosition(absl::InvalidArgumentError("column \"nope\" does not exist"), sql, 13);
  ASSERT_EQ(original.message(), "column \"nope\" does not exist at position 13");  // Characters from 1.
  std::string offset = "13";
  std::multimap<grpc::string_ref, grpc::string_ref> trailing = {{kErrorOffsetKey, offset}};
  absl::Status rebuilt = FromGrpcStatus(
      grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, std::string(original.message())), trailing, sql);
  EXPECT_EQ(rebuilt.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(rebuilt.message(), original.message());
  EXPECT_EQ(ErrorPosition(rebuilt), 13);
}

TEST(StatusMapping, NonsenseOffsetsAreIgnored) {
  const std::string sql = "SELECT 1";
  for (std::string bad : {"-1", "99", "x", ""}) {
    std::multimap<grpc::string_ref, grpc::string_ref> trailing = {{kErrorOffsetKey, bad}};
    absl::Status out = FromGrpcStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad"), trailing, sql);
    EXPECT_EQ(out.message(), "bad");
    EXPECT_FALSE(ErrorPosition(out).has_value()) << bad;
  }
}

}  // namespace
}  // namespace tessera::server
