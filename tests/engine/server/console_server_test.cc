// End to end with the built program: `tessera serve` started as a process
// on a free port, `tessera console --server` reading a script from standard
// input, its output compared with the in-process console's for the same
// script; tokens and TLS from the console's side; the server stopping on
// SIGTERM.

#include <signal.h>

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/config/home.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/server/server_harness.h"

namespace tessera::testing {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// Drops the lines that differ from run to run ("Time: 1.234 ms").
std::string WithoutTimes(const std::string& text) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StartsWith(line, "Time: ")) continue;
    absl::StrAppend(&out, line, "\n");
  }
  return out;
}

constexpr char kScript[] =
    "SELECT patient_id, family_name, birth_date FROM ehr.patient ORDER BY patient_id LIMIT 5;\n"
    "SELECT l.lab_patient_id, p.family_name\n"
    "FROM lab.patient l JOIN ehr.patient p ON l.ehr_mrn = p.mrn\n"
    "ORDER BY 1 LIMIT 3;\n"
    "\\timing on\n"
    "SELECT count(*) AS n FROM pharmacy.dispensing;\n"
    "\\timing off\n"
    "SELECT *\n"
    "FORM ehr.patient;\n"
    "SELECT nope FROM ehr.patient;\n"
    "\\format csv\n"
    "SELECT 'a,b' AS t, NULL AS n, 2.5 AS d;\n"
    "\\format table\n"
    "\\d pharmacy\n"
    "\\d pharmacy.customer\n"
    "\\d customer\n"
    "SELECT 'no semicolon' AS last";

class ConsoleServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RiversideHome();
    server_ = new Process({"serve", "--listen", "127.0.0.1:0", "--home", RiversideHome()}, "");
    std::string prefix = "listening on 127.0.0.1:";
    bool up = Eventually(
        [&] {
          std::string out = ReadFile(server_->out_path());
          size_t at = out.find(prefix);
          if (at == std::string::npos) return false;
          size_t end = out.find('\n', at);
          return end != std::string::npos &&
                 absl::SimpleAtoi(out.substr(at + prefix.size(), end - at - prefix.size()), &port_);
        },
        absl::Seconds(30));
    ASSERT_TRUE(up) << ReadFile(server_->out_path());
  }

  static void TearDownTestSuite() {
    if (server_ == nullptr) return;
    if (server_->pid() > 0) kill(server_->pid(), SIGTERM);
    stopped_ = server_->Wait(absl::Seconds(30));
    delete server_;
    server_ = nullptr;
  }

  static std::string Address() { return absl::StrCat("127.0.0.1:", port_); }

  static Process::Result Console(const std::string& script, std::vector<std::string> flags) {
    std::vector<std::string> args = {"console"};
    args.insert(args.end(), flags.begin(), flags.end());
    return Process(args, script).Wait();
  }

  static Process* server_;
  static int port_;
  static Process::Result stopped_;
};

Process* ConsoleServerTest::server_ = nullptr;
int ConsoleServerTest::port_ = 0;
Process::Result ConsoleServerTest::stopped_;

TEST_F(ConsoleServerTest, ServeSaysWhatItServes) {
  std::string out = ReadFile(server_->out_path());
  EXPECT_THAT(out, AllOf(HasSubstr(absl::StrCat("Tessera server listening on ", Address())),
                         HasSubstr(HomeConfigPath(RiversideHome())), HasSubstr("ehr"), HasSubstr("lab"),
                         HasSubstr("pharmacy"), HasSubstr("TLS: off"), HasSubstr("auth: none"),
                         HasSubstr("for use on this machine only")));
}

TEST_F(ConsoleServerTest, RemoteConsolePrintsWhatTheLocalConsolePrints) {
  Process::Result remote = Console(kScript, {"--server", Address()});
  Process::Result local = Console(kScript, {"--home", RiversideHome()});
  EXPECT_EQ(remote.exit_code, 1);  // The script has two errors.
  EXPECT_EQ(local.exit_code, 1);
  EXPECT_EQ(WithoutTimes(remote.out), WithoutTimes(local.out));
  EXPECT_EQ(remote.err, local.err);
  // The errors carry the caret under the place, from the server's details.
  EXPECT_THAT(remote.err, HasSubstr("<stdin>:8: ERROR:  syntax error at or near \"FORM\" at position 10\n"
                                    "LINE 2: FORM ehr.patient\n"
                                    "        ^\n"));
  EXPECT_THAT(remote.err, HasSubstr("LINE 1: SELECT nope FROM ehr.patient\n"
                                    "               ^\n"));
  EXPECT_THAT(remote.out, HasSubstr("Time: "));
  EXPECT_THAT(remote.out, HasSubstr("no semicolon"));
  EXPECT_THAT(remote.out, HasSubstr("Table \"pharmacy.customer\""));
}

TEST_F(ConsoleServerTest, SourcesCommandIsRefusedClearlyOverAServer) {
  Process::Result r = Console("\\sources\nSELECT 1 AS one;\n", {"--server", Address()});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("\\sources is not available over a server connection"));
  EXPECT_THAT(r.out, HasSubstr("one"));
}

TEST_F(ConsoleServerTest, AServerThatIsNotThereIsAnError) {
  Process::Result r = Console("SELECT 1;\n", {"--server", absl::StrCat("127.0.0.1:", ClosedPort())});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("<stdin>:1: ERROR:  "));
}

TEST_F(ConsoleServerTest, ServeUsageMistakes) {
  Process::Result help = Process({"serve", "--help"}, "").Wait();
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("Usage: tessera serve"), HasSubstr("tls_cert_file"), HasSubstr("token_file"),
                              HasSubstr("--listen"), HasSubstr("SIGTERM")));
  Process::Result open = Process({"serve", "--listen", "0.0.0.0:0", "--home", RiversideHome()}, "").Wait();
  EXPECT_EQ(open.exit_code, 2);
  EXPECT_THAT(open.err, HasSubstr("loopback only"));
  Process::Result missing = Process({"serve", "--config", TempDir() + "/nope.textproto"}, "").Wait();
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("cannot read server configuration file"));
  Process::Result console = Process({"console", "--token-file", "x"}, "").Wait();
  EXPECT_EQ(console.exit_code, 2);
  EXPECT_THAT(console.err, HasSubstr("--token-file needs --server"));
}

// A server with TLS and tokens, and the console's flags for them.
TEST_F(ConsoleServerTest, ConsoleSendsTokenAndTrustsTheCa) {
  ASSERT_TRUE(MakeCertificates());
  const std::string pki = CertificateDir();
  WriteFile(pki + "/console-tokens", "tok-console analyst\n");
  WriteFile(pki + "/console-token", "tok-console\n");
  WriteFile(pki + "/wrong-token", "tok-other\n");
  server::ServerSettings settings = LoopbackSettings(RiversideSources());
  settings.tls_cert_pem = ReadFile(pki + "/server.pem");
  settings.tls_key_pem = ReadFile(pki + "/server.key");
  settings.client_ca_pem = ReadFile(pki + "/ca.pem");
  settings.token_file = pki + "/console-tokens";
  absl::StatusOr<RunningServer> s = StartServer(settings);
  ASSERT_TRUE(s.ok()) << s.status();
  const std::string script = "SELECT count(*) AS n FROM ehr.patient;\n";
  std::vector<std::string> tls = {"--server",   s->address(), "--tls-ca",  pki + "/ca.pem",
                                  "--tls-cert", pki + "/client.pem", "--tls-key", pki + "/client.key"};

  std::vector<std::string> good = tls;
  good.insert(good.end(), {"--token-file", pki + "/console-token"});
  Process::Result ok = Console(script, good);
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, Console(script, {"--home", RiversideHome()}).out);

  std::vector<std::string> wrong = tls;
  wrong.insert(wrong.end(), {"--token-file", pki + "/wrong-token"});
  Process::Result refused = Console(script, wrong);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("ERROR:  the bearer token is not known to this server"));

  Process::Result no_token = Console(script, tls);
  EXPECT_EQ(no_token.exit_code, 1);
  EXPECT_THAT(no_token.err, HasSubstr("needs a bearer token"));
}

// Ctrl-C in a remote console cancels the call, and the server's query.
TEST_F(ConsoleServerTest, InterruptCancelsTheQueryOnTheServer) {
  absl::StatusOr<RunningServer> s = StartServer(LoopbackSettings(RiversideSources()));
  ASSERT_TRUE(s.ok()) << s.status();
  Process console({"console", "--server", s->address()},
                  "SELECT count(*) FROM ehr.procedure a, ehr.procedure b, ehr.procedure c;\nSELECT 'after' AS x;\n");
  ASSERT_TRUE(Eventually([&] { return s->server->running_queries() == 1; }, absl::Seconds(20)));
  kill(console.pid(), SIGINT);
  Process::Result r = console.Wait(absl::Seconds(20));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("<stdin>:1: query cancelled"));
  // A script stops at a cancelled statement, as in-process.
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("after")));
  EXPECT_TRUE(Eventually([&] { return s->server->running_queries() == 0; }, absl::Seconds(10)));
}

// Runs last in the file's order: SIGTERM stops the server cleanly.
TEST_F(ConsoleServerTest, ZzServerStopsOnSigterm) {
  TearDownTestSuite();
  EXPECT_EQ(stopped_.exit_code, 0) << stopped_.err;
  EXPECT_THAT(stopped_.out, AllOf(HasSubstr("Stopping on SIGTERM"), HasSubstr("Stopped.")));
}

}  // namespace
}  // namespace tessera::testing
