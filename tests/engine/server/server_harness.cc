#include "tests/engine/server/server_harness.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/catalog/source_registry.h"
#include "engine/common/status_macros.h"
#include "engine/config/config_loader.h"
#include "engine/config/home.h"
#include "engine/session/session.h"
#include "engine/wire/batch_codec.h"
#include "gtest/gtest.h"

extern char** environ;

namespace tessera::testing {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

void AddRows(const RowBatch& batch, std::vector<std::vector<std::string>>& rows) {
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    std::vector<std::string> row;
    for (int c = 0; c < batch.num_columns(); ++c) row.push_back(batch.column(c).GetValue(r).ToString());
    rows.push_back(std::move(row));
  }
}

// Keeps the rows a Session writes.
class CollectingWriter : public ResultWriter {
 public:
  explicit CollectingWriter(StreamResult* out) : out_(out) {}
  void Begin(const Schema& schema) override {
    out_->order += "S";
    for (const Field& f : schema.fields()) out_->columns.push_back(f.name);
  }
  void Write(const RowBatch& batch) override {
    out_->order += "B";
    AddRows(batch, out_->rows);
  }
  void End(int64_t) override { out_->order += "M"; }

 private:
  StreamResult* out_;
};

}  // namespace

std::string TempDir() {
  std::string dir = Env("TEST_TMPDIR");
  return dir.empty() ? "/tmp" : dir;
}

std::string TesseraPath() {
  std::string root = Env("TEST_SRCDIR");
  std::string workspace = Env("TEST_WORKSPACE");
  if (root.empty()) return "bazel-bin/engine/cli/tessera";
  return absl::StrCat(root, "/", workspace.empty() ? "tessera" : workspace, "/engine/cli/tessera");
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

Process::Process(const std::vector<std::string>& args, const std::string& input) {
  static int runs = 0;
  std::string base = absl::StrCat(TempDir(), "/proc", getpid(), "_", ++runs);
  std::string in_path = base + ".in";
  out_path_ = base + ".out";
  err_path_ = base + ".err";
  WriteFile(in_path, input);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 0, in_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&files, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&files, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::string program = TesseraPath();
  std::vector<std::string> owned = args;
  std::vector<char*> argv = {program.data()};
  for (std::string& arg : owned) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int error = posix_spawn(&pid_, program.c_str(), &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (error != 0) {
    ADD_FAILURE() << "cannot run " << program << ": error " << error;
    pid_ = -1;
  }
}

Process::Result Process::Wait(absl::Duration timeout) {
  Result result;
  if (pid_ < 0) return result;
  int status = 0;
  absl::Time give_up = absl::Now() + timeout;
  while (waitpid(pid_, &status, WNOHANG) == 0) {
    if (absl::Now() > give_up) {
      ADD_FAILURE() << "process " << pid_ << " still running after " << timeout << "; killed";
      kill(pid_, SIGKILL);
      waitpid(pid_, &status, 0);
      break;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  pid_ = -1;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out_path_);
  result.err = ReadFile(err_path_);
  return result;
}

const std::string& RiversideHome() {
  static const std::string* home = [] {
    auto* dir = new std::string(absl::StrCat(TempDir(), "/riverside"));
    Process::Result gen = Process({"gen", "--home", *dir, "--people", "200"}, "").Wait(absl::Seconds(120));
    EXPECT_EQ(gen.exit_code, 0) << gen.out << gen.err;
    return dir;
  }();
  return *home;
}

config::TesseraConfig RiversideSources() {
  absl::StatusOr<config::TesseraConfig> cfg = LoadConfig(HomeConfigPath(RiversideHome()));
  EXPECT_TRUE(cfg.ok()) << cfg.status();
  return cfg.ok() ? *cfg : config::TesseraConfig();
}

absl::StatusOr<config::TesseraConfig> ServerSources() {
  std::string pg = Env("TESSERA_PG_CONN");
  std::string maria = Env("TESSERA_MARIADB_CONN");
  if (pg.empty() || maria.empty()) {
    return absl::UnavailableError("TESSERA_PG_CONN and TESSERA_MARIADB_CONN are not set (no test servers)");
  }
  config::TesseraConfig cfg;
  config::Source* ehr = cfg.add_source();
  ehr->set_name("ehr");
  ehr->mutable_odbc()->set_connection_string(pg);
  ehr->mutable_odbc()->set_dialect(config::POSTGRESQL);
  ehr->mutable_odbc()->set_schema("ehr");
  config::Source* lab = cfg.add_source();
  lab->set_name("lab");
  lab->mutable_odbc()->set_connection_string(maria);
  lab->mutable_odbc()->set_dialect(config::MARIADB);
  lab->mutable_odbc()->set_schema("lab");
  return cfg;
}

server::ServerSettings LoopbackSettings(const config::TesseraConfig& sources) {
  server::ServerSettings settings;
  settings.listen_address = "127.0.0.1:0";
  settings.sources = sources;
  settings.sources_path = "(test)";
  return settings;
}

int ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

absl::StatusOr<RunningServer> StartServer(const server::ServerSettings& settings) {
  RunningServer running;
  ASSIGN_OR_RETURN(running.server, server::TesseraServer::Start(settings));
  running.channel = grpc::CreateChannel(running.server->address(), grpc::InsecureChannelCredentials());
  running.stub = v1::QueryService::NewStub(running.channel);
  return running;
}

StreamResult Execute(v1::QueryService::Stub& stub, const std::string& sql,
                     const std::function<void(grpc::ClientContext&)>& prepare) {
  StreamResult result;
  grpc::ClientContext context;
  // Nothing in a test may hang.
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  if (prepare) prepare(context);
  v1::ExecuteQueryRequest request;
  request.set_sql(sql);
  std::unique_ptr<grpc::ClientReader<v1::ExecuteQueryResponse>> reader = stub.ExecuteQuery(&context, request);
  v1::ExecuteQueryResponse message;
  std::unique_ptr<RowBatch> batch;
  while (reader->Read(&message)) {
    switch (message.part_case()) {
      case v1::ExecuteQueryResponse::kSchema: {
        result.order += "S";
        absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(message.schema());
        EXPECT_TRUE(schema.ok()) << schema.status();
        if (!schema.ok()) break;
        for (const Field& f : (*schema)->fields()) result.columns.push_back(f.name);
        batch = std::make_unique<RowBatch>(*schema);
        break;
      }
      case v1::ExecuteQueryResponse::kBatch: {
        result.order += "B";
        EXPECT_NE(batch, nullptr) << "a batch before the schema";
        if (batch == nullptr) break;
        absl::Status decoded = DecodeBatch(message.batch(), *batch);
        EXPECT_TRUE(decoded.ok()) << decoded;
        AddRows(*batch, result.rows);
        break;
      }
      case v1::ExecuteQueryResponse::kSummary:
        result.order += "M";
        result.summary = message.summary();
        break;
      case v1::ExecuteQueryResponse::PART_NOT_SET:
        ADD_FAILURE() << "an empty message";
    }
  }
  result.status = reader->Finish();
  for (const auto& [key, value] : context.GetServerTrailingMetadata()) {
    result.trailing.emplace(std::string(key.data(), key.size()), std::string(value.data(), value.size()));
  }
  return result;
}

absl::StatusOr<StreamResult> ExecuteInProcess(const config::TesseraConfig& sources, const std::string& sql) {
  ASSIGN_OR_RETURN(std::unique_ptr<SourceRegistry> registry, SourceRegistry::Create(sources));
  Session session(registry.get());
  ASSIGN_OR_RETURN(std::vector<ast::Statement> statements, session.Parse(sql));
  StreamResult result;
  CollectingWriter writer(&result);
  QueryContext ctx;
  ASSIGN_OR_RETURN(StatementResult done, session.Execute(statements.at(0), sql, ctx, writer));
  result.summary.set_row_count(done.rows);
  return result;
}

std::string CertificateDir() { return TempDir() + "/pki"; }

bool MakeCertificates() {
  const std::string d = CertificateDir();
  const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  std::string script = absl::StrCat(
      "set -e; mkdir -p ", d, "; cd ", d, ";",
      "openssl req -x509 ", key, " -keyout ca.key -out ca.pem -days 2 -subj '/CN=Tessera Test CA' 2>/dev/null;",
      "openssl req -x509 ", key, " -keyout other-ca.key -out other-ca.pem -days 2 -subj '/CN=Other CA' 2>/dev/null;",
      "openssl req ", key, " -keyout server.key -out server.csr -subj '/CN=localhost' 2>/dev/null;",
      "printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > server.ext;",
      "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 ",
      "-extfile server.ext 2>/dev/null;",
      "openssl req ", key, " -keyout client.key -out client.csr -subj '/CN=clinic-app' 2>/dev/null;",
      "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out client.pem -days 2 2>/dev/null;",
      "openssl req ", key, " -keyout stranger.key -out stranger.csr -subj '/CN=stranger' 2>/dev/null;",
      "openssl x509 -req -in stranger.csr -CA other-ca.pem -CAkey other-ca.key -CAcreateserial ",
      "-out stranger.pem -days 2 2>/dev/null;");
  return std::system(absl::StrCat("bash -c \"", script, "\"").c_str()) == 0;
}

bool Eventually(const std::function<bool()>& condition, absl::Duration timeout) {
  absl::Time give_up = absl::Now() + timeout;
  while (true) {
    if (condition()) return true;
    if (absl::Now() > give_up) return false;
    absl::SleepFor(absl::Milliseconds(20));
  }
}

}  // namespace tessera::testing
