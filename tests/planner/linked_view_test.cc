// The unified view with enterprise patient ids (from a link index holding
// the true links, so that these tests measure the views and the
// deduplication, not the linker): one person's HbA1c results from the EHR
// and the lab come back as one deduplicated list in one vocabulary, each row
// naming the records it stands for, and a condition on the enterprise id
// reaches every source as that source's own ids.

#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "re2/re2.h"
#include "tests/planner/federated_test_env.h"

namespace tessera::testing {
namespace {

using ::testing::HasSubstr;

// Ground truth: for each fact reported more than once, its records as
// "source:record_id".
std::set<std::set<std::string>> TrueDuplicateFacts() {
  std::ifstream in(absl::StrCat(FederatedTestEnv::Linked().data_dir(), "/truth/same_facts.csv"));
  std::string line;
  std::getline(in, line);  // fact_id,source,table,record_id,person_id,loinc,value,unit,effective_at
  std::map<std::string, std::set<std::string>> facts;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ',');
    if (f.size() > 3) facts[f[0]].insert(absl::StrCat(f[1], ":", f[3]));
  }
  std::set<std::set<std::string>> out;
  for (auto& [id, records] : facts) {
    if (records.size() > 1) out.insert(records);
  }
  return out;
}

TEST(LinkedView, AnEnterpriseIdReachesEverySourceAsItsOwnIds) {
  auto& env = FederatedTestEnv::Linked();
  auto plan = env.Explain("SELECT * FROM observation WHERE patient_id = 17 AND code = '4548-4'");
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(*plan, HasSubstr("\"enterprise_id\" = 17"));
  EXPECT_THAT(*plan, HasSubstr("(\"t0\".\"test_code\" IN ('HBA1C', 'A1C'))"));
  EXPECT_THAT(*plan, HasSubstr("Deduplicate on [patient_id, code, category]"));
}

TEST(LinkedView, OnePersonsResultsFromEverySystemAreOneDeduplicatedList) {
  auto& env = FederatedTestEnv::Linked();
  // A person whose HbA1c both the EHR and the lab hold.
  auto who = env.Query(
      "SELECT patient_id FROM observation WHERE code = '4548-4' AND sources = 'ehr,lab' "
      "ORDER BY patient_id LIMIT 1");
  ASSERT_TRUE(who.ok()) << who.status();
  ASSERT_EQ(who->rows.size(), 1u) << "Riverside should report some HbA1c in both systems";
  const std::string id = who->rows[0][0];
  auto rows = env.Query(absl::StrCat(
      "SELECT code, unit, sources, source_records, conflicting FROM observation WHERE patient_id = ", id,
      " AND code = '4548-4' ORDER BY effective_at"));
  ASSERT_TRUE(rows.ok()) << rows.status();
  // Every row is in LOINC and %, and every source record appears once.
  auto records = env.Query(absl::StrCat(
      "SELECT count(*) FROM ehr.lab_result r JOIN identity.link_record l ON l.source = 'ehr' AND "
      "l.record_type = 'patient' AND CAST(l.record_id AS bigint) = r.patient_id WHERE l.enterprise_id = ",
      id, " AND r.loinc_code = '4548-4'"));
  auto lab_records = env.Query(absl::StrCat(
      "SELECT count(*) FROM lab.lab_result r JOIN identity.link_record l ON l.source = 'lab' AND "
      "l.record_type = 'patient' AND CAST(l.record_id AS bigint) = r.lab_patient_id WHERE l.enterprise_id = ",
      id, " AND r.test_code IN ('HBA1C', 'A1C')"));
  ASSERT_TRUE(records.ok() && lab_records.ok());
  size_t listed = 0;
  for (const auto& row : rows->rows) {
    EXPECT_EQ(row[0], "4548-4");
    EXPECT_EQ(row[1], "%");
    listed += std::vector<std::string>(absl::StrSplit(row[3], ',')).size();
  }
  EXPECT_EQ(listed, std::stoul(records->rows[0][0]) + std::stoul(lab_records->rows[0][0]));
  EXPECT_LT(rows->rows.size(), listed) << "some results were reported twice and merged";
}

TEST(LinkedView, DeduplicationAgreesWithTheGroundTruth) {
  auto& env = FederatedTestEnv::Linked();
  auto merged = env.Query("SELECT source_records FROM observation WHERE source_records LIKE '%,%'");
  ASSERT_TRUE(merged.ok()) << merged.status();
  std::set<std::set<std::string>> found;
  for (const auto& row : merged->rows) {
    std::vector<std::string> records = absl::StrSplit(row[0], ',');
    found.insert(std::set<std::string>(records.begin(), records.end()));
  }
  std::set<std::set<std::string>> truth = TrueDuplicateFacts();
  int64_t right = 0;
  for (const auto& f : found) right += truth.count(f);
  const double precision = static_cast<double>(right) / found.size();
  const double recall = static_cast<double>(right) / truth.size();
  RecordProperty("duplicate_facts_true", static_cast<int>(truth.size()));
  RecordProperty("duplicate_facts_found", static_cast<int>(found.size()));
  RecordProperty("duplicate_facts_right", static_cast<int>(right));
  printf("duplicate facts: %zu true, %zu merged, %lld merged exactly right (precision %.4f, recall %.4f)\n",
         truth.size(), found.size(), static_cast<long long>(right), precision, recall);
  EXPECT_GE(precision, 0.99);
  EXPECT_GE(recall, 0.99);
}

}  // namespace
}  // namespace tessera::testing

namespace tessera::testing {
namespace {

TEST(LinkedView, ThePatientIsAGoldenRecordThatNamesEachFieldsSource) {
  auto& env = FederatedTestEnv::Linked();
  auto rows = env.Query(
      "SELECT patient_id, family_name, family_name_source, birth_date, birth_date_source, gender, phone_source, "
      "source_records FROM patient WHERE patient_id = 17");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->rows.size(), 1u);
  const auto& p = rows->rows[0];
  EXPECT_EQ(p[0], "17");
  EXPECT_NE(p[2], "NULL");
  EXPECT_THAT(p[5], ::testing::AnyOf("female", "male", "unknown", "NULL"));
  // The record's fields match the truth's person where the EHR held them.
  std::ifstream in(absl::StrCat(env.data_dir(), "/truth/persons.csv"));
  std::string line;
  std::string truth_birth;
  while (std::getline(in, line)) {
    std::vector<std::string> f = absl::StrSplit(line, ',');
    if (f[0] == "17") truth_birth = f[5];
  }
  if (p[4] == "ehr") EXPECT_EQ(p[3], truth_birth);

  auto plan = env.Explain("SELECT * FROM patient WHERE patient_id = 17");
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(*plan, ::testing::HasSubstr("\"enterprise_id\" = 17"));
  // Every person has exactly one golden record.
  auto counts = env.Query("SELECT count(*), count(DISTINCT patient_id) FROM patient");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->rows[0][0], counts->rows[0][1]);
}

}  // namespace
}  // namespace tessera::testing

namespace tessera::testing {
namespace {

TEST(LinkedView, APatientLookupFetchesOnlyThatPatientsRowsFromEachSource) {
  auto& env = FederatedTestEnv::Linked();
  auto plan = env.Explain("ANALYZE SELECT * FROM observation WHERE patient_id = 17");
  ASSERT_TRUE(plan.ok()) << plan.status();
  // Each branch reads the patient's link rows, then sends their ids to its
  // source (a bind join): no source ships its whole table.
  re2::StringPiece input(*plan);
  int64_t rows = 0;
  std::string source;
  int scans = 0;
  while (RE2::FindAndConsume(&input, R"(fetched (\d+) rows from (\w+))", &rows, &source)) {
    ++scans;
    EXPECT_LT(rows, 100) << source << " shipped " << rows << " rows for one patient:\n" << *plan;
  }
  EXPECT_GT(scans, 4);
}

}  // namespace
}  // namespace tessera::testing
