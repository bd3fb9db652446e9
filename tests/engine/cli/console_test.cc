// End to end: the built `tessera` program reads statements and console
// commands from standard input (the non-interactive path, as psql reads a
// script) over a small generated Riverside.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

extern char** environ;

namespace tessera::cli {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

std::string TesseraPath() {
  std::string root = Env("TEST_SRCDIR");
  std::string workspace = Env("TEST_WORKSPACE");
  if (root.empty()) return "bazel-bin/engine/cli/tessera";
  return absl::StrCat(root, "/", workspace.empty() ? "tessera" : workspace, "/engine/cli/tessera");
}

std::string TempDir() {
  std::string dir = Env("TEST_TMPDIR");
  return dir.empty() ? "/tmp" : dir;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A running `tessera ARGS...` with `input` on standard input (a file, so
// not a terminal), its output going to files.
class Process {
 public:
  Process(const std::vector<std::string>& args, const std::string& input) {
    static int runs = 0;
    std::string base = absl::StrCat(TempDir(), "/run", ++runs);
    std::string in_path = base + ".in";
    out_path_ = base + ".out";
    err_path_ = base + ".err";
    std::ofstream(in_path) << input;

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

  pid_t pid() const { return pid_; }

  // Waits for the exit and collects what it printed.
  Result Wait() {
    Result result;
    if (pid_ < 0) return result;
    int status = 0;
    waitpid(pid_, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    result.out = ReadFile(out_path_);
    result.err = ReadFile(err_path_);
    return result;
  }

 private:
  pid_t pid_ = -1;
  std::string out_path_;
  std::string err_path_;
};

Result RunTessera(const std::vector<std::string>& args, const std::string& input) {
  return Process(args, input).Wait();
}

class ConsoleTest : public ::testing::Test {
 protected:
  static std::string Home() { return TempDir() + "/home"; }

  static void SetUpTestSuite() {
    Result gen = RunTessera({"gen", "--home", Home(), "--people", "200"}, "");
    ASSERT_EQ(gen.exit_code, 0) << gen.out << gen.err;
  }

  // `tessera console --home HOME FLAGS...` reading `script`.
  static Result Console(const std::string& script, std::vector<std::string> flags = {}) {
    std::vector<std::string> args = {"console", "--home", Home()};
    args.insert(args.end(), flags.begin(), flags.end());
    return RunTessera(args, script);
  }

  // What `tessera query` prints for the same SQL: the trusted answer.
  static std::string Query(const std::string& sql, const std::string& format = "table") {
    Result query = RunTessera({"query", "--home", Home(), "--format", format, sql}, "");
    EXPECT_EQ(query.exit_code, 0) << query.err;
    return query.out;
  }
};

TEST_F(ConsoleTest, RunsEveryStatementInOrder) {
  Result r = Console(
      "SELECT 1 AS one; SELECT 'a;b' AS semi;\n"
      "-- a comment; not a statement\n"
      "SELECT count(*) AS patients\n"
      "FROM ehr.patient\n"
      ";\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // Each table is followed by a blank line, as psql prints it.
  EXPECT_EQ(r.out, absl::StrCat(Query("SELECT 1 AS one"), "\n", Query("SELECT 'a;b' AS semi"), "\n",
                                Query("SELECT count(*) AS patients FROM ehr.patient"), "\n"));
}

TEST_F(ConsoleTest, ErrorShowsTheLineAndACaretAndTheScriptGoesOn) {
  Result r = Console(
      "SELECT 1 AS before;\n"
      "SELECT *\n"
      "FORM ehr.patient;\n"
      "SELECT 2 AS after;\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "<stdin>:2: ERROR:  syntax error at or near \"FORM\" at position 10\n"
            "LINE 2: FORM ehr.patient\n"
            "        ^\n");
  EXPECT_THAT(r.out, AllOf(HasSubstr("before"), HasSubstr("after")));
}

TEST_F(ConsoleTest, BindErrorPointsAtTheColumn) {
  Result r = Console("SELECT nope FROM ehr.patient;\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("<stdin>:1: ERROR:  column \"nope\" does not exist"));
  EXPECT_THAT(r.err, HasSubstr("LINE 1: SELECT nope FROM ehr.patient\n"
                               "               ^\n"));
}

TEST_F(ConsoleTest, StopOnErrorStopsAtTheFirstFailure) {
  Result r = Console("SELECT 1 AS before;\nSELECT * FORM x;\nSELECT 2 AS after;\n", {"--stop-on-error"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, AllOf(HasSubstr("before"), Not(HasSubstr("after"))));
  EXPECT_THAT(r.err, HasSubstr("<stdin>:2: ERROR:  syntax error"));
}

TEST_F(ConsoleTest, RunsALastStatementWithoutSemicolon) {
  Result r = Console("SELECT 5 AS five");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Query("SELECT 5 AS five") + "\n");
}

TEST_F(ConsoleTest, QuitStopsReading) {
  Result r = Console("SELECT 1 AS first;\n\\q\nSELECT 2 AS second;\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, AllOf(HasSubstr("first"), Not(HasSubstr("second"))));
}

TEST_F(ConsoleTest, FormatFlagAndCommand) {
  Result r = Console("SELECT 1 AS a, 'x' AS b;\n\\format csv\nSELECT 2 AS c;\n", {"--format", "jsonl"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, Query("SELECT 1 AS a, 'x' AS b", "jsonl") + Query("SELECT 2 AS c", "csv"));
}

TEST_F(ConsoleTest, DescribeATable) {
  Result r = Console("\\format csv\n\\d ehr.patient\n\\d EHR.PATIENT\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // CSV ends its lines in CRLF (RFC 4180).
  EXPECT_THAT(r.out, HasSubstr("column,type,nullable,primary key,source type\r\n"
                               "patient_id,bigint,no,yes,"));
  EXPECT_THAT(r.out, HasSubstr("\nmrn,text,"));
}

TEST_F(ConsoleTest, DescribeTitlesATableAndNamesItsKey) {
  Result r = Console("\\d lab.lab_result\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Table \"lab.lab_result\""));
  EXPECT_THAT(r.out, HasSubstr("Primary key: ("));
}

TEST_F(ConsoleTest, DescribeListsEverySourcesTables) {
  Result r = Console("\\format csv\n\\d\n\\d pharmacy\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // The SQLite sources estimate their rows, so the listing shows them.
  EXPECT_THAT(r.out, HasSubstr("source,table,kind,columns,est. rows\r\n"));
  EXPECT_THAT(r.out, AllOf(HasSubstr("\nehr,patient,"), HasSubstr("\nlab,lab_result,"),
                           HasSubstr("\npharmacy,dispensing,")));
}

TEST_F(ConsoleTest, DescribeMistakesSayWhatIsThere) {
  Result r = Console("\\d patient\n\\d ehr.patiant\n\\d nowhere\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("<stdin>:1: more than one source has a table \"patient\"; name one: "
                               "ehr.patient, lab.patient"));
  EXPECT_THAT(r.err, HasSubstr("<stdin>:2: source \"ehr\" has no table \"patiant\""));
  EXPECT_THAT(r.err, HasSubstr("<stdin>:3: no source or table is named \"nowhere\""));
}

TEST_F(ConsoleTest, SourcesShowsHealth) {
  Result r = Console("\\format csv\n\\sources\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // A "problem" column follows when a source is down: the embedded
  // default's device hub runs only when started.
  EXPECT_THAT(r.out, HasSubstr("source,kind,status,latency ms,tables"));
  EXPECT_THAT(r.out, AllOf(HasSubstr("\nehr,SQLite via ODBC,up,"), HasSubstr("\nlab,SQLite via ODBC,up,"),
                           HasSubstr("\ndevices,gRPC source,")));
}

TEST_F(ConsoleTest, TimingPrintsTheTime) {
  Result r = Console("\\timing on\nSELECT 1;\n\\timing off\nSELECT 2;\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  size_t first = r.out.find("Time: ");
  ASSERT_NE(first, std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Time: ", first + 1), std::string::npos) << r.out;
}

TEST_F(ConsoleTest, UnknownCommandIsAnError) {
  Result r = Console("\\nope\nSELECT 1 AS fine;\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "<stdin>:1: invalid command \\nope (try \\? for help)\n");
  EXPECT_THAT(r.out, HasSubstr("fine"));
}

// Ctrl-C in a script cancels the running query at its source (SQLite stops
// a join that would run for minutes) and stops the script.
TEST_F(ConsoleTest, InterruptCancelsTheRunningQueryAndStopsTheScript) {
  Process console({"console", "--home", Home()},
                  "SELECT 1 AS before;\n"
                  "SELECT count(*) FROM ehr.vital_sign a, ehr.vital_sign b, ehr.procedure c;\n"
                  "SELECT 2 AS after;\n");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  absl::Time interrupted = absl::Now();
  ASSERT_EQ(kill(console.pid(), SIGINT), 0);
  Result r = console.Wait();
  EXPECT_LT(absl::Now() - interrupted, absl::Seconds(5));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "<stdin>:2: query cancelled\n");
  EXPECT_THAT(r.out, AllOf(HasSubstr("before"), Not(HasSubstr("after"))));
}

TEST_F(ConsoleTest, HelpExplainsTheConsole) {
  Result help = RunTessera({"console", "--help"}, "");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("Usage: tessera console"), HasSubstr("\\timing"), HasSubstr("Ctrl-C"),
                              HasSubstr("--stop-on-error")));
  Result top = RunTessera({"--help"}, "");
  EXPECT_THAT(top.out, HasSubstr("  console "));
  Result backslash = Console("\\?\n");
  EXPECT_THAT(backslash.out, HasSubstr("\\d SOURCE.TABLE"));
}

TEST_F(ConsoleTest, BadFlagsAreUsageErrors) {
  EXPECT_EQ(Console("", {"--format", "xml"}).exit_code, 2);
  EXPECT_EQ(Console("", {"extra"}).exit_code, 2);
  Result typo = Console("", {"--formt", "csv"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_THAT(typo.err, HasSubstr("did you mean --format?"));
}

TEST_F(ConsoleTest, MissingConfigurationIsAnError) {
  Result r = RunTessera({"console", "--home", TempDir() + "/no-such-home"}, "SELECT 1;\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("tessera gen"));
}

}  // namespace
}  // namespace tessera::cli
