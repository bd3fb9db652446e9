// Person records read through each kind of SQL source: the Riverside demo
// (1,000 people, seed 42) in SQLite files (TESSERA_DIFF_SQLITE_DIR) and as
// loaded into PostgreSQL and MariaDB by the test servers' script. The same
// records must come back from all three, field for field.

#include "engine/identity/sql_record_source.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_connector.h"
#include "engine/identity/riverside_sources.h"
#include "gtest/gtest.h"
#include "tests/testing/backends.h"

namespace tessera::identity {
namespace {

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

// Fingerprints of one source's person records, by record key.
absl::StatusOr<std::map<std::string, uint64_t>> ReadSource(const std::string& source,
                                                           odbc::OdbcSourceOptions options) {
  options.name = source;
  odbc::OdbcConnector connector(options);
  std::optional<TableMapping> mapping = RiversidePersonTable(source);
  if (!mapping.has_value()) return absl::NotFoundError(source);
  SqlRecordSource records(&connector, *mapping);
  QueryContext ctx(absl::Now() + absl::Seconds(60));
  absl::StatusOr<std::vector<PersonRecord>> read = records.ReadAll(ctx);
  if (!read.ok()) return read.status();
  std::map<std::string, uint64_t> out;
  for (const PersonRecord& r : *read) out[absl::StrCat(r.key.record_type, "/", r.key.record_id)] = Fingerprint(r);
  return out;
}

TEST(SqlRecordSource, GeneratesQuotedReadOnlySql) {
  odbc::OdbcSourceOptions options;
  options.name = "lab";
  options.connection_string = "Driver=SQLite3;Database=/nonexistent.db";
  odbc::OdbcConnector sqlite(options);
  SqlRecordSource source(&sqlite, *RiversidePersonTable("lab"));
  absl::StatusOr<std::string> sql = source.Sql();
  ASSERT_TRUE(sql.ok()) << sql.status();
  EXPECT_EQ(*sql,
            "SELECT \"lab_patient_id\", \"patient_name\", \"sex\", \"dob\", \"phone\", \"zip\", \"ehr_mrn\" "
            "FROM \"patient\" ORDER BY \"lab_patient_id\"");
  options.dialect = DialectKind::kMariaDb;
  odbc::OdbcConnector mariadb(options);
  EXPECT_EQ(SqlRecordSource(&mariadb, *RiversidePersonTable("lab")).Sql()->substr(0, 25), "SELECT `lab_patient_id`, ");
  // A source that is not there is an error naming it, not a crash.
  QueryContext ctx(absl::Now() + absl::Seconds(30));
  absl::StatusOr<std::vector<PersonRecord>> read = source.ReadAll(ctx);
  EXPECT_FALSE(read.ok());
}

TEST(SqlRecordSource, SameRecordsFromSqlitePostgresAndMariaDb) {
  const std::string sqlite_dir = Env("TESSERA_DIFF_SQLITE_DIR");
  if (sqlite_dir.empty()) {
    if (testing::ServersRequired()) FAIL() << "TESSERA_DIFF_SQLITE_DIR is not set";
    GTEST_SKIP() << "TESSERA_DIFF_SQLITE_DIR is not set";
  }
  for (const char* source : {"ehr", "lab", "pharmacy"}) {
    odbc::OdbcSourceOptions sqlite;
    sqlite.connection_string = absl::StrCat("Driver=SQLite3;Database=", sqlite_dir, "/", source, ".db");
    absl::StatusOr<std::map<std::string, uint64_t>> expected = ReadSource(source, sqlite);
    ASSERT_TRUE(expected.ok()) << source << ": " << expected.status();
    EXPECT_GT(expected->size(), 500u) << source;
    for (const char* server : {"postgresql", "mariadb"}) {
      absl::StatusOr<testing::Backend> backend = testing::FindBackend(server);
      if (!backend.ok()) {
        if (testing::ServersRequired()) ADD_FAILURE() << backend.status();
        continue;
      }
      odbc::OdbcSourceOptions options;
      options.connection_string = backend->connection_string;
      options.dialect = backend->dialect;
      options.schema = source;  // The script loads each source as a schema (database).
      absl::StatusOr<std::map<std::string, uint64_t>> got = ReadSource(source, options);
      ASSERT_TRUE(got.ok()) << server << " " << source << ": " << got.status();
      EXPECT_EQ(got->size(), expected->size()) << server << " " << source;
      int differing = 0;
      for (const auto& [key, fingerprint] : *expected) {
        auto it = got->find(key);
        differing += it == got->end() || it->second != fingerprint;
      }
      EXPECT_EQ(differing, 0) << server << " " << source;
    }
  }
}

}  // namespace
}  // namespace tessera::identity
