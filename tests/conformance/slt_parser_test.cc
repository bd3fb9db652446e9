#include "tests/conformance/slt_parser.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace tessera::slt {
namespace {

std::vector<Record> ParseOrDie(const std::string& text) {
  absl::StatusOr<std::vector<Record>> records = ParseScript(text, "test.test");
  EXPECT_TRUE(records.ok()) << records.status();
  return records.ok() ? *records : std::vector<Record>{};
}

std::string ReadSample() {
  std::ifstream in("tests/conformance/testdata/sample.test");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SltParser, ReadsEveryRecordOfTheSample) {
  std::vector<Record> records = ParseOrDie(ReadSample());
  ASSERT_EQ(records.size(), 20u);
  int statements = 0, queries = 0, halts = 0, thresholds = 0;
  for (const Record& r : records) {
    statements += r.kind == RecordKind::kStatement;
    queries += r.kind == RecordKind::kQuery;
    halts += r.kind == RecordKind::kHalt;
    thresholds += r.kind == RecordKind::kHashThreshold;
  }
  EXPECT_EQ(statements, 5);
  EXPECT_EQ(queries, 12);
  EXPECT_EQ(halts, 2);
  EXPECT_EQ(thresholds, 1);
}

TEST(SltParser, CommentLinesDoNotSplitARecord) {
  std::vector<Record> records = ParseOrDie(ReadSample());
  ASSERT_GE(records.size(), 3u);
  EXPECT_EQ(records[2].sql, "INSERT INTO t1(a, b, c, d)\nVALUES(2, 20, '', 2.25)");
  EXPECT_EQ(records[2].line, 13);
}

TEST(SltParser, StatementOkAndError) {
  std::vector<Record> records = ParseOrDie("statement ok\nCREATE TABLE t(a INTEGER)\n\nstatement error\nSELECT x\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_FALSE(records[0].expect_error);
  EXPECT_EQ(records[0].sql, "CREATE TABLE t(a INTEGER)");
  EXPECT_TRUE(records[1].expect_error);
  EXPECT_EQ(records[1].line, 4);
}

TEST(SltParser, QueryHeaderSqlAndExpectedValues) {
  std::vector<Record> records = ParseOrDie(
      "query ITR rowsort label-7\nSELECT a,\n  b, c FROM t\n----\n1\n(empty)\n2.500\n\n"
      "query I\nSELECT 1\n\nquery T valuesort\nSELECT c FROM t\n----\n30 values hashing to abc\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].types, "ITR");
  EXPECT_EQ(records[0].sort, SortMode::kRowSort);
  EXPECT_EQ(records[0].label, "label-7");
  EXPECT_EQ(records[0].sql, "SELECT a,\n  b, c FROM t");
  EXPECT_EQ(records[0].expected, (std::vector<std::string>{"1", "(empty)", "2.500"}));
  // No sort mode means nosort; no "----" means an empty result.
  EXPECT_EQ(records[1].sort, SortMode::kNoSort);
  EXPECT_TRUE(records[1].label.empty());
  EXPECT_TRUE(records[1].expected.empty());
  EXPECT_EQ(records[2].sort, SortMode::kValueSort);
  EXPECT_EQ(records[2].expected, std::vector<std::string>{"30 values hashing to abc"});
}

TEST(SltParser, StripsCarriageReturns) {
  std::vector<Record> records = ParseOrDie("query I nosort\r\nSELECT 1\r\n----\r\n1\r\n\r\nhalt\r\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].sql, "SELECT 1");
  EXPECT_EQ(records[0].expected, std::vector<std::string>{"1"});
  EXPECT_EQ(records[1].kind, RecordKind::kHalt);
}

TEST(SltParser, ConditionsAndHashThreshold) {
  std::vector<Record> records = ParseOrDie(
      "skipif postgresql # needs AS\nonlyif MySQL\nquery I nosort\nSELECT 1\n----\n1\n\nhash-threshold 0\n");
  ASSERT_EQ(records.size(), 2u);
  ASSERT_EQ(records[0].conditions.size(), 2u);
  EXPECT_FALSE(records[0].conditions[0].only_if);
  EXPECT_EQ(records[0].conditions[0].engine, "postgresql");
  EXPECT_TRUE(records[0].conditions[1].only_if);
  EXPECT_EQ(records[0].conditions[1].engine, "mysql");
  EXPECT_EQ(records[0].line, 1);
  EXPECT_EQ(records[1].kind, RecordKind::kHashThreshold);
  EXPECT_EQ(records[1].hash_threshold, 0);
}

TEST(SltParser, ShouldRunAppliesSkipifAndOnlyif) {
  Record plain;
  EXPECT_TRUE(ShouldRun(plain, "postgresql"));
  Record skip;
  skip.conditions.push_back({false, "postgresql"});
  EXPECT_FALSE(ShouldRun(skip, "PostgreSQL"));
  EXPECT_TRUE(ShouldRun(skip, "sqlite"));
  Record only;
  only.conditions.push_back({true, "mysql"});
  EXPECT_FALSE(ShouldRun(only, "postgresql"));
  EXPECT_TRUE(ShouldRun(only, "mysql"));
}

TEST(SltParser, SampleConditionsSkipForPostgresql) {
  std::vector<Record> records = ParseOrDie(ReadSample());
  int skipped = 0;
  for (const Record& r : records) skipped += !ShouldRun(r, "postgresql");
  EXPECT_EQ(skipped, 3);  // skipif postgresql, onlyif mysql, onlyif sqlite + halt.
}

TEST(SltParser, RejectsMalformedRecords) {
  for (const char* text : {"select 1\n", "query X nosort\nSELECT 1\n", "query I randomsort\nSELECT 1\n",
                           "query I\n----\n1\n", "statement maybe\nSELECT 1\n", "statement ok\n",
                           "skipif postgresql\n", "hash-threshold many\n"}) {
    absl::StatusOr<std::vector<Record>> records = ParseScript(text, "bad.test");
    EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument) << text;
    if (!records.ok()) {
      EXPECT_NE(records.status().message().find("bad.test:"), absl::string_view::npos) << records.status();
    }
  }
}

}  // namespace
}  // namespace tessera::slt
