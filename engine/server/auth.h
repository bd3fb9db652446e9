// File: engine/server/auth.h
//
// Who is calling. With a token file, every call must carry
// "authorization: Bearer TOKEN" with a token from the file, and runs as the
// principal the file maps it to. Without one, a caller that presented a
// client certificate runs as its common name, anyone else as "anonymous"
// (a loopback or mutual-TLS deployment).

#ifndef TESSERA_ENGINE_SERVER_AUTH_H_
#define TESSERA_ENGINE_SERVER_AUTH_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/grpcpp.h"

namespace tessera::server {

class Authenticator {
 public:
  // No tokens: callers are not asked for one.
  Authenticator() = default;

  // Reads "TOKEN PRINCIPAL" lines; blank lines and '#' comments are skipped.
  // A malformed line or a repeated token is an error naming the line.
  static absl::StatusOr<std::unique_ptr<Authenticator>> FromTokenFile(const std::string& path);
  static absl::StatusOr<std::unique_ptr<Authenticator>> FromTokenText(absl::string_view text,
                                                                      absl::string_view path);

  bool requires_token() const { return !tokens_.empty(); }
  size_t token_count() const { return tokens_.size(); }

  // The principal a call runs as, or UNAUTHENTICATED saying what is wrong
  // (never echoing the token).
  absl::StatusOr<std::string> Authenticate(const grpc::ServerContextBase& context) const;

 private:
  std::vector<std::pair<std::string, std::string>> tokens_;  // token, principal
};

}  // namespace tessera::server

#endif  // TESSERA_ENGINE_SERVER_AUTH_H_
