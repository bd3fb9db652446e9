// File: tests/differential/ordered_set_pushdown_test.cc
//
// Where percentile_cont, percentile_disc and mode run, read from EXPLAIN
// over the differential suite's sources: inside PostgreSQL (which has them)
// when a group's values all come from it; in the engine over MariaDB and
// SQLite (which do not) and over joins across sources, never split into
// per-source parts. Each answer is also checked against the central database.

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/differential/differential_env.h"
#include "tests/testing/backends.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class OrderedSetPushdownTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    *setup_ = DifferentialEnv::CreateForSuite(&env_);
  }
  static void TearDownTestSuite() {
    delete env_;
    env_ = nullptr;
  }
  void SetUp() override {
    if (setup_->code() == absl::StatusCode::kUnavailable && !ServersRequired()) GTEST_SKIP() << *setup_;
    ASSERT_TRUE(setup_->ok()) << *setup_;
  }

  // The plan of `sql`, after checking its rows against the central database.
  static std::string PlanOfCheckedQuery(const std::string& sql) {
    absl::StatusOr<ResultRows> federated = env_->RunFederated(sql);
    EXPECT_TRUE(federated.ok()) << federated.status();
    absl::StatusOr<ResultRows> central = env_->RunCentral(sql);
    EXPECT_TRUE(central.ok()) << central.status();
    if (federated.ok() && central.ok()) {
      EXPECT_FALSE(federated->rows.empty()) << sql;
      EXPECT_EQ(CompareResults(*federated, *central, /*ordered=*/false), "") << sql;
    }
    absl::StatusOr<std::string> plan = env_->Explain(sql);
    EXPECT_TRUE(plan.ok()) << plan.status();
    return plan.ok() ? *plan : "";
  }

  static DifferentialEnv* env_;
  static absl::Status* setup_;
};

DifferentialEnv* OrderedSetPushdownTest::env_ = nullptr;
absl::Status* OrderedSetPushdownTest::setup_ = new absl::Status();

TEST_F(OrderedSetPushdownTest, PostgresComputesThemWithinGroup) {
  const std::string plan = PlanOfCheckedQuery(
      "SELECT substr(p.zip, 1, 3) AS zip3, count(*), "
      "percentile_cont(0.5) WITHIN GROUP (ORDER BY v.systolic_mmhg), "
      "percentile_disc(0.25) WITHIN GROUP (ORDER BY v.taken_at DESC), "
      "mode() WITHIN GROUP (ORDER BY p.city) "
      "FROM ehr.patient p JOIN ehr.vital_sign v ON v.patient_id = p.patient_id GROUP BY substr(p.zip, 1, 3)");
  EXPECT_THAT(plan, HasSubstr("percentile_cont(0.5) WITHIN GROUP (ORDER BY CAST("));
  EXPECT_THAT(plan, HasSubstr("percentile_disc(0.25) WITHIN GROUP (ORDER BY \"t1\".\"taken_at\" DESC)"));
  // Text in the engine's bytewise order, as everywhere PostgreSQL orders.
  EXPECT_THAT(plan, HasSubstr("mode() WITHIN GROUP (ORDER BY \"t0\".\"city\" COLLATE \"C\" ASC)"));
  EXPECT_THAT(plan, Not(HasSubstr("HashAggregate")));
}

TEST_F(OrderedSetPushdownTest, MariaDbAndSqliteLeaveThemToTheEngine) {
  const std::string lab = PlanOfCheckedQuery(
      "SELECT test_code, percentile_cont(0.5) WITHIN GROUP (ORDER BY result_value DESC) "
      "FROM lab.lab_result GROUP BY test_code");
  EXPECT_THAT(lab, HasSubstr("percentile_cont(0.5 order by #"));
  EXPECT_THAT(lab, Not(HasSubstr("WITHIN GROUP")));
  const std::string pharmacy = PlanOfCheckedQuery(
      "SELECT percentile_disc(0.9) WITHIN GROUP (ORDER BY days_supply), mode() WITHIN GROUP (ORDER BY quantity) "
      "FROM pharmacy.dispensing");
  EXPECT_THAT(pharmacy, HasSubstr("HashAggregate: percentile_disc(0.9 order by #"));
  EXPECT_THAT(pharmacy, Not(HasSubstr("WITHIN GROUP")));
}

TEST_F(OrderedSetPushdownTest, GroupsFedBySeveralSourcesAreComputedWhole) {
  // Each group holds rows of both sources: no source may see only its part.
  const std::string plan = PlanOfCheckedQuery(
      "SELECT p.sex, percentile_cont(0.5) WITHIN GROUP (ORDER BY d.days_supply) "
      "FROM pharmacy.customer c JOIN pharmacy.dispensing d ON d.customer_id = c.customer_id "
      "JOIN ehr.patient p ON upper(p.family_name) = c.last_name AND p.birth_date = c.date_of_birth "
      "GROUP BY p.sex");
  EXPECT_THAT(plan, HasSubstr("percentile_cont(0.5 order by #"));
  EXPECT_THAT(plan, Not(HasSubstr("WITHIN GROUP")));
  const std::string unioned = PlanOfCheckedQuery(
      "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY b) FROM "
      "(SELECT birth_date AS b FROM ehr.patient UNION ALL SELECT date_of_birth FROM pharmacy.customer) t");
  EXPECT_THAT(unioned, HasSubstr("HashAggregate: percentile_disc(0.5 order by #"));
  EXPECT_THAT(unioned, Not(HasSubstr("WITHIN GROUP")));
}

}  // namespace
}  // namespace tessera::testing
