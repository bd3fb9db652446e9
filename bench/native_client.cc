#include "bench/native_client.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

extern char** environ;

namespace tessera::bench {
namespace {

// "Driver=...;Server=127.0.0.1;Port=55432;..." as lower-cased keys to values.
std::map<std::string, std::string> ParseConnectionString(const std::string& conn) {
  std::map<std::string, std::string> out;
  for (absl::string_view part : absl::StrSplit(conn, ';', absl::SkipWhitespace())) {
    std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
    out[absl::AsciiStrToLower(absl::StripAsciiWhitespace(kv.first))] =
        std::string(absl::StripAsciiWhitespace(kv.second));
  }
  return out;
}

// The value of the first key of `keys` present in `kv` (ODBC drivers accept
// several spellings), or an error naming the first.
absl::StatusOr<std::string> Get(const std::map<std::string, std::string>& kv,
                                std::initializer_list<const char*> keys, const std::string& source) {
  for (const char* key : keys) {
    auto it = kv.find(key);
    if (it != kv.end()) return it->second;
  }
  return absl::InvalidArgumentError(absl::StrCat("source \"", source,
                                                 "\": the connection string has no ",
                                                 *keys.begin(), "="));
}

}  // namespace

absl::StatusOr<NativeCommand> NativeClientCommand(const BenchSource& source, const std::string& sql) {
  if (source.dialect == DialectKind::kSqlite) {
    return NativeCommand{{"sqlite3", "-batch", source.sqlite_path, sql}, {}};
  }
  std::map<std::string, std::string> kv = ParseConnectionString(source.connection_string);
  absl::StatusOr<std::string> server = Get(kv, {"server", "servername", "host"}, source.name);
  absl::StatusOr<std::string> port = Get(kv, {"port"}, source.name);
  absl::StatusOr<std::string> user = Get(kv, {"uid", "user", "username"}, source.name);
  absl::StatusOr<std::string> password = Get(kv, {"pwd", "password"}, source.name);
  absl::StatusOr<std::string> database = Get(kv, {"database", "db"}, source.name);
  for (const auto* s : {&server, &port, &user, &password, &database}) {
    if (!s->ok()) return s->status();
  }
  if (source.dialect == DialectKind::kPostgres) {
    // -X: no ~/.psqlrc. psql reads the whole result before printing it (no
    // FETCH_COUNT), which is its fastest way.
    return NativeCommand{{"psql", "-X", "-q", "-A", "-t", "-h", *server, "-p", *port, "-U", *user, "-d",
                          *database, "-c", sql},
                         {absl::StrCat("PGPASSWORD=", *password)}};
  }
  // --quick streams rows as they arrive instead of buffering the result.
  return NativeCommand{{"mariadb", "--no-defaults", "--quick", "-N", "-B", "-h", *server, "-P", *port,
                        "-u", *user, "-D", *database, "-e", sql},
                       {absl::StrCat("MYSQL_PWD=", *password)}};
}

absl::Status RunToDevNull(const NativeCommand& command) {
  std::vector<char*> argv;
  for (const std::string& a : command.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  // The command's own variables come first: getenv takes the first match.
  std::vector<char*> envp;
  for (const std::string& e : command.env) envp.push_back(const_cast<char*>(e.c_str()));
  for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot start ", command.argv[0], ": ", std::strerror(rc)));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return absl::InternalError(absl::StrCat("waitpid: ", std::strerror(errno)));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return absl::InternalError(absl::StrCat(command.argv[0], " failed (wait status ", status, ")"));
  }
  return absl::OkStatus();
}

}  // namespace tessera::bench
