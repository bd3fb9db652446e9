// Pushdown is asserted, not hoped for: the SQL each source is sent (from
// EXPLAIN) holds the filters, limits, aggregates and joins it should, and
// the answers stay right.

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(Pushdown, FilterProjectionAndLimitReachTheSource) {
  auto& env = FederatedTestEnv::Get();
  auto plan = env.Explain("SELECT mrn FROM ehr.patient WHERE sex = 'F' LIMIT 5");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("WHERE (\"t0\".\"sex\" = 'F')"));
  EXPECT_THAT(*plan, HasSubstr("LIMIT 5"));
  EXPECT_THAT(*plan, Not(HasSubstr("\"given_name\""))) << "unused columns must not be fetched";
  auto rows = env.Query("SELECT mrn FROM ehr.patient WHERE sex = 'F' LIMIT 5");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->rows.size(), 5u);
}

TEST(Pushdown, AggregateAndSameSourceJoinRunInTheSource) {
  auto& env = FederatedTestEnv::Get();
  const std::string sql =
      "SELECT p.sex, count(*) FROM ehr.patient p JOIN ehr.encounter e ON e.patient_id = p.patient_id "
      "GROUP BY p.sex ORDER BY p.sex";
  auto plan = env.Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("JOIN \"encounter\""));
  EXPECT_THAT(*plan, HasSubstr("GROUP BY"));
  EXPECT_THAT(*plan, Not(HasSubstr("HashJoin")));
  EXPECT_THAT(*plan, Not(HasSubstr("HashAggregate")));
  auto rows = env.Query(sql);
  ASSERT_TRUE(rows.ok()) << rows.status();
  auto total = env.Query("SELECT count(*) FROM ehr.encounter WHERE patient_id IN (SELECT patient_id FROM ehr.patient)");
  ASSERT_TRUE(total.ok()) << total.status();
  int64_t sum = 0;
  for (const auto& row : rows->rows) sum += std::stoll(row[1]);
  EXPECT_EQ(std::to_string(sum), total->rows[0][0]);
}

TEST(Pushdown, CrossSourceJoinPushesEachSidesFilter) {
  auto& env = FederatedTestEnv::Get();
  const std::string sql =
      "SELECT e.mrn, c.customer_id FROM ehr.patient e JOIN pharmacy.customer c "
      "ON c.last_name = upper(e.family_name) WHERE e.sex = 'M' AND c.postal_code LIKE '45%'";
  auto plan = env.Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("HashJoin"));
  EXPECT_THAT(*plan, HasSubstr("= 'M'"));
  // SQLite's LIKE ignores case, so it is sent and rechecked locally.
  EXPECT_THAT(*plan, HasSubstr("LIKE '45%'"));
  auto rows = env.Query(sql);
  ASSERT_TRUE(rows.ok()) << rows.status();
}

TEST(Pushdown, BindJoinSendsTheSmallSidesKeysToTheBigSide) {
  auto& env = FederatedTestEnv::Get();
  auto mrn = env.Query(
      "SELECT min(lp.ehr_mrn) FROM lab.patient lp WHERE lp.lab_patient_id IN (SELECT lab_patient_id FROM "
      "lab.lab_result) AND lp.ehr_mrn IN (SELECT mrn FROM ehr.patient)");
  ASSERT_TRUE(mrn.ok()) << mrn.status();
  const std::string sql =
      "SELECT e.mrn, l.test_code FROM lab.lab_result l JOIN lab.patient lp ON lp.lab_patient_id = l.lab_patient_id "
      "JOIN ehr.patient e ON e.mrn = lp.ehr_mrn WHERE e.mrn = '" + mrn->rows[0][0] + "'";
  auto plan = env.Query("EXPLAIN ANALYZE " + sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::string text;
  for (const auto& row : plan->rows) text += row[0] + "\n";
  EXPECT_THAT(text, HasSubstr("1 keys in 1 sub-queries"));
  EXPECT_THAT(text, HasSubstr("IN ('" + mrn->rows[0][0] + "')"));
  auto rows = env.Query(sql);
  ASSERT_TRUE(rows.ok()) << rows.status();
  auto expected = env.Query(
      "SELECT count(*) FROM lab.lab_result l JOIN lab.patient lp ON lp.lab_patient_id = l.lab_patient_id "
      "WHERE lp.ehr_mrn = '" + mrn->rows[0][0] + "'");
  ASSERT_TRUE(expected.ok()) << expected.status();
  EXPECT_EQ(std::to_string(rows->rows.size()), expected->rows[0][0]);
  EXPECT_GT(rows->rows.size(), 0u);
}

TEST(Errors, ScalarSubqueryWithSeveralRowsIsAnError) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query("SELECT mrn, (SELECT patient_id FROM ehr.patient WHERE patient_id < 3) FROM ehr.patient");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("more than one row returned by a subquery"));
  auto one = env.Query("SELECT count(*) FROM ehr.patient WHERE patient_id = (SELECT max(patient_id) FROM ehr.patient)");
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->rows[0][0], "1");
}

TEST(Errors, UnknownColumnSuggestsAndPointsAtIt) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query("SELECT famly_name FROM ehr.patient");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("column \"famly_name\" does not exist"));
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("family_name"));
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("at position 8"));
}

TEST(Errors, LikePatternMustBeText) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query("SELECT mrn FROM ehr.patient WHERE mrn LIKE patient_id");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("LIKE pattern must be text, not bigint"));
  auto ok = env.Query("SELECT count(*) FROM ehr.patient WHERE mrn LIKE substr(mrn, 1, 2) || '%'");
  ASSERT_TRUE(ok.ok()) << ok.status();
  auto all = env.Query("SELECT count(*) FROM ehr.patient WHERE mrn IS NOT NULL");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(ok->rows[0][0], all->rows[0][0]);
}

TEST(Errors, WindowAggregatesRefuseWhatTheyCannotDo) {
  auto& env = FederatedTestEnv::Get();
  auto distinct = env.Query("SELECT count(DISTINCT sex) OVER (PARTITION BY state) FROM ehr.patient");
  ASSERT_FALSE(distinct.ok());
  EXPECT_THAT(std::string(distinct.status().message()), HasSubstr("DISTINCT is not supported for window functions"));
  auto text = env.Query("SELECT sum(mrn) OVER () FROM ehr.patient");
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(std::string(text.status().message()), HasSubstr("function sum(text) does not exist"));
  auto frame = env.Query("SELECT sum(patient_id) OVER (ORDER BY patient_id ROWS 2 PRECEDING) FROM ehr.patient");
  ASSERT_FALSE(frame.ok());
  EXPECT_THAT(std::string(frame.status().message()), HasSubstr("window frame clauses (ROWS/RANGE) are not supported"));
  auto total = env.Query("SELECT DISTINCT count(*) OVER () FROM ehr.patient");
  ASSERT_TRUE(total.ok()) << total.status();
  auto count = env.Query("SELECT count(*) FROM ehr.patient");
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(total->rows, count->rows);
}

TEST(Errors, OnlyTheEpochOfATimestampDifference) {
  auto& env = FederatedTestEnv::Get();
  auto hours = env.Query("SELECT extract(hour FROM end_at - start_at) FROM ehr.encounter");
  ASSERT_FALSE(hours.ok());
  EXPECT_THAT(std::string(hours.status().message()),
              HasSubstr("extract(hour FROM timestamp - timestamp) is not supported"));
  auto epoch = env.Query(
      "SELECT count(*) FROM ehr.encounter WHERE extract(epoch FROM end_at - start_at) = 60 * "
      "(extract(epoch FROM end_at) - extract(epoch FROM start_at)) / 60");
  ASSERT_TRUE(epoch.ok()) << epoch.status();
  auto all = env.Query("SELECT count(*) FROM ehr.encounter WHERE end_at IS NOT NULL AND start_at IS NOT NULL");
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(epoch->rows, all->rows);
}

// Runs EXPLAIN ANALYZE and returns the plan's text.
std::string Analyzed(FederatedTestEnv& env, const std::string& sql) {
  auto plan = env.Query("EXPLAIN ANALYZE " + sql);
  if (!plan.ok()) return plan.status().ToString();
  std::string text;
  for (const auto& row : plan->rows) text += row[0] + "\n";
  return text;
}

int Occurrences(const std::string& text, const std::string& part) {
  int n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(SharedScans, IdenticalSmallScansOfOneQueryAskTheSourceOnce) {
  auto& env = FederatedTestEnv::Get();
  // The lab branch keeps the two EHR scans apart (same-source branches would be sent as one).
  const std::string sql =
      "SELECT mrn FROM ehr.patient WHERE patient_id = 1 UNION ALL SELECT ehr_mrn FROM lab.patient WHERE "
      "lab_patient_id = -1 UNION ALL SELECT mrn FROM ehr.patient WHERE patient_id = 1";
  std::string plan = Analyzed(env, sql);
  EXPECT_EQ(Occurrences(plan, "fetched 1 rows from ehr"), 1) << plan;
  EXPECT_EQ(Occurrences(plan, "1 rows shared by an identical scan of this query"), 1) << plan;
  auto rows = env.Query(sql);
  ASSERT_TRUE(rows.ok()) << rows.status();
  auto one = env.Query("SELECT mrn FROM ehr.patient WHERE patient_id = 1");
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->rows.size(), 1u);
  EXPECT_EQ(rows->rows, (std::vector<std::vector<std::string>>{one->rows[0], one->rows[0]}));
}

TEST(SharedScans, LargeScansAreEachReadInFull) {
  auto& env = FederatedTestEnv::Get();
  // A same-source join, sent whole: twice the vital signs in one result.
  const std::string big = "SELECT v.vital_sign_id FROM ehr.vital_sign AS v JOIN ehr.patient AS p ON p.patient_id <= 2";
  auto single = env.Query("SELECT count(*) FROM (" + big + ") AS b");
  ASSERT_TRUE(single.ok()) << single.status();
  ASSERT_GT(std::stoll(single->rows[0][0]), 4 * 1024) << "needs a result larger than a shared scan keeps";
  const std::string sql = "SELECT count(*) FROM (" + big +
                          " UNION ALL SELECT result_id FROM lab.lab_result WHERE result_id = -1 UNION ALL " + big +
                          ") AS u";
  std::string plan = Analyzed(env, sql);
  EXPECT_EQ(Occurrences(plan, "shared by an identical scan"), 0) << plan;
  auto rows = env.Query(sql);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->rows[0][0], std::to_string(2 * std::stoll(single->rows[0][0])));
}

TEST(Errors, UnknownTableNamesTheSourcesTables) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query("SELECT * FROM lab.results");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("lab_result"));
}

}  // namespace
}  // namespace tessera::testing
