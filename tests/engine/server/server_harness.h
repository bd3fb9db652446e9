// File: tests/engine/server/server_harness.h
//
// What the server tests share: a small Riverside generated once per test
// binary by the real `tessera gen`, a real server on 127.0.0.1 on a port
// the system picks, real gRPC stubs, a reader that keeps every part of an
// ExecuteQuery stream, and the same query run in-process as the trusted
// answer.

#ifndef TESSERA_TESTS_ENGINE_SERVER_SERVER_HARNESS_H_
#define TESSERA_TESTS_ENGINE_SERVER_SERVER_HARNESS_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/server/server.h"
#include "engine/server/server_config.h"
#include "grpcpp/grpcpp.h"
#include "proto/config.pb.h"
#include "proto/query_service.grpc.pb.h"

namespace tessera::testing {

std::string TempDir();
std::string TesseraPath();
std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);

// A spawned `tessera ARGS...` with `input` on standard input (a file), its
// output going to files.
class Process {
 public:
  Process(const std::vector<std::string>& args, const std::string& input);
  pid_t pid() const { return pid_; }
  struct Result {
    int exit_code = -1;
    std::string out;
    std::string err;
  };
  // Waits for the exit, at most `timeout` (then kills it).
  Result Wait(absl::Duration timeout = absl::Seconds(60));
  std::string out_path() const { return out_path_; }

 private:
  pid_t pid_ = -1;
  std::string out_path_;
  std::string err_path_;
};

// The folder of a Riverside of 200 people made by `tessera gen` (once).
const std::string& RiversideHome();

// Its sources: ehr, lab, pharmacy as SQLite files.
config::TesseraConfig RiversideSources();

// Sources named `ehr` (PostgreSQL schema ehr) and `lab` (MariaDB database
// lab) on the test servers; Unavailable when the environment names none.
absl::StatusOr<config::TesseraConfig> ServerSources();

// Settings for a plaintext, tokenless server on 127.0.0.1, port 0.
server::ServerSettings LoopbackSettings(const config::TesseraConfig& sources);

// A port on 127.0.0.1 that nothing listens on (bound, then closed).
int ClosedPort();

// A running server and a plaintext channel to it.
struct RunningServer {
  std::unique_ptr<server::TesseraServer> server;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::QueryService::Stub> stub;
  std::string address() const { return server->address(); }
};
absl::StatusOr<RunningServer> StartServer(const server::ServerSettings& settings);

// Everything an ExecuteQuery call returned.
struct StreamResult {
  std::string order;  // One letter per message: S(chema), B(atch), M (summary).
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // Each cell as Value::ToString.
  v1::QuerySummary summary;
  grpc::Status status;
  std::multimap<std::string, std::string> trailing;
};

// Runs `sql`; `prepare` may set a deadline or metadata first.
StreamResult Execute(v1::QueryService::Stub& stub, const std::string& sql,
                     const std::function<void(grpc::ClientContext&)>& prepare = {});

// The same query in this process over `sources`: the trusted answer.
absl::StatusOr<StreamResult> ExecuteInProcess(const config::TesseraConfig& sources, const std::string& sql);

// Makes, with the `openssl` command, in CertificateDir(): a CA (ca.pem), a
// server certificate for 127.0.0.1 it signed (server.pem, server.key), a
// client certificate it signed (client.pem, client.key, CN clinic-app), and
// a client certificate of another CA (stranger.pem, stranger.key; that CA
// is other-ca.pem). True when openssl succeeded.
bool MakeCertificates();
std::string CertificateDir();

// Polls `condition` every 20 ms until it holds or `timeout` passes.
bool Eventually(const std::function<bool()>& condition, absl::Duration timeout);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_ENGINE_SERVER_SERVER_HARNESS_H_
