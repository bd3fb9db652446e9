// EXISTS and IN subqueries anywhere in an expression: they are planned as
// mark joins (asserted from EXPLAIN), answer as the equivalent semi-join or
// arithmetic form does, keep SQL's unknowns, and what is not supported is
// refused with a message saying what.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string One(const std::string& sql) {
  auto rows = FederatedTestEnv::Get().Query(sql);
  EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
  if (!rows.ok() || rows->rows.size() != 1) return "?";
  return rows->rows[0][0];
}

std::string ErrorOf(const std::string& sql) {
  auto rows = FederatedTestEnv::Get().Query(sql);
  EXPECT_FALSE(rows.ok()) << sql;
  return rows.ok() ? "" : std::string(rows.status().message());
}

TEST(Subqueries, ExistsUnderOrIsAMarkJoinAndCountsLikeItsParts) {
  auto& env = FederatedTestEnv::Get();
  const std::string exists = "EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn AND l.sex = 'F')";
  const std::string sql = "SELECT count(*) FROM ehr.patient p WHERE p.state = 'OH' OR " + exists;
  auto plan = env.Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("MarkJoin on"));
  const std::string both = One(sql);
  const std::string ohio = One("SELECT count(*) FROM ehr.patient p WHERE p.state = 'OH'");
  const std::string rest =
      One("SELECT count(*) FROM ehr.patient p WHERE (p.state <> 'OH' OR p.state IS NULL) AND " + exists);
  EXPECT_EQ(std::stoll(both), std::stoll(ohio) + std::stoll(rest));
  EXPECT_GT(std::stoll(rest), 0);
}

TEST(Subqueries, NotExistsInTheSelectListComplementsExists) {
  const std::string sub = "(SELECT 1 FROM pharmacy.dispensing d WHERE d.customer_id = c.customer_id)";
  const std::string yes = One("SELECT count(*) FROM pharmacy.customer c WHERE EXISTS " + sub);
  const std::string no = One("SELECT count(*) FROM pharmacy.customer c WHERE NOT EXISTS " + sub);
  auto rows = FederatedTestEnv::Get().Query("SELECT NOT EXISTS " + sub +
                                            " AS none, count(*) FROM pharmacy.customer c GROUP BY 1 ORDER BY 1");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(rows->rows[0][1], yes);  // false sorts first
  EXPECT_EQ(rows->rows[1][1], no);
}

TEST(Subqueries, NotInOverAListWithNullIsUnknownNotTrue) {
  auto& env = FederatedTestEnv::Get();
  // lab.patient.ehr_mrn holds NULLs: NOT IN is never true, only false or
  // unknown; so it selects nothing, and its negation nothing either.
  ASSERT_NE(One("SELECT count(*) FROM lab.patient WHERE ehr_mrn IS NULL"), "0");
  const std::string in = "p.mrn NOT IN (SELECT ehr_mrn FROM lab.patient)";
  auto plan = env.Explain("SELECT p.mrn, " + in + " FROM ehr.patient p");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("MarkJoin on"));
  EXPECT_THAT(*plan, HasSubstr("(null-aware)"));
  EXPECT_EQ(One("SELECT count(*) FROM ehr.patient p WHERE p.state IS NULL OR " + in), "0");
  EXPECT_EQ(One("SELECT count(*) FROM ehr.patient p WHERE (" + in + ") IS NULL"),
            One("SELECT count(*) FROM ehr.patient p WHERE p.mrn NOT IN (SELECT ehr_mrn FROM lab.patient "
                "WHERE ehr_mrn IS NOT NULL)"));
}

TEST(Subqueries, CorrelatedNotInIsNotAnAntiJoin) {
  // A NULL correlation key leaves the subquery empty, so NOT IN is true:
  // the null-aware anti join would call it unknown.
  auto& env = FederatedTestEnv::Get();
  const std::string sql =
      "SELECT count(*) FROM lab.patient l WHERE l.zip NOT IN "
      "(SELECT p.zip FROM ehr.patient p WHERE p.mrn = l.ehr_mrn)";
  auto plan = env.Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("MarkJoin"));
  EXPECT_THAT(*plan, Not(HasSubstr("anti")));
  const int64_t unlinked = std::stoll(One("SELECT count(*) FROM lab.patient WHERE ehr_mrn IS NULL"));
  ASSERT_GT(unlinked, 0);
  EXPECT_GE(std::stoll(One(sql)), unlinked);
}

TEST(Subqueries, UnsupportedFormsAreRefusedWithAReason) {
  EXPECT_THAT(ErrorOf("SELECT mrn FROM ehr.patient WHERE mrn = ANY (SELECT ehr_mrn FROM lab.patient)"),
              HasSubstr("ANY and ALL subqueries are not supported"));
  EXPECT_THAT(ErrorOf("SELECT count(*) IN (SELECT lab_patient_id FROM lab.patient) FROM ehr.patient"),
              HasSubstr("the left side of IN (subquery) may not use aggregates"));
  EXPECT_THAT(ErrorOf("SELECT p.mrn FROM ehr.patient p JOIN lab.patient l ON l.ehr_mrn = p.mrn "
                      "AND EXISTS (SELECT 1 FROM pharmacy.customer)"),
              HasSubstr("EXISTS and IN subqueries are not supported in"));
  EXPECT_THAT(ErrorOf("SELECT p.state, EXISTS (SELECT 1 FROM lab.patient l WHERE l.ehr_mrn = p.mrn) "
                      "FROM ehr.patient p GROUP BY p.state"),
              HasSubstr("not grouped"));
  EXPECT_THAT(ErrorOf("SELECT p.mrn FROM ehr.patient p WHERE p.mrn IN "
                      "(SELECT l.ehr_mrn FROM lab.patient l WHERE l.zip = p.zip GROUP BY l.ehr_mrn)"),
              HasSubstr("a subquery may name the outer query's columns only as one SELECT over FROM and WHERE"));
  EXPECT_THAT(ErrorOf("SELECT count(*) FROM ehr.patient p WHERE EXISTS (SELECT 1 FROM lab.patient l "
                      "WHERE l.ehr_mrn = p.mrn AND EXISTS (SELECT 1 FROM pharmacy.customer c))"),
              HasSubstr("not supported in the WHERE of a correlated subquery"));
}

}  // namespace
}  // namespace tessera::testing
