// Loading the demo dataset into PostgreSQL and MariaDB. The servers are
// named by TESSERA_PG_CONN and TESSERA_MARIADB_CONN (ODBC connection
// strings, as `scripts/lib/servers.sh env` prints them); without one the test
// is skipped, unless TESSERA_REQUIRE_SERVERS=1, in which case it fails.
//
// The tests load the default demo dataset (1,000 people, seed 42), so they
// overwrite the ehr, lab and pharmacy schemas with the very data `tessera gen`
// would put there.

#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/riverside/riverside.h"
#include "gtest/gtest.h"
#include "tests/engine/riverside/demo_data.h"
#include "tests/engine/riverside/sql_rows.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::riverside {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// Generates the demo dataset into a fresh directory and the given server,
// then checks every table's row count there against the manifest.
void LoadAndCount(DialectKind dialect, const char* variable, const std::string& test_dir) {
  std::string connection = Env(variable);
  if (connection.empty()) {
    if (Env("TESSERA_REQUIRE_SERVERS") == "1") {
      FAIL() << variable << " is not set but TESSERA_REQUIRE_SERVERS=1";
    }
    GTEST_SKIP() << variable << " is not set; pass --test_env=" << variable
                 << "=... to load into a real server";
  }
  GenOptions options;
  options.people = 1000;
  options.data_dir = testing::MakeTestDir(test_dir);
  if (dialect == DialectKind::kPostgres) options.postgres_connection = connection;
  if (dialect == DialectKind::kMariaDb) options.mariadb_connection = connection;
  absl::Status status = testing::Generate(options);
  ASSERT_TRUE(status.ok()) << status;

  const Dialect& d = DialectFor(dialect);
  int tables = 0;
  for (auto& row : testing::ReadCsv(options.data_dir + "/truth/manifest.csv")) {
    const std::string& key = row["key"];
    if (key.rfind("rows.", 0) != 0 || key.rfind("rows.devices.", 0) == 0) continue;
    std::string source = key.substr(5, key.find('.', 5) - 5);
    std::string table = key.substr(key.find('.', 5) + 1);
    absl::StatusOr<std::vector<testing::SqlRow>> rows = testing::QueryRows(
        connection, dialect, absl::StrCat("SELECT COUNT(*) FROM ", d.QualifiedName(source, table)));
    ASSERT_TRUE(rows.ok()) << rows.status();
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ((*rows)[0][0].value_or("NULL"), row["value"]) << source << "." << table;
    ++tables;
  }
  EXPECT_EQ(tables, 11);
  if (dialect != DialectKind::kPostgres) return;
  // PostgreSQL also holds the truth files as schema truth, row for row.
  for (const char* table : {"persons", "person_records", "same_facts", "code_map"}) {
    std::vector<std::map<std::string, std::string>> csv =
        testing::ReadCsv(absl::StrCat(options.data_dir, "/truth/", table, ".csv"));
    absl::StatusOr<std::vector<testing::SqlRow>> rows =
        testing::QueryRows(connection, dialect, absl::StrCat("SELECT COUNT(*) FROM truth.", table));
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_EQ((*rows)[0][0].value_or("NULL"), absl::StrCat(csv.size())) << "truth." << table;
  }
  // The same person behind the same record, and the same fact values.
  absl::StatusOr<std::vector<testing::SqlRow>> sums = testing::QueryRows(
      connection, dialect,
      "SELECT (SELECT SUM(person_id * length(record_id)) FROM truth.person_records), "
      "(SELECT SUM(value * fact_id) FROM truth.same_facts)");
  ASSERT_TRUE(sums.ok()) << sums.status();
  int64_t records = 0;
  for (auto& row : testing::ReadCsv(options.data_dir + "/truth/person_records.csv")) {
    records += std::stoll(row["person_id"]) * static_cast<int64_t>(row["record_id"].size());
  }
  double facts = 0;
  for (auto& row : testing::ReadCsv(options.data_dir + "/truth/same_facts.csv")) {
    facts += std::stod(row["value"]) * std::stod(row["fact_id"]);
  }
  EXPECT_EQ((*sums)[0][0].value_or("NULL"), absl::StrCat(records));
  EXPECT_NEAR(std::stod((*sums)[0][1].value_or("0")), facts, 1e-6 * facts);
}

TEST(RiversideServers, PostgresRowCountsMatchTheGeneratedCounts) {
  LoadAndCount(DialectKind::kPostgres, "TESSERA_PG_CONN", "postgres");
}

TEST(RiversideServers, MariaDbRowCountsMatchTheGeneratedCounts) {
  LoadAndCount(DialectKind::kMariaDb, "TESSERA_MARIADB_CONN", "mariadb");
}

}  // namespace
}  // namespace tessera::riverside
