// A view that deduplicates: the EHR's results that the EHR itself recorded
// twice (an interface that resent them) become one row naming both records,
// checked against Riverside's ground truth of which rows are one fact.

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

// The ground truth: fact id -> the EHR lab_result ids that report it.
std::map<std::string, std::set<std::string>> EhrFacts() {
  std::ifstream in(absl::StrCat(FederatedTestEnv::Get().data_dir(), "/truth/same_facts.csv"));
  std::string line;
  std::getline(in, line);  // Header: fact_id,source,table,record_id,...
  std::map<std::string, std::set<std::string>> facts;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ',');
    if (f.size() > 3 && f[1] == "ehr" && f[2] == "lab_result") facts[f[0]].insert(f[3]);
  }
  return facts;
}

TEST(DedupView, TheSameResultRecordedTwiceBecomesOneRowNamingBoth) {
  auto& env = FederatedTestEnv::Get();
  std::set<std::set<std::string>> expected;
  for (const auto& [fact, ids] : EhrFacts()) {
    if (ids.size() > 1) expected.insert(ids);
  }
  ASSERT_FALSE(expected.empty()) << "Riverside should record some EHR results twice";

  auto merged = env.Query("SELECT source_records FROM ehr_lab_fact WHERE source_records LIKE '%,%'");
  ASSERT_TRUE(merged.ok()) << merged.status();
  std::set<std::set<std::string>> found;
  for (const auto& row : merged->rows) {
    std::set<std::string> ids;
    for (absl::string_view r : absl::StrSplit(row[0], ',')) ids.insert(std::string(absl::StripPrefix(r, "ehr:")));
    found.insert(ids);
  }
  EXPECT_EQ(found, expected);

  // Nothing is lost: merged rows plus the records they absorbed are all rows.
  auto counts = env.Query(
      "SELECT (SELECT count(*) FROM ehr_lab_fact), (SELECT count(*) FROM ehr.lab_result)");
  ASSERT_TRUE(counts.ok()) << counts.status();
  int64_t absorbed = 0;
  for (const auto& ids : expected) absorbed += static_cast<int64_t>(ids.size()) - 1;
  EXPECT_EQ(std::stoll(counts->rows[0][0]) + absorbed, std::stoll(counts->rows[0][1]));
  EXPECT_TRUE(env.Query("SELECT * FROM ehr_lab_fact WHERE conflicting").value().rows.empty());
}

TEST(DedupView, AConditionOnTheKeysRunsInTheSourceBeforeMerging) {
  auto plan = FederatedTestEnv::Get().Explain(
      "SELECT * FROM ehr_lab_fact WHERE patient_id = 7 AND loinc_code = '4548-4' AND result_value > 7");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("Deduplicate on [patient_id, loinc_code], observed_at within 60 s"));
  EXPECT_THAT(*plan, HasSubstr("(\"t0\".\"patient_id\" = 7)"));
  // The value condition waits until the reports are merged.
  EXPECT_THAT(*plan, ::testing::Not(HasSubstr("\"result_value\" > 7")));
}

TEST(DedupView, AJoinOnAKeyDropsOtherKeysRowsBeforeMerging) {
  auto& env = FederatedTestEnv::Get();
  // A join (not a filter) restricts the patients, so only the join's built
  // keys can reach below the deduplication.
  const std::string joined =
      "SELECT f.patient_id, f.loinc_code, f.observed_at, f.source_records FROM ehr_lab_fact AS f JOIN (SELECT "
      "patient_id FROM ehr.patient WHERE patient_id <= 40) AS p ON p.patient_id = f.patient_id";
  auto plan = env.Query("EXPLAIN ANALYZE " + joined);
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::string text;
  for (const auto& row : plan->rows) text += row[0] + "\n";
  EXPECT_THAT(text, HasSubstr("KeyFilter"));

  auto rows = env.Query(joined);
  ASSERT_TRUE(rows.ok()) << rows.status();
  auto expected = env.Query(
      "SELECT patient_id, loinc_code, observed_at, source_records FROM ehr_lab_fact WHERE patient_id <= 40");
  ASSERT_TRUE(expected.ok()) << expected.status();
  ASSERT_FALSE(expected->rows.empty());
  std::multiset<std::vector<std::string>> got(rows->rows.begin(), rows->rows.end());
  std::multiset<std::vector<std::string>> want(expected->rows.begin(), expected->rows.end());
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace tessera::testing
