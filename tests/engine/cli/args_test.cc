#include "engine/cli/args.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<FlagSpec>& Specs() {
  static const auto* specs = new std::vector<FlagSpec>{
      {"format", "FORMAT", "Output format.", "table"},
      {"config", "PATH", "Configuration file.", ""},
      {"verbose", "", "Print more.", ""},
      {"limit", "N", "Row limit.", "100"},
      {"ratio", "X", "A ratio.", "0.5"},
      {"e", "SQL", "Query text.", ""},
  };
  return *specs;
}

ParsedArgs Parse(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  EXPECT_TRUE(parsed.ok()) << parsed.status();
  return parsed.ok() ? *parsed : ParsedArgs();
}

std::string ParseErrorOf(const std::vector<std::string>& args) {
  auto parsed = ParseArgs(args, Specs());
  if (parsed.ok()) return "(parsed)";
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

TEST(Args, EveryDeclaredFlagHasItsDefault) {
  ParsedArgs args = Parse({});
  EXPECT_EQ(args.flags.size(), 6u);
  EXPECT_EQ(args.Get("format"), "table");
  EXPECT_EQ(args.Get("config"), "");
  EXPECT_EQ(args.Get("verbose"), "");
  EXPECT_EQ(args.Get("limit"), "100");
  EXPECT_TRUE(args.Has("format"));
  EXPECT_FALSE(args.Has("config"));
  EXPECT_FALSE(args.Has("verbose"));
  EXPECT_THAT(args.positionals, IsEmpty());
  EXPECT_FALSE(args.help);
}

TEST(Args, NameEqualsValue) {
  ParsedArgs args = Parse({"--format=csv", "--config=/a/b=c.textproto"});
  EXPECT_EQ(args.Get("format"), "csv");
  EXPECT_EQ(args.Get("config"), "/a/b=c.textproto");  // Split at the first '='.
}

TEST(Args, NameThenValue) {
  ParsedArgs args = Parse({"--format", "jsonl", "--limit", "-5"});
  EXPECT_EQ(args.Get("format"), "jsonl");
  EXPECT_EQ(args.Get("limit"), "-5");  // The next argument is the value, dash or not.
  EXPECT_THAT(args.positionals, IsEmpty());
}

TEST(Args, EmptyValueAfterEquals) {
  ParsedArgs args = Parse({"--format="});
  EXPECT_EQ(args.Get("format"), "");
  EXPECT_FALSE(args.Has("format"));
}

TEST(Args, LaterFlagWins) {
  EXPECT_EQ(Parse({"--format=csv", "--format", "jsonl"}).Get("format"), "jsonl");
}

TEST(Args, OneLetterFlagsTakeOneOrTwoDashes) {
  EXPECT_EQ(Parse({"-e", "SELECT 1"}).Get("e"), "SELECT 1");
  EXPECT_EQ(Parse({"--e", "SELECT 2"}).Get("e"), "SELECT 2");
  EXPECT_EQ(Parse({"-e=SELECT 3"}).Get("e"), "SELECT 3");
}

TEST(Args, BooleanSwitch) {
  ParsedArgs args = Parse({"--verbose"});
  EXPECT_EQ(args.Get("verbose"), "true");
  EXPECT_TRUE(args.Has("verbose"));
  // A switch does not swallow the next argument.
  ParsedArgs with_positional = Parse({"--verbose", "query.sql"});
  EXPECT_EQ(with_positional.Get("verbose"), "true");
  EXPECT_THAT(with_positional.positionals, ElementsAre("query.sql"));
}

TEST(Args, BooleanSwitchTakesNoValue) {
  EXPECT_EQ(ParseErrorOf({"--verbose=false"}), "--verbose takes no value");
  EXPECT_EQ(ParseErrorOf({"--verbose="}), "--verbose takes no value");
}

TEST(Args, Help) {
  EXPECT_TRUE(Parse({"-h"}).help);
  EXPECT_TRUE(Parse({"--help"}).help);
  ParsedArgs args = Parse({"--format=csv", "--help", "x"});
  EXPECT_TRUE(args.help);
  EXPECT_EQ(args.Get("format"), "csv");
  EXPECT_THAT(args.positionals, ElementsAre("x"));
}

TEST(Args, Positionals) {
  ParsedArgs args = Parse({"a", "--verbose", "b", "-", "--limit", "3", "c"});
  EXPECT_THAT(args.positionals, ElementsAre("a", "b", "-", "c"));
  EXPECT_EQ(args.Get("limit"), "3");
}

TEST(Args, DoubleDashEndsFlags) {
  ParsedArgs args = Parse({"--verbose", "--", "--format=csv", "-h", "--", "x"});
  EXPECT_EQ(args.Get("verbose"), "true");
  EXPECT_EQ(args.Get("format"), "table");
  EXPECT_FALSE(args.help);
  EXPECT_THAT(args.positionals, ElementsAre("--format=csv", "-h", "--", "x"));
}

TEST(Args, UnknownFlagSuggestsTheClosest) {
  EXPECT_EQ(ParseErrorOf({"--fromat=csv"}), "unknown flag --fromat (did you mean --format?)");
  EXPECT_EQ(ParseErrorOf({"--formt", "csv"}), "unknown flag --formt (did you mean --format?)");
  EXPECT_EQ(ParseErrorOf({"--verbos"}), "unknown flag --verbos (did you mean --verbose?)");
  EXPECT_EQ(ParseErrorOf({"--confg"}), "unknown flag --confg (did you mean --config?)");
  EXPECT_EQ(ParseErrorOf({"--limits=3"}), "unknown flag --limits (did you mean --limit?)");
}

TEST(Args, UnknownFlagWithNothingCloseHasNoSuggestion) {
  EXPECT_EQ(ParseErrorOf({"--xyz"}), "unknown flag --xyz");
  EXPECT_EQ(ParseErrorOf({"--output=csv"}), "unknown flag --output");
  // Edit distance 3 from "format" is too far to suggest.
  EXPECT_EQ(ParseErrorOf({"--frmtx"}), "unknown flag --frmtx");
}

TEST(Args, UnknownFlagStopsParsingAtTheFirst) {
  EXPECT_EQ(ParseErrorOf({"--format=csv", "--bogus", "--verbos"}), "unknown flag --bogus");
}

TEST(Args, MissingValue) {
  EXPECT_EQ(ParseErrorOf({"--format"}), "--format needs a value (FORMAT)");
  EXPECT_EQ(ParseErrorOf({"--verbose", "--limit"}), "--limit needs a value (N)");
  EXPECT_EQ(ParseErrorOf({"-e"}), "--e needs a value (SQL)");
}

TEST(Args, GetInt) {
  EXPECT_EQ(Parse({}).GetInt("limit").value(), 100);
  EXPECT_EQ(Parse({"--limit=42"}).GetInt("limit").value(), 42);
  EXPECT_EQ(Parse({"--limit", "-7"}).GetInt("limit").value(), -7);
  EXPECT_EQ(Parse({"--limit=9223372036854775807"}).GetInt("limit").value(), INT64_MAX);
}

TEST(Args, GetIntRejectsNonIntegers) {
  for (const char* value : {"abc", "1.5", "", "12x", "9223372036854775808", "1e3"}) {
    auto v = Parse({std::string("--limit=") + value}).GetInt("limit");
    ASSERT_FALSE(v.ok()) << value;
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(v.status().message(), std::string("--limit takes a whole number, not \"") + value + "\"");
  }
}

TEST(Args, GetDouble) {
  EXPECT_EQ(Parse({}).GetDouble("ratio").value(), 0.5);
  EXPECT_EQ(Parse({"--ratio=0.25"}).GetDouble("ratio").value(), 0.25);
  EXPECT_EQ(Parse({"--ratio", "-3"}).GetDouble("ratio").value(), -3.0);
  EXPECT_EQ(Parse({"--ratio=1e3"}).GetDouble("ratio").value(), 1000.0);
}

TEST(Args, GetDoubleRejectsNonNumbers) {
  for (const char* value : {"x", "", "1.5.2", "0.5x"}) {
    auto v = Parse({std::string("--ratio=") + value}).GetDouble("ratio");
    ASSERT_FALSE(v.ok()) << value;
    EXPECT_EQ(v.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(v.status().message(), std::string("--ratio takes a number, not \"") + value + "\"");
  }
}

TEST(Args, FlagsHelp) {
  std::vector<FlagSpec> specs = {
      {"format", "FORMAT", "Output format.", "table"},
      {"verbose", "", "Print more.", "ignored"},
      {"config", "PATH", "Configuration file.", ""},
      {"connection-override", "CONNECTION_STRING", "Replace the connection string.", "none"},
  };
  // Help text starts in column 28, after the flag padded to 26 and a space.
  EXPECT_EQ(FlagsHelp(specs),
            "Flags:\n"
            "  --format FORMAT          Output format. (default: table)\n"
            // A switch's default is not shown: it is always off.
            "  --verbose                Print more.\n"
            "  --config PATH            Configuration file.\n"
            // Too wide for the column: the help goes on the next line.
            "  --connection-override CONNECTION_STRING\n"
            "                           Replace the connection string. (default: none)\n"
            "  -h, --help               show this help\n");
}

TEST(Args, FlagsHelpWithNoFlags) {
  EXPECT_EQ(FlagsHelp({}),
            "Flags:\n"
            "  -h, --help               show this help\n");
}

}  // namespace
}  // namespace tessera::cli
