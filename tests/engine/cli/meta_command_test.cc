#include "engine/cli/meta_command.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

MetaCommand Parse(const std::string& text) {
  absl::StatusOr<MetaCommand> command = ParseMetaCommand(text);
  EXPECT_TRUE(command.ok()) << text << ": " << command.status();
  return command.ok() ? *command : MetaCommand();
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<MetaCommand> command = ParseMetaCommand(text);
  if (command.ok()) return "(parsed)";
  EXPECT_EQ(command.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(command.status().message());
}

TEST(MetaCommand, Quit) {
  EXPECT_EQ(Parse("\\q").kind, MetaCommand::Kind::kQuit);
  EXPECT_EQ(Parse("  \\quit  ").kind, MetaCommand::Kind::kQuit);
  EXPECT_THAT(ErrorOf("\\q now"), HasSubstr("\\q takes no argument, not \"now\""));
}

TEST(MetaCommand, HelpAndReset) {
  EXPECT_EQ(Parse("\\?").kind, MetaCommand::Kind::kHelp);
  EXPECT_EQ(Parse("\\r").kind, MetaCommand::Kind::kReset);
  EXPECT_THAT(MetaCommandHelp(), HasSubstr("\\d SOURCE.TABLE"));
}

TEST(MetaCommand, TimingTogglesOrSets) {
  MetaCommand toggle = Parse("\\timing");
  EXPECT_EQ(toggle.kind, MetaCommand::Kind::kTiming);
  EXPECT_FALSE(toggle.on.has_value());
  EXPECT_EQ(Parse("\\timing on").on, true);
  EXPECT_EQ(Parse("\\timing OFF").on, false);
  EXPECT_THAT(ErrorOf("\\timing maybe"), HasSubstr("\\timing takes on or off, not \"maybe\""));
  EXPECT_THAT(ErrorOf("\\timing on off"), HasSubstr("\"off\" is extra"));
}

TEST(MetaCommand, FormatShowsOrSets) {
  EXPECT_FALSE(Parse("\\format").format.has_value());
  EXPECT_EQ(Parse("\\format csv").format, OutputFormat::kCsv);
  EXPECT_EQ(Parse("\\format jsonl").format, OutputFormat::kJsonLines);
  EXPECT_EQ(Parse("\\format table").format, OutputFormat::kTable);
  EXPECT_THAT(ErrorOf("\\format xml"), HasSubstr("\\format takes table, csv or jsonl, not \"xml\""));
}

TEST(MetaCommand, DescribeEverything) {
  MetaCommand all = Parse("\\d");
  EXPECT_EQ(all.kind, MetaCommand::Kind::kDescribe);
  EXPECT_THAT(all.name, IsEmpty());
  EXPECT_EQ(Parse("\\dt").kind, MetaCommand::Kind::kDescribe);
}

TEST(MetaCommand, DescribeNamesFoldLikeSql) {
  EXPECT_THAT(Parse("\\d ehr.patient").name, ElementsAre("ehr", "patient"));
  EXPECT_THAT(Parse("\\d EHR.Patient").name, ElementsAre("ehr", "patient"));
  EXPECT_THAT(Parse("\\d lab").name, ElementsAre("lab"));
  // Quoted parts keep their case, and may hold dots, blanks and quotes.
  EXPECT_THAT(Parse("\\d \"Ehr\".\"My.Table \"\"x\"\"\"").name, ElementsAre("Ehr", "My.Table \"x\""));
}

TEST(MetaCommand, DescribeRejectsMalformedNames) {
  EXPECT_THAT(ErrorOf("\\d a.b.c"), HasSubstr("\\d takes SOURCE.TABLE, SOURCE or TABLE, not \"a.b.c\""));
  EXPECT_THAT(ErrorOf("\\d ehr."), HasSubstr("not \"ehr.\""));
  EXPECT_THAT(ErrorOf("\\d .patient"), HasSubstr("not \".patient\""));
  EXPECT_THAT(ErrorOf("\\d \"ehr"), HasSubstr("unterminated quoted name"));
  EXPECT_THAT(ErrorOf("\\d ehr.patient lab.patient"), HasSubstr("\"lab.patient\" is extra"));
}

TEST(MetaCommand, Sources) {
  EXPECT_EQ(Parse("\\sources").kind, MetaCommand::Kind::kSources);
  EXPECT_THAT(ErrorOf("\\sources ehr"), HasSubstr("takes no argument"));
}

TEST(MetaCommand, UnknownCommandSaysWhereToLook) {
  EXPECT_EQ(ErrorOf("\\foo bar"), "invalid command \\foo (try \\? for help)");
  EXPECT_EQ(ErrorOf("\\"), "invalid command \\ (try \\? for help)");
}

}  // namespace
}  // namespace tessera::cli
