// End to end: the built `tessera` program generates a small Riverside,
// links it (full, then incremental), and scores it against the truth.

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::cli {
namespace {

using ::testing::HasSubstr;

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

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `tessera ARGS` under a 120-second limit (so a hang fails the test).
Result RunTessera(const std::string& args) {
  static int runs = 0;
  std::string base = absl::StrCat(TempDir(), "/link_run", ++runs);
  std::string command =
      absl::StrCat("timeout 120 ", TesseraPath(), " ", args, " >", base, ".out 2>", base, ".err </dev/null");
  int status = std::system(command.c_str());
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(base + ".out");
  r.err = ReadFile(base + ".err");
  return r;
}

TEST(LinkCommand, HelpAndUsageErrors) {
  Result help = RunTessera("link --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Usage: tessera link"));
  EXPECT_THAT(help.out, HasSubstr("--store"));
  Result bad = RunTessera("link --no-such-flag");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("tessera link:"));
  Result weights = RunTessera("link --match-weight 2 --possible-weight 5");
  EXPECT_EQ(weights.exit_code, 2);
  EXPECT_THAT(weights.err, HasSubstr("--possible-weight"));
  Result no_home = RunTessera(absl::StrCat("link --home ", TempDir(), "/no_such_home"));
  EXPECT_EQ(no_home.exit_code, 1);
  EXPECT_THAT(no_home.err, HasSubstr("tessera gen"));
}

TEST(LinkCommand, LinksThenUpdatesIncrementally) {
  const std::string home = TempDir() + "/link_home";
  Result gen = RunTessera(absl::StrCat("gen --home ", home, " --people 400"));
  ASSERT_EQ(gen.exit_code, 0) << gen.err;
  // `tessera gen` links what it generated, so that the views work at once.
  EXPECT_THAT(gen.out, HasSubstr("enterprise ids"));

  // The export, not whatever hub may listen at the default address.
  const std::string devices = absl::StrCat(" --devices ", home, "/data/devices/registrations.jsonl");
  Result first = RunTessera(absl::StrCat("link --home ", home, devices, " --evaluate --rebuild"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("full link"));
  EXPECT_THAT(first.out, HasSubstr("ehr.patient"));
  EXPECT_THAT(first.out, HasSubstr("devices.registration"));
  EXPECT_THAT(first.out, HasSubstr("pairs compared"));
  EXPECT_THAT(first.out, HasSubstr("precision"));
  EXPECT_THAT(first.err, HasSubstr("linked in"));  // Progress and timing on stderr.
  // The F1 printed is at least 0.98.
  size_t at = first.out.find("F1 ");
  ASSERT_NE(at, std::string::npos);
  EXPECT_GE(std::stod(first.out.substr(at + 3)), 0.98) << first.out;

  Result second = RunTessera(absl::StrCat("link --home ", home, devices));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("incremental link"));
  EXPECT_THAT(second.out, HasSubstr("(0 new or changed, 0 removed)"));
  EXPECT_THAT(second.out, HasSubstr("pairs compared 0;"));

  Result rebuild = RunTessera(absl::StrCat("link --home ", home, devices, " --rebuild"));
  ASSERT_EQ(rebuild.exit_code, 0) << rebuild.err;
  EXPECT_THAT(rebuild.out, HasSubstr("full link"));
}

}  // namespace
}  // namespace tessera::cli
