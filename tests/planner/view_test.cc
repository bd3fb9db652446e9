// Views from the configuration: named like tables, expanded where they are
// used, so that filters and limits on them still reach the sources; their
// mistakes are reported with the view's name and place.

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

// The rows of `sql`, or a failure naming the query.
std::vector<std::vector<std::string>> Rows(const std::string& sql) {
  auto result = FederatedTestEnv::Get().Query(sql);
  EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
  return result.ok() ? result->rows : std::vector<std::vector<std::string>>{};
}

TEST(Views, AnswerLikeTheirDefinitionWrittenOut) {
  EXPECT_EQ(Rows("SELECT count(*) FROM female_patient"),
            Rows("SELECT count(*) FROM ehr.patient WHERE sex = 'F'"));
  EXPECT_EQ(Rows("SELECT source, count(*), sum(value) FROM any_lab_result GROUP BY source ORDER BY source"),
            Rows("SELECT 'ehr', count(*), sum(result_value) FROM ehr.lab_result UNION ALL "
                 "SELECT 'lab', count(*), sum(result_value) FROM lab.lab_result"));
  // A view over a view, with an alias and renamed columns.
  EXPECT_EQ(Rows("SELECT count(*) FROM old_female_patient AS o (id, m, b) WHERE o.m IS NOT NULL"),
            Rows("SELECT count(*) FROM ehr.patient WHERE sex = 'F' AND birth_date < DATE '1950-01-01' "
                 "AND mrn IS NOT NULL"));
}

TEST(Views, FiltersAndLimitsOnAViewReachEachSource) {
  auto plan = FederatedTestEnv::Get().Explain(
      "SELECT subject, value FROM any_lab_result WHERE value > 100 AND source = 'lab' LIMIT 3");
  ASSERT_TRUE(plan.ok()) << plan.status();
  // Only the lab branch survives the source filter; its value bound and the
  // limit run inside the lab source.
  EXPECT_THAT(*plan, HasSubstr("FROM \"lab_result\""));
  EXPECT_THAT(*plan, HasSubstr("\"result_value\" > 100"));
  EXPECT_THAT(*plan, HasSubstr("LIMIT 3"));
}

TEST(Views, TopNOverAUnionViewRunsInEachSourceAndStaysRight) {
  const std::string sql = "SELECT value FROM any_lab_result ORDER BY value DESC LIMIT 5";
  auto plan = FederatedTestEnv::Get().Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  // Each source is asked for its own top five.
  EXPECT_THAT(*plan, HasSubstr("FROM \"lab_result\" AS \"t0\" ORDER BY"));
  EXPECT_EQ(plan->find("LIMIT 5") != std::string::npos && plan->find("LIMIT 5", plan->find("LIMIT 5") + 1) != std::string::npos,
            true)
      << *plan;
  // The five largest of both tables, merged here.
  std::vector<double> expected;
  for (const char* table : {"ehr.lab_result", "lab.lab_result"}) {
    for (const auto& row : Rows(absl::StrCat("SELECT result_value FROM ", table, " WHERE result_value IS NOT NULL "
                                             "ORDER BY result_value DESC LIMIT 5"))) {
      expected.push_back(std::stod(row[0]));
    }
  }
  std::sort(expected.rbegin(), expected.rend());
  expected.resize(5);
  std::vector<double> got;
  for (const auto& row : Rows(sql)) got.push_back(std::stod(row[0]));
  EXPECT_EQ(got, expected);
}

TEST(Views, AConditionNoBranchCanMeetAsksNoSource) {
  auto plan = FederatedTestEnv::Get().Explain("SELECT * FROM any_lab_result WHERE source = 'pharmacy'");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, ::testing::Not(HasSubstr("RemoteScan")));
  EXPECT_TRUE(Rows("SELECT * FROM any_lab_result WHERE source = 'pharmacy'").empty());
}

TEST(Views, AConditionOnAGroupingColumnRunsBeforeGrouping) {
  const std::string sql = "SELECT * FROM (SELECT source, count(*) AS n FROM any_lab_result GROUP BY source) s "
                          "WHERE source = 'lab'";
  auto plan = FederatedTestEnv::Get().Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, ::testing::Not(HasSubstr("RemoteScan ehr")));
  EXPECT_EQ(Rows(sql), Rows("SELECT 'lab', count(*) FROM lab.lab_result"));
  // With no grouping column there is one group even of no rows.
  EXPECT_EQ(Rows("SELECT count(*) FROM ehr.patient HAVING 1 = 0"), (std::vector<std::vector<std::string>>{}));
}

TEST(Views, MistakesInAViewNameTheViewAndBothPlaces) {
  auto rows = FederatedTestEnv::Get().Query("SELECT * FROM broken_view");
  ASSERT_FALSE(rows.ok());
  std::string message(rows.status().message());
  EXPECT_THAT(message, HasSubstr("view \"broken_view\": column \"no_such_column\" does not exist"));
  EXPECT_THAT(message, HasSubstr("(position 8 of the view's SQL)"));
  EXPECT_THAT(message, HasSubstr("at position 15"));  // Where the query names the view.
}

TEST(Views, AViewThatReachesItselfIsAnError) {
  auto rows = FederatedTestEnv::Get().Query("SELECT * FROM loop_a");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("loop_a -> loop_b -> loop_a"));
}

TEST(Views, AnUnknownRelationListsTheViews) {
  auto rows = FederatedTestEnv::Get().Query("SELECT * FROM female_patients");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("views: female_patient, any_lab_result"));
}

TEST(Views, CteOfTheSameNameHidesTheView) {
  EXPECT_EQ(Rows("WITH female_patient AS (SELECT 1 AS x) SELECT * FROM female_patient"),
            (std::vector<std::vector<std::string>>{{"1"}}));
}

TEST(Views, ThatFailToBindFailEachTime) {
  // Errors are not kept as answers, nor is anything kept of the failed view.
  for (int i = 0; i < 2; ++i) {
    auto rows = FederatedTestEnv::Get().Query("SELECT * FROM broken_view");
    ASSERT_FALSE(rows.ok());
    EXPECT_THAT(std::string(rows.status().message()), HasSubstr("column \"no_such_column\" does not exist"));
  }
  Catalog& catalog = FederatedTestEnv::Get().session().catalog();
  EXPECT_EQ(FederatedTestEnv::Get().session().view_cache().Find(
                "broken_view", catalog.sources().FindView("broken_view")->sql(), catalog.generation()),
            nullptr);
}

TEST(Views, BoundOnceAreCopiedForEachUseAndEachStatement) {
  FederatedTestEnv& env = FederatedTestEnv::Get();
  Catalog& catalog = env.session().catalog();
  const std::string& sql = catalog.sources().FindView("female_patient")->sql();
  const auto count = Rows("SELECT count(*) FROM female_patient");
  ASSERT_EQ(count.size(), 1u);
  EXPECT_NE(env.session().view_cache().Find("female_patient", sql, catalog.generation()), nullptr);
  // Two uses in one statement, under different names, each its own copy.
  EXPECT_EQ(Rows("SELECT count(*) FROM female_patient a (id, m, b) JOIN female_patient b ON b.patient_id = a.id"),
            count);
  // The optimizer rewrites each statement's copy, never the kept plan.
  for (int id : {10, 11, 12}) {
    auto plan = env.Explain(absl::StrCat("SELECT mrn FROM female_patient WHERE patient_id = ", id));
    ASSERT_TRUE(plan.ok()) << plan.status();
    EXPECT_THAT(*plan, HasSubstr(absl::StrCat("\"patient_id\" = ", id, ")")));
    EXPECT_EQ(plan->find("\"patient_id\" = " + std::to_string(id == 10 ? 11 : 10) + ")"), std::string::npos) << *plan;
  }
  auto unfiltered = env.Explain("SELECT mrn FROM female_patient");
  ASSERT_TRUE(unfiltered.ok()) << unfiltered.status();
  EXPECT_THAT(*unfiltered, ::testing::Not(HasSubstr("\"patient_id\" =")));
  EXPECT_EQ(Rows("SELECT count(*) FROM female_patient"), count);
  // A catalog whose descriptions were forgotten binds its views anew.
  catalog.Invalidate();
  EXPECT_EQ(env.session().view_cache().Find("female_patient", sql, catalog.generation()), nullptr);
  EXPECT_EQ(Rows("SELECT count(*) FROM female_patient"), count);
  EXPECT_NE(env.session().view_cache().Find("female_patient", sql, catalog.generation()), nullptr);
}

TEST(Views, HoldingTheStatementsTimeAreBoundForEachStatement) {
  FederatedTestEnv& env = FederatedTestEnv::Get();
  Catalog& catalog = env.session().catalog();
  for (const char* view : {"patient_today", "old_patient_today"}) {
    const auto first = Rows(absl::StrCat("SELECT max(asked_at) FROM ", view));
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(env.session().view_cache().Find(view, catalog.sources().FindView(view)->sql(), catalog.generation()),
              nullptr)
        << view;
    // now() is when the statement started, so a later statement sees a later time.
    absl::SleepFor(absl::Milliseconds(1100));
    const auto second = Rows(absl::StrCat("SELECT max(asked_at) FROM ", view));
    ASSERT_EQ(second.size(), 1u);
    EXPECT_LT(first[0][0], second[0][0]) << view;
  }
}

}  // namespace
}  // namespace tessera::testing
