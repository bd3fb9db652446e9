// The differential suite's own machinery, without servers: reading query
// files, comparing results across types, reading EXPLAIN ANALYZE.

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/differential/differential_env.h"
#include "tests/differential/query_file.h"
#include "tests/differential/result_compare.h"

namespace tessera::testing {
namespace {

TEST(QueryFile, ReadsNamesDirectivesAndSql) {
  auto queries = ParseQueryFile("joins",
                                "-- Joins across sources.\n"
                                "\n"
                                "-- name: first\n"
                                "-- ordered\n"
                                "SELECT 1\n"
                                "ORDER BY 1;\n"
                                "\n"
                                "-- name: second\n"
                                "-- known: not supported yet\n"
                                "-- a comment that stays in the SQL\n"
                                "SELECT 2\n");
  ASSERT_TRUE(queries.ok()) << queries.status();
  ASSERT_EQ(queries->size(), 2u);
  EXPECT_EQ((*queries)[0].id(), "joins.first");
  EXPECT_EQ((*queries)[0].sql, "SELECT 1\nORDER BY 1");
  EXPECT_TRUE((*queries)[0].ordered);
  EXPECT_EQ((*queries)[0].line, 3);
  EXPECT_FALSE((*queries)[1].ordered);
  EXPECT_EQ((*queries)[1].known, "not supported yet");
  EXPECT_EQ((*queries)[1].sql, "-- a comment that stays in the SQL\nSELECT 2");
}

TEST(QueryFile, RejectsMistakesWithTheirLine) {
  auto dup = ParseQueryFile("f", "-- name: a\nSELECT 1\n-- name: a\nSELECT 2\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_TRUE(absl::StrContains(dup.status().message(), "queries/f.sql line 3")) << dup.status();
  auto empty = ParseQueryFile("f", "-- name: a\n-- ordered\n\n-- name: b\nSELECT 1\n");
  EXPECT_FALSE(empty.ok());
  auto stray = ParseQueryFile("f", "SELECT 1\n-- name: a\nSELECT 2\n");
  EXPECT_FALSE(stray.ok());
  auto typo = ParseQueryFile("f", "-- name: a\n-- orderd\nSELECT 2\n");
  ASSERT_FALSE(typo.ok());
  EXPECT_TRUE(absl::StrContains(typo.status().message(), "unknown directive")) << typo.status();
}

TEST(QueryFile, ReadsAPairOverTheUnifiedViews) {
  auto queries = ParseQueryFile("unified_views",
                                "-- name: pair\n"
                                "-- known: why\n"
                                "SELECT patient_id FROM condition;\n"
                                "-- central:\n"
                                "SELECT person_id\n"
                                "FROM truth.persons;\n"
                                "\n"
                                "-- name: plain\n"
                                "SELECT 1\n");
  ASSERT_TRUE(queries.ok()) << queries.status();
  ASSERT_EQ(queries->size(), 2u);
  const DifferentialQuery& pair = (*queries)[0];
  EXPECT_TRUE(pair.unified());
  EXPECT_EQ(pair.known, "why");
  EXPECT_EQ(pair.sql, "SELECT patient_id FROM condition");
  EXPECT_EQ(pair.central, "SELECT person_id\nFROM truth.persons");
  EXPECT_EQ(pair.central_sql(), pair.central);
  EXPECT_EQ(pair.central_line, 4);
  EXPECT_FALSE((*queries)[1].unified());
  EXPECT_EQ((*queries)[1].central_sql(), "SELECT 1");
}

TEST(QueryFile, RejectsABrokenPair) {
  auto no_central = ParseQueryFile("f", "-- name: a\nSELECT 1\n-- central:\n\n-- name: b\nSELECT 2\n");
  ASSERT_FALSE(no_central.ok());
  EXPECT_TRUE(absl::StrContains(no_central.status().message(), "line 3")) << no_central.status();
  auto no_federated = ParseQueryFile("f", "-- name: a\n-- central:\nSELECT 1\n");
  EXPECT_FALSE(no_federated.ok());
  auto twice = ParseQueryFile("f", "-- name: a\nSELECT 1\n-- central:\nSELECT 1\n-- central:\nSELECT 2\n");
  EXPECT_FALSE(twice.ok());
  auto trailing = ParseQueryFile("f", "-- name: a\nSELECT 1\n-- central: SELECT 1\n");
  ASSERT_FALSE(trailing.ok());
  EXPECT_TRUE(absl::StrContains(trailing.status().message(), "stands alone")) << trailing.status();
}

ResultRows OneColumn(std::vector<Value> values) {
  ResultRows r;
  r.columns.push_back({"x", values.empty() ? DataType::Int64() : values[0].type()});
  for (const Value& v : values) r.rows.push_back({NormalizeValue(v)});
  return r;
}

TEST(ResultCompare, NumbersCompareByValueAcrossTypes) {
  EXPECT_EQ(CompareResults(OneColumn({Value::Int64(3), Value::Null(DataType::Int64())}),
                           OneColumn({Value::Null(DataType::Double()), Value::Decimal(300, 2)}), false),
            "");
  EXPECT_NE(CompareResults(OneColumn({Value::Double(1.0 / 3)}), OneColumn({Value::Decimal(3333333, 7)}), false), "");
  EXPECT_EQ(CompareResults(OneColumn({Value::Double(1.0 / 3)}), OneColumn({Value::Decimal(333333333333, 12)}), false),
            "");
  EXPECT_EQ(CompareResults(OneColumn({Value::Double(2.0 / 3)}), OneColumn({Value::Double(0.66666666666666663)}), false),
            "");
}

TEST(ResultCompare, TextIsExactAndNotANumber) {
  EXPECT_NE(CompareResults(OneColumn({Value::Text("abc")}), OneColumn({Value::Text("ABC")}), false), "");
  EXPECT_NE(CompareResults(OneColumn({Value::Text("1")}), OneColumn({Value::Int64(1)}), false), "");
  EXPECT_EQ(CompareResults(OneColumn({Value::Date(absl::CivilDay(2024, 2, 29))}),
                           OneColumn({Value::Date(absl::CivilDay(2024, 2, 29))}), false),
            "");
}

TEST(ResultCompare, OrderMattersOnlyWhenOrdered) {
  ResultRows a = OneColumn({Value::Int64(1), Value::Int64(2)});
  ResultRows b = OneColumn({Value::Int64(2), Value::Int64(1)});
  EXPECT_EQ(CompareResults(a, b, false), "");
  std::string diff = CompareResults(a, b, true);
  EXPECT_TRUE(absl::StrContains(diff, "first difference at row 1")) << diff;
}

TEST(ResultCompare, NamesTheRowsOnlyOneSideHas) {
  std::string diff = CompareResults(OneColumn({Value::Int64(1), Value::Int64(2), Value::Int64(2)}),
                                    OneColumn({Value::Int64(1), Value::Int64(2), Value::Int64(3)}), false);
  EXPECT_TRUE(absl::StrContains(diff, "rows only in Tessera's result (1 of 1):\n    (2)")) << diff;
  EXPECT_TRUE(absl::StrContains(diff, "rows only in the central result (1 of 1):\n    (3)")) << diff;
}

TEST(PlanProfile, ReadsScansAndLocalOperators) {
  PlanProfile p = ParsePlanProfile({
      "HashJoin inner on #0 = #2  (rows=5 batches=1 time=1.000 ms)",
      "  -> RemoteScan ehr  (rows=10 batches=1 time=1.000 ms)",
      "       sql: SELECT 1",
      "       fetched 10 rows from ehr, first batch after 0.500 ms",
      "  -> Project #0  (rows=7 batches=1 time=1.000 ms)",
      "    -> RemoteScan lab  (rows=7 batches=1 time=1.000 ms)",
      "         sql: SELECT 2",
      "         paged by c0",
      "         fetched 7 rows from lab, first batch after 0.500 ms",
      "Execution: 5 rows in 3.000 ms, peak memory 1 KB",
  });
  ASSERT_EQ(p.scans.size(), 2u);
  EXPECT_EQ(p.scans[0].source, "ehr");
  EXPECT_EQ(p.scans[0].rows_fetched, 10);
  EXPECT_EQ(p.scans[1].source, "lab");
  EXPECT_EQ(p.scans[1].rows_fetched, 7);
  EXPECT_EQ(p.local_ops, (std::vector<std::string>{"HashJoin", "Project"}));
}

}  // namespace
}  // namespace tessera::testing
