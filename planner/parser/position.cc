// File: planner/parser/position.cc
//
// Positions in the query text for error messages: the message says
// " at position N" in characters from 1, as PostgreSQL does, and the status
// carries the byte offset so that a console can point at the place.

#include <cstdlib>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "planner/parser/parser.h"

namespace tessera {
namespace {

// The payload that carries the 0-based byte offset, as decimal text.
constexpr char kPositionPayload[] = "type.tessera.dev/tessera.SqlPosition";

// Characters (UTF-8 code points) that start in sql[0, offset).
int CountCharacters(absl::string_view sql, int offset) {
  int count = 0;
  for (int i = 0; i < offset; ++i) {
    // Continuation bytes (10xxxxxx) belong to the character before them.
    if ((static_cast<unsigned char>(sql[i]) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace

absl::Status WithPosition(absl::Status status, absl::string_view sql, int offset) {
  if (status.ok() || offset < 0 || ErrorPosition(status).has_value()) return status;
  if (offset > static_cast<int>(sql.size())) offset = static_cast<int>(sql.size());
  absl::Status result(status.code(), absl::StrCat(status.message(), " at position ",
                                                  CountCharacters(sql, offset) + 1));
  status.ForEachPayload([&result](absl::string_view type_url, const absl::Cord& payload) {
    result.SetPayload(type_url, payload);
  });
  result.SetPayload(kPositionPayload, absl::Cord(absl::StrCat(offset)));
  return result;
}

std::optional<int> ErrorPosition(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kPositionPayload);
  if (!payload.has_value()) return std::nullopt;
  int offset = 0;
  if (!absl::SimpleAtoi(std::string(*payload), &offset)) return std::nullopt;
  return offset;
}

}  // namespace tessera
