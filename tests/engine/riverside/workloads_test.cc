// The benchmark workloads need the demo population to give each of them a
// non-trivial answer. These tests ask the questions directly over the
// SQLite files (joining sources through the ground truth where a question
// spans systems) and check that the answers are neither empty nor everyone.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/engine/riverside/demo_data.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::riverside {
namespace {

using testing::DemoData;
using testing::JsonField;
using testing::QuerySqlite;
using testing::ReadCsv;
using testing::SqlRow;

using CsvRow = std::map<std::string, std::string>;

// (source, record id) -> person id, from the truth.
std::map<std::pair<std::string, std::string>, std::string> PersonOf(const std::string& dir) {
  std::map<std::pair<std::string, std::string>, std::string> person_of;
  for (CsvRow& row : ReadCsv(dir + "/truth/person_records.csv")) {
    person_of[{row["source"], row["record_id"]}] = row["person_id"];
  }
  return person_of;
}

std::set<std::string> FirstColumn(const std::vector<SqlRow>& rows) {
  std::set<std::string> out;
  for (const SqlRow& r : rows) out.insert(*r[0]);
  return out;
}

TEST(RiversideWorkloads, HeartFailurePatientsGainWeightAtHome) {
  const std::string& dir = DemoData();
  std::set<std::string> hf_patients = FirstColumn(QuerySqlite(
      dir, "ehr", "SELECT DISTINCT patient_id FROM condition WHERE icd10_code LIKE 'I50%'"));
  EXPECT_GE(hf_patients.size(), 15u);

  // Weight readings per registration, in pounds, in time order.
  std::map<std::string, std::vector<std::pair<std::string, double>>> weights;
  for (const std::string& line : testing::ReadLines(dir + "/devices/readings.jsonl")) {
    if (JsonField(line, "type") != "weight") continue;
    double value = 0;
    ASSERT_TRUE(absl::SimpleAtod(JsonField(line, "value"), &value));
    if (JsonField(line, "unit") == "kg") value /= 0.45359237;
    weights[JsonField(line, "registration_id")].push_back({JsonField(line, "measured_at"), value});
  }
  auto person_of = PersonOf(dir);
  std::map<std::string, std::string> chronic;
  for (CsvRow& row : ReadCsv(dir + "/truth/persons.csv"))
    chronic[row["person_id"]] = row["chronic_conditions"];

  // A gain of at least 10 lb between two readings at most 7 days apart.
  auto days_between = [](const std::string& a, const std::string& b) {
    auto day = [](const std::string& t) {
      int y = 0, m = 0, d = 0;
      absl::SimpleAtoi(t.substr(0, 4), &y);
      absl::SimpleAtoi(t.substr(5, 2), &m);
      absl::SimpleAtoi(t.substr(8, 2), &d);
      return absl::CivilDay(y, m, d) - absl::CivilDay(1970, 1, 1);
    };
    return day(b) - day(a);
  };
  int alerts = 0;
  for (const auto& [registration, readings] : weights) {
    bool gained = false;
    for (size_t i = 0; i < readings.size() && !gained; ++i) {
      for (size_t j = i + 1;
           j < readings.size() && days_between(readings[i].first, readings[j].first) <= 7; ++j) {
        if (readings[j].second - readings[i].second >= 10) gained = true;
      }
    }
    if (!gained) continue;
    ++alerts;
    // Nobody without heart failure swings 10 lb in a week.
    const std::string& conditions = chronic[person_of[{"devices", registration}]];
    EXPECT_NE(conditions.find("heart failure"), std::string::npos) << registration;
  }
  EXPECT_GE(alerts, 3);
  EXPECT_LT(alerts, static_cast<int>(weights.size()));
}

TEST(RiversideWorkloads, DiabeticsHaveHba1cResultsAndSomeEyeExams) {
  const std::string& dir = DemoData();
  std::set<std::string> diabetics = FirstColumn(QuerySqlite(
      dir, "ehr", "SELECT DISTINCT patient_id FROM condition WHERE icd10_code LIKE 'E11%'"));
  std::set<std::string> high_a1c =
      FirstColumn(QuerySqlite(dir, "ehr",
                              "SELECT DISTINCT patient_id FROM lab_result WHERE loinc_code = "
                              "'4548-4' AND result_value >= 6.5"));
  std::set<std::string> eye_exams = FirstColumn(QuerySqlite(
      dir, "ehr",
      "SELECT DISTINCT patient_id FROM procedure WHERE cpt_code IN ('92250', '2022F')"));
  EXPECT_GE(diabetics.size(), 50u);
  int diabetic_high = 0, diabetic_eye = 0;
  for (const std::string& p : diabetics) {
    diabetic_high += high_a1c.count(p);
    diabetic_eye += eye_exams.count(p);
  }
  EXPECT_GE(diabetic_high, 20);
  EXPECT_LT(diabetic_high, static_cast<int>(diabetics.size()));
  // Some diabetics had an eye exam and some are overdue: a care-gap list.
  EXPECT_GE(diabetic_eye, 10);
  EXPECT_LT(diabetic_eye, static_cast<int>(diabetics.size()));
}

TEST(RiversideWorkloads, SomeWarfarinPatientsAreAlsoPrescribedNsaids) {
  const std::string& dir = DemoData();
  std::set<std::string> warfarin_ndcs;
  for (CsvRow& row : ReadCsv(dir + "/truth/code_map.csv")) {
    if (row["code_column"] == "ndc" && row["standard_code"] == "855332")
      warfarin_ndcs.insert(row["code"]);
  }
  ASSERT_FALSE(warfarin_ndcs.empty());
  std::string in_list;
  for (const std::string& ndc : warfarin_ndcs)
    absl::StrAppend(&in_list, in_list.empty() ? "'" : ",'", ndc, "'");
  // The data's "today" is 2026-11-01; 90 days back is 2026-08-03.
  std::set<std::string> warfarin_customers =
      FirstColumn(QuerySqlite(dir, "pharmacy",
                              absl::StrCat("SELECT DISTINCT customer_id FROM dispensing WHERE "
                                           "dispensed_on >= '2026-08-03' AND ndc IN (",
                                           in_list, ")")));
  std::set<std::string> nsaid_patients =
      FirstColumn(QuerySqlite(dir, "ehr",
                              "SELECT DISTINCT patient_id FROM medication_order WHERE rxnorm_code "
                              "IN ('197806', '197807', '198014') "
                              "AND ordered_at >= '2026-05-01'"));
  auto person_of = PersonOf(dir);
  std::set<std::string> on_warfarin, on_nsaid;
  for (const std::string& c : warfarin_customers) on_warfarin.insert(person_of[{"pharmacy", c}]);
  for (const std::string& p : nsaid_patients) on_nsaid.insert(person_of[{"ehr", p}]);
  int both = 0;
  for (const std::string& p : on_warfarin) both += on_nsaid.count(p);
  EXPECT_GE(on_warfarin.size(), 8u);
  EXPECT_GE(both, 1);
  EXPECT_LT(both, static_cast<int>(on_warfarin.size()));
}

TEST(RiversideWorkloads, BloodPressureIsMeasuredRepeatedly) {
  const std::string& dir = DemoData();
  std::vector<SqlRow> rows = QuerySqlite(dir, "ehr",
                                         "SELECT patient_id, COUNT(*) FROM vital_sign WHERE "
                                         "systolic_mmhg IS NOT NULL GROUP BY patient_id "
                                         "HAVING COUNT(*) >= 3");
  EXPECT_GE(rows.size(), 300u);
}

TEST(RiversideWorkloads, AgesAndZipCodesAreSpread) {
  const std::string& dir = DemoData();
  int before_1950 = 0, total = 0;
  std::set<std::string> zip3;
  for (CsvRow& row : ReadCsv(dir + "/truth/persons.csv")) {
    ++total;
    if (row["birth_date"] < "1950-01-01") ++before_1950;
    zip3.insert(row["zip"].substr(0, 3));
  }
  EXPECT_GE(before_1950, total / 12);
  EXPECT_GE(zip3.size(), 5u);
  std::set<std::string> ehr_zip3 = FirstColumn(QuerySqlite(
      dir, "ehr", "SELECT DISTINCT substr(zip, 1, 3) FROM patient WHERE zip IS NOT NULL"));
  EXPECT_GE(ehr_zip3.size(), 5u);
}

}  // namespace
}  // namespace tessera::riverside
