#include "engine/config/config_loader.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "proto/config.pb.h"

namespace tessera {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kPath[] = "/etc/tessera/cfg.textproto";

constexpr char kValidConfig[] = R"pb(# Two sources.
source {
  name: "lab"
  odbc {
    connection_string: "Driver=SQLite3;Database=/data/lab.db"
    dialect: SQLITE
  }
}
source {
  name: "ehr_2"
  odbc {
    connection_string: "Driver=PostgreSQL Unicode;Server=127.0.0.1;Database=ehr"
    dialect: POSTGRESQL
    schema: "public"
    max_idle_connections: 4
    page_rows: 1000
  }
}
source { name: "b1lling" odbc { connection_string: "DSN=billing" dialect: MARIADB } }
)pb";

// The message of a failed parse of `text`, or a note that it parsed.
std::string ParseError(const std::string& text) {
  auto cfg = ParseConfig(text, kPath);
  if (cfg.ok()) return "(parsed)";
  EXPECT_EQ(cfg.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(cfg.status().message());
}

std::string TempPath(const std::string& name) {
  const char* dir = std::getenv("TEST_TMPDIR");
  return absl::StrCat(dir != nullptr ? dir : "/tmp", "/", name);
}

bool FileExists(const std::string& path) { return std::ifstream(path).good(); }

TEST(ConfigLoader, ParsesAValidConfig) {
  auto cfg = ParseConfig(kValidConfig, kPath);
  ASSERT_TRUE(cfg.ok()) << cfg.status();
  ASSERT_EQ(cfg->source_size(), 3);
  EXPECT_EQ(cfg->source(0).name(), "lab");
  EXPECT_EQ(cfg->source(0).odbc().connection_string(), "Driver=SQLite3;Database=/data/lab.db");
  EXPECT_EQ(cfg->source(0).odbc().dialect(), config::SQLITE);
  EXPECT_EQ(cfg->source(0).odbc().schema(), "");
  EXPECT_EQ(cfg->source(1).name(), "ehr_2");
  EXPECT_EQ(cfg->source(1).odbc().dialect(), config::POSTGRESQL);
  EXPECT_EQ(cfg->source(1).odbc().schema(), "public");
  EXPECT_EQ(cfg->source(1).odbc().max_idle_connections(), 4);
  EXPECT_EQ(cfg->source(1).odbc().page_rows(), 1000);
  EXPECT_EQ(cfg->source(2).name(), "b1lling");
  EXPECT_EQ(cfg->source(2).odbc().dialect(), config::MARIADB);
}

TEST(ConfigLoader, AcceptsAnEmptyConfig) {
  auto cfg = ParseConfig("# nothing yet\n", kPath);
  ASSERT_TRUE(cfg.ok()) << cfg.status();
  EXPECT_EQ(cfg->source_size(), 0);
}

TEST(ConfigLoader, SyntaxErrorNamesFileLineAndColumn) {
  // The value on line 4 lacks its colon; its quote is the 23rd character.
  EXPECT_EQ(ParseError("source {\n"
                       "  name: \"lab\"\n"
                       "  odbc {\n"
                       "    connection_string \"x\"\n"
                       "  }\n"
                       "}\n"),
            "/etc/tessera/cfg.textproto: line 4, column 23: Expected \":\", found \"\"x\"\".");
}

TEST(ConfigLoader, UnclosedBraceIsASyntaxError) {
  EXPECT_THAT(ParseError("source {\n  name: \"lab\"\n"),
              StartsWith("/etc/tessera/cfg.textproto: line 3, column 1: "));
}

TEST(ConfigLoader, UnknownFieldNamesFileLineAndColumn) {
  // Protobuf's parser reports the token after the unknown name: the colon.
  EXPECT_EQ(ParseError("source {\n"
                       "  nmae: \"lab\"\n"
                       "}\n"),
            "/etc/tessera/cfg.textproto: line 2, column 7: Message type "
            "\"tessera.config.Source\" has no field named \"nmae\".");
}

TEST(ConfigLoader, UnknownDialectNamesFileAndLine) {
  EXPECT_THAT(ParseError("source {\n"
                         "  name: \"lab\"\n"
                         "  odbc { connection_string: \"x\" dialect: ORACLE }\n"
                         "}\n"),
              AllOf(StartsWith("/etc/tessera/cfg.textproto: line 3, column "), HasSubstr("ORACLE")));
}

TEST(ConfigLoader, RejectsADuplicateSourceName) {
  std::string message = ParseError(R"pb(
source { name: "lab" odbc { connection_string: "a" dialect: SQLITE } }
source { name: "ehr" odbc { connection_string: "b" dialect: SQLITE } }
source { name: "lab" odbc { connection_string: "c" dialect: MARIADB } }
)pb");
  EXPECT_THAT(message, StartsWith("/etc/tessera/cfg.textproto: "));
  EXPECT_THAT(message, HasSubstr("source \"lab\""));
  EXPECT_THAT(message, HasSubstr(" is defined twice"));
}

TEST(ConfigLoader, RejectsBadSourceNames) {
  for (const char* name : {"Lab", "1x", "_lab", "la-b", "la b", "lab.x", ""}) {
    std::string message = ParseError(absl::StrCat(
        "source { name: \"", name, "\" odbc { connection_string: \"a\" dialect: SQLITE } }\n"));
    EXPECT_THAT(message, StartsWith("/etc/tessera/cfg.textproto: ")) << name;
    EXPECT_THAT(message, HasSubstr(absl::StrCat(
                             "source #1: name \"", name,
                             "\" must start with a lower-case letter and hold only a-z, 0-9 and '_'")))
        << name;
  }
}

TEST(ConfigLoader, BadNameCountsSourcesFromOne) {
  std::string message = ParseError(R"pb(
source { name: "ok" odbc { connection_string: "a" dialect: SQLITE } }
source { name: "Bad" odbc { connection_string: "a" dialect: SQLITE } }
)pb");
  EXPECT_THAT(message, HasSubstr("source #2: name \"Bad\""));
}

TEST(ConfigLoader, RejectsAMissingDialect) {
  std::string message =
      ParseError("source { name: \"lab\" odbc { connection_string: \"DSN=lab\" } }\n");
  EXPECT_THAT(message, StartsWith("/etc/tessera/cfg.textproto: "));
  EXPECT_THAT(message,
              HasSubstr("source \"lab\": odbc.dialect is missing (SQLITE, POSTGRESQL or MARIADB)"));
}

TEST(ConfigLoader, RejectsAnEmptyConnectionString) {
  for (const char* text : {"source { name: \"lab\" odbc { dialect: SQLITE } }\n",
                           "source { name: \"lab\" odbc { connection_string: \"\" dialect: SQLITE } }\n"}) {
    std::string message = ParseError(text);
    EXPECT_THAT(message, StartsWith("/etc/tessera/cfg.textproto: ")) << text;
    EXPECT_THAT(message, HasSubstr("source \"lab\": odbc.connection_string is empty")) << text;
  }
}

TEST(ConfigLoader, ParsesAGrpcSource) {
  auto cfg = ParseConfig(
      "source { name: \"devices\" grpc { address: \"127.0.0.1:50071\" tls_ca_file: \"/etc/ca.pem\" } }\n", kPath);
  ASSERT_TRUE(cfg.ok()) << cfg.status();
  EXPECT_EQ(cfg->source(0).grpc().address(), "127.0.0.1:50071");
  EXPECT_EQ(cfg->source(0).grpc().tls_ca_file(), "/etc/ca.pem");
}

TEST(ConfigLoader, RejectsAGrpcAddressWithoutPort) {
  EXPECT_THAT(ParseError("source { name: \"devices\" grpc { } }\n"),
              HasSubstr("line 1: source \"devices\": grpc.address is empty"));
  for (const char* address : {"localhost", "127.0.0.1:", ":50071", "127.0.0.1:50x"}) {
    std::string message =
        ParseError(absl::StrCat("source { name: \"devices\"\n grpc { address: \"", address, "\" } }\n"));
    EXPECT_THAT(message, HasSubstr(absl::StrCat("line 2: source \"devices\": grpc.address \"", address,
                                                "\" is not HOST:PORT")));
  }
}

TEST(ConfigLoader, RejectsASourceWithNoKind) {
  std::string message = ParseError("source { name: \"lab\" }\n");
  EXPECT_THAT(message, StartsWith("/etc/tessera/cfg.textproto: "));
  EXPECT_THAT(message,
              HasSubstr("source \"lab\" says nothing of how to reach it (add odbc { ... } or grpc { ... })"));
}

// The header promises that "every mistake is reported with the file and
// line", but the checks that run after parsing (bad or duplicate names, a
// missing dialect or connection string, no kind) name only the file and the
// source, so a long file leaves the reader searching.
TEST(ConfigLoader, ValidationErrorsNameTheLine) {
  const std::string duplicate = R"pb(# line 1
source { name: "lab" odbc { connection_string: "a" dialect: SQLITE } }
source {
  name: "lab"
  odbc { connection_string: "c" dialect: MARIADB }
}
)pb";
  EXPECT_THAT(ParseError(duplicate), HasSubstr("line 4"));  // The second name.
  const std::string bad_name = "\n\nsource { name: \"Lab\" odbc { connection_string: \"a\" dialect: SQLITE } }\n";
  EXPECT_THAT(ParseError(bad_name), HasSubstr("line 3"));
  const std::string no_dialect = "\nsource {\n  name: \"lab\"\n  odbc { connection_string: \"a\" }\n}\n";
  EXPECT_THAT(ParseError(no_dialect), HasSubstr("line 4"));  // The odbc block.
}

TEST(ConfigLoader, SaveThenLoadRoundTrips) {
  auto cfg = ParseConfig(kValidConfig, kPath);
  ASSERT_TRUE(cfg.ok()) << cfg.status();
  std::string path = TempPath("round_trip.textproto");
  ASSERT_TRUE(SaveConfig(*cfg, path).ok());
  EXPECT_FALSE(FileExists(path + ".tmp"));

  auto loaded = LoadConfig(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->SerializeAsString(), cfg->SerializeAsString());
  EXPECT_EQ(loaded->DebugString(), cfg->DebugString());

  std::ifstream in(path);
  std::string first_line;
  std::getline(in, first_line);
  EXPECT_EQ(first_line, "# Tessera configuration (schema: proto/config.proto).");
}

TEST(ConfigLoader, SaveReplacesAnExistingFile) {
  std::string path = TempPath("replace.textproto");
  { std::ofstream(path) << "this is not a config\n"; }
  config::TesseraConfig cfg;
  config::Source* s = cfg.add_source();
  s->set_name("only");
  s->mutable_odbc()->set_connection_string("DSN=only; Pwd=\"quoted\"\\n");
  s->mutable_odbc()->set_dialect(config::MARIADB);
  ASSERT_TRUE(SaveConfig(cfg, path).ok());
  auto loaded = LoadConfig(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->source_size(), 1);
  EXPECT_EQ(loaded->source(0).name(), "only");
  EXPECT_EQ(loaded->source(0).odbc().connection_string(), "DSN=only; Pwd=\"quoted\"\\n");
  EXPECT_EQ(loaded->source(0).odbc().dialect(), config::MARIADB);
}

TEST(ConfigLoader, SaveIntoAMissingFolderIsUnavailable) {
  std::string path = TempPath("no/such/folder/cfg.textproto");
  absl::Status status = SaveConfig(config::TesseraConfig(), path);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(), absl::StrCat("cannot write ", path, ".tmp"));
}

TEST(ConfigLoader, LoadOfAMissingFileIsNotFound) {
  std::string path = TempPath("missing.textproto");
  auto cfg = LoadConfig(path);
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(cfg.status().message(), absl::StrCat("cannot read configuration file ", path));
}

TEST(ConfigLoader, LoadNamesTheFileInErrors) {
  std::string path = TempPath("broken.textproto");
  { std::ofstream(path) << "source {\n  nmae: \"lab\"\n}\n"; }
  auto cfg = LoadConfig(path);
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(cfg.status().message()), StartsWith(absl::StrCat(path, ": line 2, column 7: ")));
}

}  // namespace
}  // namespace tessera

namespace tessera {
namespace {

TEST(ConfigLoaderViews, ParsesViewsAndChecksThemWithTheirLine) {
  auto cfg = ParseConfig("view { name: \"female\" sql: \"SELECT * FROM ehr.patient WHERE sex = 'F'\" }\n", "/c");
  ASSERT_TRUE(cfg.ok()) << cfg.status();
  EXPECT_EQ(cfg->view(0).name(), "female");

  auto error = [](const std::string& text) {
    auto c = ParseConfig(text, "/c");
    return c.ok() ? std::string("(parsed)") : std::string(c.status().message());
  };
  EXPECT_THAT(error("\nview {\n  name: \"v\"\n  sql: \"SELEC 1\"\n}\n"),
              ::testing::AllOf(::testing::HasSubstr("line 4: view \"v\": syntax error"),
                               ::testing::HasSubstr("at position 1")));
  EXPECT_THAT(error("view { name: \"v\" sql: \"SELECT 1; SELECT 2\" }\n"),
              ::testing::HasSubstr("sql must be one SELECT statement"));
  EXPECT_THAT(error("view { name: \"v\" sql: \"SELECT 1\" }\nview { name: \"v\" sql: \"SELECT 2\" }\n"),
              ::testing::HasSubstr("line 2: view \"v\" is defined twice"));
  EXPECT_THAT(error("view { name: \"Obs\" sql: \"SELECT 1\" }\n"),
              ::testing::HasSubstr("view #1: name \"Obs\" must start with a lower-case letter"));
}

}  // namespace
}  // namespace tessera
