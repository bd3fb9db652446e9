#include "engine/cli/statement_splitter.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tessera::cli {

// How a failing expectation shows an item (found by argument lookup).
void PrintTo(const InputItem& item, std::ostream* os) {
  *os << (item.kind == InputItem::Kind::kStatement ? "statement" : "command") << " at line " << item.line
      << ": \"" << item.text << "\"";
}

namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

InputItem Statement(std::string text, int line) { return {InputItem::Kind::kStatement, std::move(text), line}; }
InputItem Command(std::string text, int line) { return {InputItem::Kind::kCommand, std::move(text), line}; }

// Feeds every line and returns all that completed, then what Finish gives.
std::vector<InputItem> SplitAll(const std::vector<std::string>& lines) {
  StatementSplitter splitter;
  std::vector<InputItem> items;
  for (const std::string& line : lines) {
    for (InputItem& item : splitter.AddLine(line)) items.push_back(std::move(item));
  }
  if (std::optional<InputItem> rest = splitter.Finish()) items.push_back(std::move(*rest));
  return items;
}

TEST(StatementSplitter, OneStatementOnOneLine) {
  EXPECT_THAT(SplitAll({"SELECT 1;"}), ElementsAre(Statement("SELECT 1", 1)));
}

TEST(StatementSplitter, SeveralStatementsOnOneLineInOrder) {
  EXPECT_THAT(SplitAll({"SELECT 1; SELECT 2 ;SELECT 3;"}),
              ElementsAre(Statement("SELECT 1", 1), Statement("SELECT 2", 1), Statement("SELECT 3", 1)));
}

TEST(StatementSplitter, StatementSpansLinesUntilItsSemicolon) {
  StatementSplitter splitter;
  EXPECT_THAT(splitter.AddLine("SELECT a,"), IsEmpty());
  EXPECT_TRUE(splitter.has_pending());
  EXPECT_EQ(splitter.continuation(), '-');
  EXPECT_THAT(splitter.AddLine("  b FROM t"), IsEmpty());
  EXPECT_THAT(splitter.AddLine(";"), ElementsAre(Statement("SELECT a,\n  b FROM t", 1)));
  EXPECT_FALSE(splitter.has_pending());
}

TEST(StatementSplitter, RemembersTheLineAStatementStartsOn) {
  EXPECT_THAT(SplitAll({"", "-- a note", "SELECT 1;", "", "SELECT", "2;"}),
              ElementsAre(Statement("SELECT 1", 3), Statement("SELECT\n2", 5)));
}

TEST(StatementSplitter, SemicolonInsideSingleQuotesDoesNotEnd) {
  EXPECT_THAT(SplitAll({"SELECT 'a;b', 'it''s;' AS x; SELECT 2;"}),
              ElementsAre(Statement("SELECT 'a;b', 'it''s;' AS x", 1), Statement("SELECT 2", 1)));
}

TEST(StatementSplitter, QuotedStringSpansLines) {
  StatementSplitter splitter;
  EXPECT_THAT(splitter.AddLine("SELECT 'one;"), IsEmpty());
  EXPECT_EQ(splitter.continuation(), '\'');
  EXPECT_THAT(splitter.AddLine("two';"), ElementsAre(Statement("SELECT 'one;\ntwo'", 1)));
}

TEST(StatementSplitter, BackslashEscapesOnlyInEscapeStrings) {
  // In E'...' a backslash escapes the quote; in '...' it is an ordinary byte.
  EXPECT_THAT(SplitAll({R"(SELECT E'a\';b'; SELECT 'c\'; SELECT 3;)"}),
              ElementsAre(Statement(R"(SELECT E'a\';b')", 1), Statement(R"(SELECT 'c\')", 1),
                          Statement("SELECT 3", 1)));
}

TEST(StatementSplitter, AnIdentifierEndingInEIsNotAnEscapeString) {
  EXPECT_THAT(SplitAll({R"(SELECT name'\'; SELECT 2;)"}),
              ElementsAre(Statement(R"(SELECT name'\')", 1), Statement("SELECT 2", 1)));
}

TEST(StatementSplitter, SemicolonInsideDoubleQuotedIdentifierDoesNotEnd) {
  EXPECT_THAT(SplitAll({R"(SELECT 1 AS "a;""b"; SELECT 2;)"}),
              ElementsAre(Statement(R"(SELECT 1 AS "a;""b")", 1), Statement("SELECT 2", 1)));
  StatementSplitter splitter;
  splitter.AddLine("SELECT 1 AS \"x");
  EXPECT_EQ(splitter.continuation(), '"');
}

TEST(StatementSplitter, DollarQuotesWithAndWithoutTags) {
  EXPECT_THAT(SplitAll({"SELECT $$a;b$$, $x$c;$$;d$x$; SELECT 2;"}),
              ElementsAre(Statement("SELECT $$a;b$$, $x$c;$$;d$x$", 1), Statement("SELECT 2", 1)));
  StatementSplitter splitter;
  splitter.AddLine("SELECT $body$ one;");
  EXPECT_EQ(splitter.continuation(), '$');
  EXPECT_THAT(splitter.AddLine("two; $body$;"), ElementsAre(Statement("SELECT $body$ one;\ntwo; $body$", 1)));
}

TEST(StatementSplitter, ParametersAndIdentifiersWithDollarsAreNotQuotes) {
  EXPECT_THAT(SplitAll({"SELECT $1, a$b$c; SELECT 2;"}),
              ElementsAre(Statement("SELECT $1, a$b$c", 1), Statement("SELECT 2", 1)));
}

TEST(StatementSplitter, SemicolonInLineCommentDoesNotEnd) {
  EXPECT_THAT(SplitAll({"SELECT 1 -- one; two", "AS x;"}), ElementsAre(Statement("SELECT 1 -- one; two\nAS x", 1)));
}

TEST(StatementSplitter, SemicolonInNestedBlockCommentDoesNotEnd) {
  StatementSplitter splitter;
  EXPECT_THAT(splitter.AddLine("SELECT /* a; /* b; */ still; */ 1;"),
              ElementsAre(Statement("SELECT /* a; /* b; */ still; */ 1", 1)));
  EXPECT_THAT(splitter.AddLine("/* open;"), IsEmpty());
  EXPECT_TRUE(splitter.has_pending());
  EXPECT_EQ(splitter.continuation(), '*');
  EXPECT_THAT(splitter.AddLine("*/ SELECT 2;"), ElementsAre(Statement("/* open;\n*/ SELECT 2", 2)));
}

TEST(StatementSplitter, SemicolonInsideParenthesesDoesNotEnd) {
  StatementSplitter splitter;
  EXPECT_THAT(splitter.AddLine("SELECT (1;"), IsEmpty());
  EXPECT_EQ(splitter.continuation(), '(');
  EXPECT_THAT(splitter.AddLine(");"), ElementsAre(Statement("SELECT (1;\n)", 1)));
}

TEST(StatementSplitter, CommentsAndBlankLinesAloneAreNotPending) {
  StatementSplitter splitter;
  EXPECT_THAT(splitter.AddLine("-- just a note;"), IsEmpty());
  EXPECT_THAT(splitter.AddLine("   "), IsEmpty());
  EXPECT_FALSE(splitter.has_pending());
  EXPECT_FALSE(splitter.Finish().has_value());
}

TEST(StatementSplitter, EmptyStatementsAreSkipped) {
  EXPECT_THAT(SplitAll({";;  ; SELECT 1;;"}), ElementsAre(Statement("SELECT 1", 1)));
}

TEST(StatementSplitter, BackslashCommandRunsToTheEndOfItsLine) {
  EXPECT_THAT(SplitAll({"\\d ehr.patient  ", "SELECT 1; \\timing on"}),
              ElementsAre(Command("\\d ehr.patient", 1), Statement("SELECT 1", 2), Command("\\timing on", 2)));
}

TEST(StatementSplitter, BackslashCommandLeavesTheUnfinishedStatement) {
  StatementSplitter splitter;
  EXPECT_THAT(splitter.AddLine("SELECT 1"), IsEmpty());
  EXPECT_THAT(splitter.AddLine("\\timing"), ElementsAre(Command("\\timing", 2)));
  // The command's line stays as an empty line, keeping line numbers true.
  EXPECT_THAT(splitter.AddLine("AS one;"), ElementsAre(Statement("SELECT 1\n\nAS one", 1)));
}

TEST(StatementSplitter, BackslashInsideQuotesIsNotACommand) {
  EXPECT_THAT(SplitAll({"SELECT '\\d' AS x;"}), ElementsAre(Statement("SELECT '\\d' AS x", 1)));
}

TEST(StatementSplitter, FinishReturnsAnUnterminatedStatement) {
  EXPECT_THAT(SplitAll({"SELECT 1; SELECT 2"}), ElementsAre(Statement("SELECT 1", 1), Statement("SELECT 2", 1)));
  // An unterminated quote is the parser's to report.
  EXPECT_THAT(SplitAll({"SELECT 'oops"}), ElementsAre(Statement("SELECT 'oops", 1)));
}

TEST(StatementSplitter, ResetForgetsTheUnfinishedStatement) {
  StatementSplitter splitter;
  splitter.AddLine("SELECT 'abc");
  splitter.Reset();
  EXPECT_FALSE(splitter.has_pending());
  EXPECT_EQ(splitter.continuation(), '-');
  EXPECT_THAT(splitter.AddLine("SELECT 2;"), ElementsAre(Statement("SELECT 2", 2)));
}

TEST(StatementSplitter, KeepsNonAsciiText) {
  EXPECT_THAT(SplitAll({"SELECT 'Zoë;Müller' AS naïve;"}), ElementsAre(Statement("SELECT 'Zoë;Müller' AS naïve", 1)));
}

}  // namespace
}  // namespace tessera::cli
