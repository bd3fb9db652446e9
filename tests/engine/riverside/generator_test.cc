// End-to-end tests of the Riverside generator over real SQLite files: the
// output is deterministic, and the ground truth agrees with the data.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "engine/riverside/riverside.h"
#include "gtest/gtest.h"
#include "tests/engine/riverside/demo_data.h"
#include "tests/engine/riverside/sql_rows.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::riverside {
namespace {

using testing::DemoData;
using testing::Generate;
using testing::ListFiles;
using testing::MakeTestDir;
using testing::ReadCsv;
using testing::ReadFileOrEmpty;
using testing::SqlRow;

GenOptions Options(const std::string& dir, int64_t people) {
  GenOptions options;
  options.people = people;
  options.data_dir = dir;
  return options;
}

TEST(RiversideGenerator, SameSeedIsByteIdentical) {
  std::string a = MakeTestDir("same_seed_a");
  std::string b = MakeTestDir("same_seed_b");
  GenOptions first = Options(a, 400);
  first.threads = 1;
  GenOptions second = Options(b, 400);
  second.threads = 3;  // The split over threads must not matter.
  ASSERT_TRUE(Generate(first).ok());
  ASSERT_TRUE(Generate(second).ok());

  std::vector<std::string> files = ListFiles(a);
  EXPECT_EQ(files, ListFiles(b));
  for (const char* expected :
       {"ehr.db", "lab.db", "pharmacy.db", "devices/registrations.jsonl", "devices/readings.jsonl",
        "truth/persons.csv", "truth/person_records.csv", "truth/same_facts.csv",
        "truth/code_map.csv", "truth/manifest.csv"}) {
    EXPECT_NE(std::find(files.begin(), files.end(), expected), files.end()) << expected;
  }
  for (const std::string& file : files) {
    std::string bytes = ReadFileOrEmpty(absl::StrCat(a, "/", file));
    EXPECT_FALSE(bytes.empty()) << file;
    EXPECT_TRUE(bytes == ReadFileOrEmpty(absl::StrCat(b, "/", file))) << file << " differs";
  }

  // Generating again over existing output replaces it with the same bytes.
  ASSERT_TRUE(Generate(second).ok());
  for (const std::string& file : files) {
    EXPECT_TRUE(ReadFileOrEmpty(absl::StrCat(a, "/", file)) ==
                ReadFileOrEmpty(absl::StrCat(b, "/", file)))
        << file << " differs after regenerating";
  }
}

TEST(RiversideGenerator, DifferentSeedGivesDifferentData) {
  std::string a = MakeTestDir("seed_1");
  std::string b = MakeTestDir("seed_2");
  GenOptions first = Options(a, 200);
  first.seed = 1;
  GenOptions second = Options(b, 200);
  second.seed = 2;
  ASSERT_TRUE(Generate(first).ok());
  ASSERT_TRUE(Generate(second).ok());
  for (const char* file : {"ehr.db", "lab.db", "pharmacy.db", "devices/readings.jsonl",
                           "truth/persons.csv", "truth/person_records.csv"}) {
    EXPECT_NE(ReadFileOrEmpty(absl::StrCat(a, "/", file)),
              ReadFileOrEmpty(absl::StrCat(b, "/", file)))
        << file;
  }
}

TEST(RiversideGenerator, RejectsBadOptions) {
  GenOptions options = Options(MakeTestDir("bad"), 0);
  EXPECT_EQ(Generate(options).code(), absl::StatusCode::kInvalidArgument);
  options.people = 10;
  options.noise = -1;
  EXPECT_EQ(Generate(options).code(), absl::StatusCode::kInvalidArgument);
  options.noise = 1;
  options.rates.typo = 1.5;
  EXPECT_EQ(Generate(options).code(), absl::StatusCode::kInvalidArgument);
  options.rates.typo = 0.03;
  options.data_dir.clear();
  EXPECT_EQ(Generate(options).code(), absl::StatusCode::kInvalidArgument);
}

TEST(RiversideGenerator, ManifestCountsMatchTheFiles) {
  const std::string& dir = DemoData();
  std::map<std::string, std::string> manifest;
  for (const auto& row : ReadCsv(dir + "/truth/manifest.csv"))
    manifest[row.at("key")] = row.at("value");
  EXPECT_EQ(manifest["people"], "1000");
  EXPECT_EQ(manifest["seed"], "42");
  EXPECT_EQ(manifest["as_of"], "2026-11-01");
  const std::pair<const char*, const char*> tables[] = {
      {"ehr", "patient"},          {"ehr", "encounter"},       {"ehr", "condition"},
      {"ehr", "medication_order"}, {"ehr", "vital_sign"},      {"ehr", "procedure"},
      {"ehr", "lab_result"},       {"lab", "patient"},         {"lab", "lab_result"},
      {"pharmacy", "customer"},    {"pharmacy", "dispensing"},
  };
  for (const auto& [source, table] : tables) {
    std::vector<SqlRow> rows =
        testing::QuerySqlite(dir, source, absl::StrCat("SELECT COUNT(*) FROM \"", table, "\""));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(*rows[0][0], manifest[absl::StrCat("rows.", source, ".", table)])
        << source << "." << table;
    EXPECT_NE(*rows[0][0], "0") << source << "." << table;
  }
  EXPECT_EQ(absl::StrCat(testing::ReadLines(dir + "/devices/registrations.jsonl").size()),
            manifest["rows.devices.registrations"]);
  EXPECT_EQ(absl::StrCat(testing::ReadLines(dir + "/devices/readings.jsonl").size()),
            manifest["rows.devices.readings"]);
}

TEST(RiversideGenerator, TruthListsEveryPersonRecordExactlyOnce) {
  const std::string& dir = DemoData();
  std::map<std::pair<std::string, std::string>, int> truth;
  std::set<std::string> people_with_records;
  for (const auto& row : ReadCsv(dir + "/truth/person_records.csv")) {
    ++truth[{row.at("source"), row.at("record_id")}];
    people_with_records.insert(row.at("person_id"));
  }
  std::set<std::string> people;
  for (const auto& row : ReadCsv(dir + "/truth/persons.csv")) people.insert(row.at("person_id"));
  EXPECT_EQ(people.size(), 1000u);
  // Every truth record names a real person, and every person is somewhere.
  EXPECT_EQ(people_with_records, people);

  std::map<std::pair<std::string, std::string>, int> data;
  for (const SqlRow& r : testing::QuerySqlite(dir, "ehr", "SELECT patient_id FROM patient"))
    ++data[{"ehr", *r[0]}];
  for (const SqlRow& r : testing::QuerySqlite(dir, "lab", "SELECT lab_patient_id FROM patient"))
    ++data[{"lab", *r[0]}];
  for (const SqlRow& r :
       testing::QuerySqlite(dir, "pharmacy", "SELECT customer_id FROM customer")) {
    ++data[{"pharmacy", *r[0]}];
  }
  for (const std::string& line : testing::ReadLines(dir + "/devices/registrations.jsonl")) {
    ++data[{"devices", testing::JsonField(line, "registration_id")}];
  }
  for (const auto& [key, count] : truth) {
    EXPECT_EQ(count, 1) << key.first << " " << key.second << " is in the truth " << count
                        << " times";
    EXPECT_EQ(data.count(key), 1u) << key.first << " " << key.second << " is not in the data";
  }
  for (const auto& [key, count] : data) {
    EXPECT_EQ(truth.count(key), 1u) << key.first << " " << key.second << " is not in the truth";
  }
  EXPECT_GT(data.size(), 2000u);
}

}  // namespace
}  // namespace tessera::riverside
