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

TEST(Errors, UnknownColumnSuggestsAndPointsAtIt) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query("SELECT famly_name FROM ehr.patient");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("column \"famly_name\" does not exist"));
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("family_name"));
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("at position 8"));
}

TEST(Errors, UnknownTableNamesTheSourcesTables) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query("SELECT * FROM lab.results");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("lab_result"));
}

}  // namespace
}  // namespace tessera::testing
