// The link index in a real SQLite file and in the real PostgreSQL and
// MariaDB (when the test command provides them): full replace, load, lookups by enterprise id,
// and an incremental update.

#include "engine/identity/link_store.h"

#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/testing/backends.h"

namespace tessera::identity {
namespace {

// Schema (database) of this test's tables on a server, apart from others'.
constexpr char kSchema[] = "tessera_link_test";

std::vector<PersonRecord> SomeRecords() {
  std::vector<PersonRecord> records;
  const char* sources[] = {"ehr", "lab", "pharmacy", "devices"};
  for (int i = 0; i < 1000; ++i) {
    PersonRecord r;
    r.key = {sources[i % 4], i % 4 == 3 ? "registration" : "patient", absl::StrCat(i % 4 == 3 ? "R" : "", 1000 + i)};
    r.given = absl::StrCat("given", i / 3);
    r.family = "o'neil";  // A quote to escape.
    r.birth = {1950 + i % 50, 1 + i % 12, 1 + i % 28};
    records.push_back(r);
  }
  return records;
}

LinkResult SomeResult(const std::vector<PersonRecord>& records) {
  LinkResult result;
  for (size_t i = 0; i < records.size(); ++i) result.enterprise_ids.push_back(static_cast<int64_t>(i / 3) + 1);
  result.possible_matches = {{0, 3, 0.42}, {5, 9, 0.3}};
  for (int f = 0; f < kNumFields; ++f) {
    int levels = FieldLevels(static_cast<Field>(f));
    for (int l = 0; l < levels; ++l) {
      result.model.m[f].push_back(1.0 / levels + 0.001 * l);
      result.model.u[f].push_back(0.123456789 / (l + 1));
    }
  }
  result.model.prior = 0.0375;
  for (int l = 0; l < FieldLevels(kAddress); ++l) result.model.u_address_same_family.push_back(0.01 * (l + 1));
  return result;
}

class LinkStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    absl::StatusOr<testing::Backend> backend = testing::FindBackend(GetParam());
    if (!backend.ok()) {
      if (testing::ServersRequired()) FAIL() << backend.status();
      GTEST_SKIP() << backend.status();
    }
    backend_ = *backend;
    if (backend_.dialect == DialectKind::kSqlite) {
      const char* tmp = std::getenv("TEST_TMPDIR");
      backend_.connection_string = absl::StrCat("Driver=SQLite3;Database=", tmp ? tmp : "/tmp", "/link_index.db");
    } else {
      backend_.schema = kSchema;
    }
    // Start from no index: the fixture connection drops what a previous run left.
    absl::StatusOr<std::unique_ptr<odbc::Connection>> fixture = testing::OpenFixtureConnection(backend_);
    ASSERT_TRUE(fixture.ok()) << fixture.status();
    const Dialect& d = DialectFor(backend_.dialect);
    for (const char* table : {"link_record", "link_possible", "link_model"}) {
      ASSERT_TRUE((*fixture)->Execute(absl::StrCat("DROP TABLE IF EXISTS ", d.QualifiedName(backend_.schema, table))).ok());
    }
    absl::StatusOr<std::unique_ptr<LinkStore>> store =
        LinkStore::Open(backend_.connection_string, backend_.dialect, backend_.schema);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = *std::move(store);
    ASSERT_TRUE(store_->CreateTables().ok());
  }

  testing::Backend backend_;
  std::unique_ptr<LinkStore> store_;
};

TEST_P(LinkStoreTest, EmptyIndexLoadsAsNoPreviousRun) {
  absl::StatusOr<StoredIndex> index = store_->Load();
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_TRUE(index->records.empty());
  EXPECT_FALSE(index->model.has_value());
  EXPECT_TRUE(store_->CreateTables().ok());  // Idempotent.
}

TEST_P(LinkStoreTest, ReplaceThenLoadRoundTrips) {
  std::vector<PersonRecord> records = SomeRecords();
  LinkResult result = SomeResult(records);
  ASSERT_TRUE(store_->Replace(records, result).ok());

  absl::StatusOr<StoredIndex> index = store_->Load();
  ASSERT_TRUE(index.ok()) << index.status();
  ASSERT_EQ(index->records.size(), records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const IndexedRecord& indexed = index->records.at(records[i].key);
    EXPECT_EQ(indexed.enterprise_id, result.enterprise_ids[i]);
    EXPECT_EQ(indexed.fingerprint, Fingerprint(records[i]));
  }
  ASSERT_TRUE(index->model.has_value());
  EXPECT_NEAR(index->model->prior, 0.0375, 1e-12);
  EXPECT_EQ(index->model->u_address_same_family, result.model.u_address_same_family);
  for (int f = 0; f < kNumFields; ++f) {
    for (size_t l = 0; l < result.model.m[f].size(); ++l) {
      EXPECT_NEAR(index->model->m[f][l], result.model.m[f][l], 1e-12);
      EXPECT_NEAR(index->model->u[f][l], result.model.u[f][l], 1e-12);
    }
  }

  // The planner's lookup: one enterprise id to each source's own ids.
  absl::StatusOr<std::vector<LinkRow>> person = store_->RecordsOf(2);
  ASSERT_TRUE(person.ok()) << person.status();
  ASSERT_EQ(person->size(), 3u);
  EXPECT_EQ((*person)[0].key.source, "devices");
  EXPECT_EQ((*person)[0].key.record_id, "R1003");
  EXPECT_EQ((*person)[1].key.source, "ehr");
  EXPECT_EQ((*person)[2].key.source, "lab");

  // Replacing again leaves only the new contents.
  records.resize(10);
  result.enterprise_ids.resize(10);
  result.possible_matches.clear();
  ASSERT_TRUE(store_->Replace(records, result).ok());
  absl::StatusOr<std::vector<LinkRow>> all = store_->AllRows();
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 10u);
}

TEST_P(LinkStoreTest, UpdateWritesOnlyTheDifference) {
  std::vector<PersonRecord> records = SomeRecords();
  LinkResult result = SomeResult(records);
  ASSERT_TRUE(store_->Replace(records, result).ok());
  absl::StatusOr<StoredIndex> previous = store_->Load();
  ASSERT_TRUE(previous.ok()) << previous.status();

  // One record changed and moved, one removed, one added.
  records[0].given = "renamed";
  result.enterprise_ids[0] = 999;
  RecordKey removed = records[1].key;
  records.erase(records.begin() + 1);
  result.enterprise_ids.erase(result.enterprise_ids.begin() + 1);
  PersonRecord added;
  added.key = {"lab", "patient", "new-1"};
  records.push_back(added);
  result.enterprise_ids.push_back(1000);
  result.possible_matches = {{0, static_cast<uint32_t>(records.size() - 1), 0.5}};
  ASSERT_TRUE(store_->Update(records, result, *previous).ok());

  absl::StatusOr<StoredIndex> index = store_->Load();
  ASSERT_TRUE(index.ok()) << index.status();
  EXPECT_EQ(index->records.size(), records.size());
  EXPECT_FALSE(index->records.contains(removed));
  EXPECT_EQ(index->records.at(records[0].key).enterprise_id, 999);
  EXPECT_EQ(index->records.at(records[0].key).fingerprint, Fingerprint(records[0]));
  EXPECT_EQ(index->records.at(added.key).enterprise_id, 1000);
  EXPECT_EQ(index->records.at(records[5].key).enterprise_id, result.enterprise_ids[5]);
}

INSTANTIATE_TEST_SUITE_P(Backends, LinkStoreTest, ::testing::Values("sqlite", "postgresql", "mariadb"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace
}  // namespace tessera::identity
