// Row estimates from the sources drive the join plan: EXPLAIN shows each
// remote scan's estimate (a SQLite file's is its row count), and a join
// builds on (and sends the keys of) the side estimated smaller, whichever
// order the query names the tables in.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

std::string Count(const std::string& sql) {
  auto rows = FederatedTestEnv::Get().Query(sql);
  EXPECT_TRUE(rows.ok()) << sql << ": " << rows.status();
  return rows.ok() && rows->rows.size() == 1 ? rows->rows[0][0] : "?";
}

// The line of the plan where `text` first appears, or -1.
int LineOf(const std::string& plan, const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(plan, '\n');
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find(text) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

TEST(Cardinality, ExplainShowsEachScansEstimate) {
  auto& env = FederatedTestEnv::Get();
  auto plan = env.Explain("SELECT count(*) FROM lab.patient l JOIN ehr.encounter e ON e.patient_id = l.lab_patient_id");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr(absl::StrCat("estimated ", Count("SELECT count(*) FROM lab.patient"), " rows")));
  EXPECT_THAT(*plan, HasSubstr(absl::StrCat("estimated ", Count("SELECT count(*) FROM ehr.encounter"), " rows")));
}

TEST(Cardinality, TheSmallerSideIsBuiltAndSentAsKeysInEitherOrder) {
  auto& env = FederatedTestEnv::Get();
  // lab.patient has a row per person, ehr's encounters (joined to their
  // patients in ehr itself) several: whichever comes first, the join reads
  // lab's keys first and sends them to ehr.
  ASSERT_LT(std::stoll(Count("SELECT count(*) FROM lab.patient")) * 4,
            std::stoll(Count("SELECT count(*) FROM ehr.encounter")));
  const std::vector<std::string> queries = {
      "SELECT count(*) FROM lab.patient l JOIN ehr.patient p ON p.mrn = l.ehr_mrn "
      "JOIN ehr.encounter e ON e.patient_id = p.patient_id",
      "SELECT count(*) FROM ehr.encounter e JOIN ehr.patient p ON e.patient_id = p.patient_id "
      "JOIN lab.patient l ON l.ehr_mrn = p.mrn"};
  std::vector<std::string> answers;
  for (const std::string& sql : queries) {
    auto plan = env.Explain(sql);
    ASSERT_TRUE(plan.ok()) << plan.status();
    const int join = LineOf(*plan, "HashJoin inner");
    const int ehr = LineOf(*plan, "RemoteScan ehr");
    const int lab = LineOf(*plan, "RemoteScan lab");
    ASSERT_GE(join, 0) << *plan;
    // The probe (left) input is listed first, the build (right) input second.
    EXPECT_LT(join, ehr) << *plan;
    EXPECT_LT(ehr, lab) << "lab, the smaller side, must be the build side:\n" << *plan;
    EXPECT_EQ(LineOf(*plan, "bind join"), ehr + 1) << "ehr must be probed with lab's keys:\n" << *plan;
    answers.push_back(Count(sql));
  }
  EXPECT_EQ(answers[0], answers[1]);
  EXPECT_NE(answers[0], "0");
}

TEST(Cardinality, AKeyLookupIsOneRow) {
  auto& env = FederatedTestEnv::Get();
  // lab.patient is the larger table here, but a lookup by its key leaves
  // one row: that side sends its key.
  const std::string sql =
      "SELECT count(*) FROM lab.patient l JOIN pharmacy.customer c ON c.customer_id = l.lab_patient_id "
      "WHERE l.lab_patient_id = 7";
  auto plan = env.Explain(sql);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("estimated 1 rows"));
  const int lab = LineOf(*plan, "RemoteScan lab");
  const int pharmacy = LineOf(*plan, "RemoteScan pharmacy");
  EXPECT_LT(pharmacy, lab) << *plan;
  EXPECT_EQ(LineOf(*plan, "bind join"), pharmacy + 1) << *plan;
  EXPECT_EQ(Count(sql), Count("SELECT count(*) FROM pharmacy.customer WHERE customer_id = 7"));
}

}  // namespace
}  // namespace tessera::testing
