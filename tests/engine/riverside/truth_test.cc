// The ground truth says what was injected; these tests read the data back and
// check that it says so truthfully: demographics differ from the true person
// exactly as the noise tags say, duplicate persons are present in both the
// data and the truth, and facts reported twice carry the values the truth
// gives once converted to the canonical unit.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "engine/riverside/names.h"
#include "gtest/gtest.h"
#include "tests/engine/riverside/demo_data.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::riverside {
namespace {

using testing::DemoData;
using testing::QuerySqlite;
using testing::ReadCsv;
using testing::SqlRow;

using CsvRow = std::map<std::string, std::string>;

// One person record as a source shows it, reduced to what every source has.
struct Shown {
  std::string source;
  std::string record_id;
  std::string given;
  std::string family;
  std::string birth_date;  // YYYY-MM-DD.
  std::string sex;         // "F", "M" or "" when not recorded.
};

int EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string Upper(absl::string_view s) { return absl::AsciiStrToUpper(s); }

int CountTag(const std::string& noise, absl::string_view tag) {
  int n = 0;
  for (absl::string_view t : absl::StrSplit(noise, ';')) n += t == tag ? 1 : 0;
  return n;
}

std::string SwapDayMonth(const std::string& iso) {
  std::vector<std::string> parts = absl::StrSplit(iso, '-');
  return absl::StrCat(parts[0], "-", parts[2], "-", parts[1]);
}

std::vector<Shown> ShownRecords(const std::string& dir) {
  std::vector<Shown> shown;
  for (const SqlRow& r : QuerySqlite(dir, "ehr",
                                     "SELECT patient_id, given_name, family_name, birth_date, sex "
                                     "FROM patient")) {
    shown.push_back({"ehr", *r[0], *r[1], *r[2], *r[3], r[4].value_or("")});
  }
  for (const SqlRow& r :
       QuerySqlite(dir, "lab", "SELECT lab_patient_id, patient_name, dob, sex FROM patient")) {
    // "FAMILY, GIVEN M" and MM/DD/YYYY.
    std::pair<std::string, std::string> name = absl::StrSplit(*r[1], absl::MaxSplits(", ", 1));
    std::vector<std::string> dob = absl::StrSplit(*r[2], '/');
    std::string given = std::vector<std::string>(absl::StrSplit(name.second, ' '))[0];
    shown.push_back({"lab", *r[0], given, name.first,
                     absl::StrCat(dob[2], "-", dob[0], "-", dob[1]), *r[3] == "U" ? "" : *r[3]});
  }
  for (const SqlRow& r :
       QuerySqlite(dir, "pharmacy",
                   "SELECT customer_id, first_name, last_name, date_of_birth, gender "
                   "FROM customer")) {
    std::string sex = !r[4].has_value() ? "" : *r[4] == "Female" ? "F" : "M";
    shown.push_back({"pharmacy", *r[0], *r[1], *r[2], *r[3], sex});
  }
  for (const std::string& line : testing::ReadLines(dir + "/devices/registrations.jsonl")) {
    std::pair<std::string, std::string> name =
        absl::StrSplit(testing::JsonField(line, "owner_name"), absl::MaxSplits(' ', 1));
    // The hub does not ask for sex.
    shown.push_back({"devices", testing::JsonField(line, "registration_id"), name.first,
                     name.second, testing::JsonField(line, "owner_birth_date"), "?"});
  }
  return shown;
}

TEST(RiversideTruth, NoiseTagsDescribeEveryDifferenceFromTheTruePerson) {
  const std::string& dir = DemoData();
  std::map<std::string, CsvRow> persons;
  for (CsvRow& row : ReadCsv(dir + "/truth/persons.csv")) persons[row["person_id"]] = row;
  std::map<std::pair<std::string, std::string>, CsvRow> truth;
  for (CsvRow& row : ReadCsv(dir + "/truth/person_records.csv")) {
    truth[{row["source"], row["record_id"]}] = row;
  }
  std::map<std::string, int> tagged;
  for (const Shown& s : ShownRecords(dir)) {
    SCOPED_TRACE(absl::StrCat(s.source, " record ", s.record_id));
    auto it = truth.find({s.source, s.record_id});
    ASSERT_NE(it, truth.end());
    const std::string& noise = it->second.at("noise");
    const CsvRow& person = persons.at(it->second.at("person_id"));
    for (absl::string_view tag : absl::StrSplit(noise, ';', absl::SkipEmpty()))
      ++tagged[std::string(tag)];

    std::string true_birth = person.at("birth_date");
    if (CountTag(noise, "swapped_day_month") > 0) {
      EXPECT_EQ(s.birth_date, SwapDayMonth(true_birth));
      EXPECT_NE(s.birth_date, true_birth);
    } else {
      EXPECT_EQ(s.birth_date, true_birth);
    }

    int family_typos = CountTag(noise, "typo:family");
    int family_distance = EditDistance(Upper(s.family), Upper(person.at("family_name")));
    if (family_typos == 0) {
      EXPECT_EQ(family_distance, 0) << s.family << " vs " << person.at("family_name");
    } else {
      EXPECT_LE(family_distance, 2 * family_typos)
          << s.family << " vs " << person.at("family_name");
    }

    std::string true_given = person.at("given_name");
    int given_typos = CountTag(noise, "typo:given");
    std::vector<std::string> allowed = {Upper(true_given)};
    if (CountTag(noise, "nickname") > 0) {
      allowed.clear();
      for (const char* nickname : NicknamesOf(true_given)) allowed.push_back(Upper(nickname));
      ASSERT_FALSE(allowed.empty()) << true_given << " has no nicknames";
    }
    int given_distance = 1000;
    for (const std::string& a : allowed)
      given_distance = std::min(given_distance, EditDistance(Upper(s.given), a));
    EXPECT_LE(given_distance, 2 * given_typos) << s.given << " vs " << true_given;

    if (s.sex != "?") {
      if (CountTag(noise, "missing:sex") > 0) {
        EXPECT_EQ(s.sex, "");
      } else {
        EXPECT_EQ(s.sex, person.at("sex"));
      }
    }
  }
  // At the default rates a 1,000-person dataset has every kind of noise.
  for (const char* tag : {"nickname", "typo:family", "typo:given", "swapped_day_month",
                          "missing:phone", "missing:zip", "missing:middle"}) {
    EXPECT_GT(tagged[tag], 0) << tag;
  }
}

TEST(RiversideTruth, DuplicatePersonsAreInTheDataAndTheTruth) {
  const std::string& dir = DemoData();
  // person -> source -> (primary records, duplicate records)
  std::map<std::string, std::map<std::string, std::pair<int, int>>> counts;
  int duplicates = 0;
  std::set<std::string> sources_with_duplicates;
  for (CsvRow& row : ReadCsv(dir + "/truth/person_records.csv")) {
    auto& c = counts[row["person_id"]][row["source"]];
    if (row["duplicate"] == "1") {
      ++c.second;
      ++duplicates;
      sources_with_duplicates.insert(row["source"]);
    } else {
      ++c.first;
    }
  }
  for (const auto& [person, by_source] : counts) {
    for (const auto& [source, c] : by_source) {
      // The original registration is always there: one per source (one per
      // device in the hub), plus at most one duplicate.
      if (source == "devices") {
        EXPECT_GE(c.first, 1) << "person " << person;
      } else {
        EXPECT_EQ(c.first, 1) << "person " << person << " in " << source;
      }
      EXPECT_LE(c.second, 1) << "person " << person << " in " << source;
    }
  }
  EXPECT_GT(duplicates, 20);
  // The device hub has too few people at 1,000 to be sure of a duplicate;
  // the other sources are.
  for (const char* source : {"ehr", "lab", "pharmacy"}) {
    EXPECT_EQ(sources_with_duplicates.count(source), 1u) << source;
  }

  // The duplicate's records hold facts of their own, as a real second chart does.
  std::set<std::string> ehr_duplicates;
  for (CsvRow& row : ReadCsv(dir + "/truth/person_records.csv")) {
    if (row["source"] == "ehr" && row["duplicate"] == "1") ehr_duplicates.insert(row["record_id"]);
  }
  int with_encounters = 0;
  for (const SqlRow& r : QuerySqlite(dir, "ehr", "SELECT DISTINCT patient_id FROM encounter")) {
    with_encounters += ehr_duplicates.count(*r[0]);
  }
  EXPECT_GT(with_encounters, 0);
}

struct CodeMapping {
  std::string standard_code;
  std::string standard_unit;
  double factor = 1;
};

TEST(RiversideTruth, SameFactsCarryTheTruthsValuesAfterUnitConversion) {
  const std::string& dir = DemoData();
  std::map<std::pair<std::string, std::string>, CodeMapping> lab_codes, ehr_codes;
  for (CsvRow& row : ReadCsv(dir + "/truth/code_map.csv")) {
    CodeMapping m{row["standard_code"], row["standard_unit"], 0};
    ASSERT_TRUE(absl::SimpleAtod(row["factor"], &m.factor));
    if (row["source"] == "lab") lab_codes[{row["code"], row["unit"]}] = m;
    if (row["source"] == "ehr" && row["table"] == "lab_result")
      ehr_codes[{row["code"], row["unit"]}] = m;
  }
  std::map<std::pair<std::string, std::string>, std::string> person_of;
  for (CsvRow& row : ReadCsv(dir + "/truth/person_records.csv")) {
    person_of[{row["source"], row["record_id"]}] = row["person_id"];
  }
  // id -> (record, code, unit, value, time)
  using Fact = std::vector<std::string>;
  std::map<std::string, Fact> lab_rows, ehr_rows;
  for (const SqlRow& r : QuerySqlite(dir, "lab",
                                     "SELECT result_id, lab_patient_id, test_code, units, "
                                     "result_value, collected_at FROM lab_result")) {
    lab_rows[*r[0]] = {*r[1], *r[2], *r[3], *r[4], *r[5]};
  }
  for (const SqlRow& r : QuerySqlite(dir, "ehr",
                                     "SELECT lab_result_id, patient_id, loinc_code, unit, "
                                     "result_value, observed_at FROM lab_result")) {
    ehr_rows[*r[0]] = {*r[1], *r[2], *r[3], *r[4], *r[5]};
  }

  std::map<std::string, std::set<std::string>> sources_of_fact;
  int converted = 0;
  int facts = 0;
  for (CsvRow& f : ReadCsv(dir + "/truth/same_facts.csv")) {
    SCOPED_TRACE(absl::StrCat("fact ", f["fact_id"], " ", f["source"], " row ", f["record_id"]));
    ++facts;
    sources_of_fact[f["fact_id"]].insert(f["source"]);
    bool from_lab = f["source"] == "lab";
    const auto& rows = from_lab ? lab_rows : ehr_rows;
    auto row = rows.find(f["record_id"]);
    ASSERT_NE(row, rows.end());
    const Fact& data = row->second;
    std::string person = person_of[{f["source"], data[0]}];
    EXPECT_EQ(person, f["person_id"]);
    const auto& codes = from_lab ? lab_codes : ehr_codes;
    auto mapping = codes.find({data[1], data[2]});
    ASSERT_NE(mapping, codes.end()) << data[1] << " in " << data[2] << " is not in the code map";
    EXPECT_EQ(mapping->second.standard_code, f["loinc"]);
    EXPECT_EQ(mapping->second.standard_unit, f["unit"]);
    double value = 0, truth = 0;
    ASSERT_TRUE(absl::SimpleAtod(data[3], &value));
    ASSERT_TRUE(absl::SimpleAtod(f["value"], &truth));
    double canonical = value * mapping->second.factor;
    if (mapping->second.factor == 1) {
      // Reported in the canonical unit: exactly the true value.
      EXPECT_NEAR(canonical, truth, 1e-9);
    } else {
      // Converted: off by at most the rounding of the reported unit.
      ++converted;
      EXPECT_NEAR(canonical, truth, 0.02 * std::fabs(truth) + 0.01);
    }
    EXPECT_TRUE(absl::StartsWith(data[4], f["effective_at"])) << data[4];
  }
  EXPECT_GT(facts, 1000);
  EXPECT_GT(converted, 100);
  for (const auto& [fact, sources] : sources_of_fact) {
    EXPECT_EQ(sources, (std::set<std::string>{"ehr", "lab"})) << "fact " << fact;
  }
}

}  // namespace
}  // namespace tessera::riverside
