// File: tests/planner/ordered_set_test.cc
//
// percentile_cont, percentile_disc and mode WITHIN GROUP through the whole
// planner over SQLite sources: answers checked against the same positions
// read with ORDER BY ... LIMIT/OFFSET, EXPLAIN naming the engine as where
// they ran, and each mistake refused with its reason and position.

#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

std::string One(FederatedTestEnv& env, const std::string& sql) {
  auto rows = env.Query(sql);
  EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
  if (!rows.ok() || rows->rows.size() != 1 || rows->rows[0].size() != 1) return "<no single value>";
  return rows->rows[0][0];
}

TEST(OrderedSet, AnswersMatchTheSortedPositions) {
  auto& env = FederatedTestEnv::Get();
  const std::string n_text = One(env, "SELECT count(days_supply) FROM pharmacy.dispensing");
  const int64_t n = std::stoll(n_text);
  ASSERT_GT(n, 10);
  const std::string ordered = "SELECT days_supply FROM pharmacy.dispensing WHERE days_supply IS NOT NULL ORDER BY days_supply";
  // percentile_disc(0.3): the ceil(0.3 n)-th value.
  const int64_t disc_pos = static_cast<int64_t>(std::ceil(0.3 * static_cast<double>(n)));
  EXPECT_EQ(One(env, "SELECT percentile_disc(0.3) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing"),
            One(env, absl::StrCat(ordered, " LIMIT 1 OFFSET ", disc_pos - 1)));
  // DESC counts from the other end.
  EXPECT_EQ(
      One(env, "SELECT percentile_disc(0.3) WITHIN GROUP (ORDER BY days_supply DESC) FROM pharmacy.dispensing"),
      One(env, absl::StrCat(ordered, " DESC LIMIT 1 OFFSET ", disc_pos - 1)));
  // percentile_cont(0.5): between the values at floor and ceil of 0.5 (n - 1).
  const double pos = 0.5 * static_cast<double>(n - 1);
  const double lo = std::stod(One(env, absl::StrCat(ordered, " LIMIT 1 OFFSET ", static_cast<int64_t>(std::floor(pos)))));
  const double hi = std::stod(One(env, absl::StrCat(ordered, " LIMIT 1 OFFSET ", static_cast<int64_t>(std::ceil(pos)))));
  const double median =
      std::stod(One(env, "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing"));
  EXPECT_DOUBLE_EQ(median, lo + (pos - std::floor(pos)) * (hi - lo));
  // mode: the value with the highest count, the smallest among ties.
  EXPECT_EQ(One(env, "SELECT mode() WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing"),
            One(env, "SELECT days_supply FROM pharmacy.dispensing WHERE days_supply IS NOT NULL "
                     "GROUP BY days_supply ORDER BY count(*) DESC, days_supply LIMIT 1"));
}

TEST(OrderedSet, ExplainShowsTheEngineComputingThem) {
  auto& env = FederatedTestEnv::Get();
  auto plan = env.Explain(
      "SELECT state, percentile_cont(0.5) WITHIN GROUP (ORDER BY patient_id DESC) FROM ehr.patient GROUP BY state "
      "HAVING percentile_disc(0.5) WITHIN GROUP (ORDER BY birth_date) > date '1950-01-01'");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("percentile_cont(0.5 order by #"));
  EXPECT_THAT(*plan, HasSubstr(" desc)"));
  EXPECT_THAT(*plan, HasSubstr("percentile_disc(0.5 order by #"));
  EXPECT_THAT(*plan, HasSubstr("CAST(")) << "percentile_cont reads its values as double precision";
  EXPECT_THAT(*plan, ::testing::Not(HasSubstr("WITHIN GROUP"))) << "SQLite has no ordered-set aggregates";
}

TEST(OrderedSet, EmptyGroupsAndInputsGiveNull) {
  auto& env = FederatedTestEnv::Get();
  auto rows = env.Query(
      "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY days_supply), "
      "percentile_disc(0.5) WITHIN GROUP (ORDER BY drug_name), mode() WITHIN GROUP (ORDER BY dispensed_on) "
      "FROM pharmacy.dispensing WHERE days_supply < 0");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(rows->rows[0], (std::vector<std::string>{"0", "NULL", "NULL", "NULL"}));
}

TEST(OrderedSet, RefusesMistakesWithTheirPlace) {
  auto& env = FederatedTestEnv::Get();
  struct Case {
    std::string sql;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing",
            "percentile value 1.5 is not between 0 and 1 at position 24"},
           {"SELECT percentile_disc(-0.1) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing",
            "percentile value -0.1 is not between 0 and 1 at position 24"},
           {"SELECT percentile_cont(days_supply) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing",
            "the fraction of percentile_cont must be a constant between 0 and 1 at position 24"},
           {"SELECT percentile_cont(NULL) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing",
            "the fraction of percentile_cont must be a constant between 0 and 1, not NULL at position 24"},
           {"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY drug_name) FROM pharmacy.dispensing",
            "percentile_cont needs a numeric ORDER BY expression, not text (percentile_disc takes any ordered "
            "type) at position 52"},
           {"SELECT percentile_cont(0.5) FROM pharmacy.dispensing",
            "WITHIN GROUP is required for ordered-set aggregate percentile_cont at position 8"},
           {"SELECT count(*) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing",
            "count is not an ordered-set aggregate, so it cannot have WITHIN GROUP at position 8"},
           {"SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days_supply) OVER () FROM pharmacy.dispensing",
            "OVER is not supported for ordered-set aggregate percentile_cont at position 8"},
           {"SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY days_supply, quantity) FROM pharmacy.dispensing",
            "percentile_disc takes exactly one ORDER BY expression in WITHIN GROUP at position 8"},
           {"SELECT mode(1) WITHIN GROUP (ORDER BY days_supply) FROM pharmacy.dispensing",
            "mode() takes no arguments before WITHIN GROUP at position 8"},
           {"SELECT drug_name FROM pharmacy.dispensing WHERE percentile_cont(0.5) WITHIN GROUP (ORDER BY quantity) > 1",
            "aggregate functions are not allowed in WHERE at position 49"},
       }) {
    auto rows = env.Query(c.sql);
    ASSERT_FALSE(rows.ok()) << c.sql;
    EXPECT_EQ(rows.status().code(), absl::StatusCode::kInvalidArgument) << c.sql;
    EXPECT_EQ(std::string(rows.status().message()), c.message) << c.sql;
  }
}

}  // namespace
}  // namespace tessera::testing
