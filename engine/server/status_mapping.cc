#include "engine/server/status_mapping.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "planner/parser/parser.h"

namespace tessera::server {
namespace {

// Characters (UTF-8 code points) that start in sql[0, offset).
int CountCharacters(absl::string_view sql, int offset) {
  int count = 0;
  for (int i = 0; i < offset && i < static_cast<int>(sql.size()); ++i) {
    if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view sql,
                          grpc::ServerContextBase* context) {
  if (status.ok()) return grpc::Status::OK;
  std::optional<int> offset = ErrorPosition(status);
  if (offset.has_value() && *offset >= 0 && *offset <= static_cast<int>(sql.size()) && context != nullptr) {
    context->AddTrailingMetadata(kErrorOffsetKey, absl::StrCat(*offset));
    context->AddTrailingMetadata(kErrorCharacterKey, absl::StrCat(CountCharacters(sql, *offset)));
  }
  // absl::StatusCode and grpc::StatusCode share their numbering (both are
  // google.rpc.Code). The binder reports an unknown table or column as
  // NotFound; to a client that is a mistake in its query text.
  absl::StatusCode code = status.code();
  if (offset.has_value() && code == absl::StatusCode::kNotFound) code = absl::StatusCode::kInvalidArgument;
  return grpc::Status(static_cast<grpc::StatusCode>(code), std::string(status.message()));
}

absl::Status FromGrpcStatus(const grpc::Status& status,
                            const std::multimap<grpc::string_ref, grpc::string_ref>& trailing_metadata,
                            absl::string_view sql) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  auto it = trailing_metadata.find(kErrorOffsetKey);
  int offset = -1;
  if (it == trailing_metadata.end() ||
      !absl::SimpleAtoi(absl::string_view(it->second.data(), it->second.size()), &offset) || offset < 0 ||
      offset > static_cast<int>(sql.size())) {
    return result;
  }
  // WithPosition appends " at position N" itself; the server's message
  // already ends so, in the same words.
  // error_message() returns a copy; keep it alive while viewed.
  const std::string full_message = status.error_message();
  absl::string_view message = full_message;
  std::string suffix = absl::StrCat(" at position ", CountCharacters(sql, offset) + 1);
  absl::ConsumeSuffix(&message, suffix);
  return WithPosition(absl::Status(result.code(), message), sql, offset);
}

}  // namespace tessera::server
