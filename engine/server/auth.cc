#include "engine/server/auth.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace tessera::server {
namespace {

// Compares in time that depends on the lengths only, so that response
// times do not reveal how much of a guessed token was right.
bool SameSecret(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Authenticator>> Authenticator::FromTokenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the token file ", path));
  std::stringstream text;
  text << in.rdbuf();
  return FromTokenText(text.str(), path);
}

absl::StatusOr<std::unique_ptr<Authenticator>> Authenticator::FromTokenText(absl::string_view text,
                                                                            absl::string_view path) {
  auto auth = std::make_unique<Authenticator>();
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> words = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (words.size() != 2) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": line ", line_number,
                                                     ": expected \"TOKEN PRINCIPAL\", found ", words.size(),
                                                     " words"));
    }
    for (const auto& [token, principal] : auth->tokens_) {
      if (token == words[0]) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": line ", line_number, ": this token is already given to \"", principal, "\""));
      }
    }
    auth->tokens_.emplace_back(std::string(words[0]), std::string(words[1]));
  }
  if (auth->tokens_.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": holds no tokens; every call would be refused"));
  }
  return auth;
}

absl::StatusOr<std::string> Authenticator::Authenticate(const grpc::ServerContextBase& context) const {
  if (!requires_token()) {
    std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
    if (auth != nullptr) {
      std::vector<grpc::string_ref> names = auth->FindPropertyValues("x509_common_name");
      if (!names.empty()) return std::string(names[0].data(), names[0].size());
    }
    return std::string("anonymous");
  }
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError("this server needs a bearer token (metadata \"authorization: Bearer TOKEN\")");
  }
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::StartsWithIgnoreCase(value, "Bearer ")) {
    return absl::UnauthenticatedError("the authorization metadata must be \"Bearer TOKEN\"");
  }
  absl::string_view presented = absl::StripAsciiWhitespace(value.substr(7));
  const std::string* principal = nullptr;
  for (const auto& [token, who] : tokens_) {
    if (SameSecret(token, presented)) principal = &who;
  }
  if (principal == nullptr) return absl::UnauthenticatedError("the bearer token is not known to this server");
  return *principal;
}

}  // namespace tessera::server
