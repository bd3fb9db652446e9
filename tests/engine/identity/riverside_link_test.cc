// Linking generated Riverside data end to end: person records read from
// real SQLite files through the sources' connectors and from the device
// file, linked, and scored against the generator's ground truth; then an
// incremental run after a source gained records.

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "connectors/odbc/odbc_connection.h"
#include "engine/catalog/source_registry.h"
#include "engine/identity/evaluation.h"
#include "engine/identity/link_job.h"
#include "engine/identity/link_store.h"
#include "engine/identity/linker.h"
#include "engine/identity/riverside_sources.h"
#include "engine/riverside/riverside.h"
#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

constexpr int kPeople = 1500;

// A fresh empty directory under TEST_TMPDIR.
std::string MakeTestDir(const std::string& name) {
  const char* base = std::getenv("TEST_TMPDIR");
  std::string dir = std::string(base != nullptr ? base : "/tmp") + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// 1,500 people at the default noise, generated once per test binary.
const std::string& Data() {
  static const std::string* dir = [] {
    auto* d = new std::string(MakeTestDir("riverside_link"));
    riverside::GenOptions options;
    options.people = kPeople;
    options.data_dir = *d;
    std::ostringstream progress;
    absl::Status status = riverside::GenerateRiverside(options, progress);
    if (!status.ok()) ADD_FAILURE() << "generating Riverside: " << status;
    return d;
  }();
  return *dir;
}

config::TesseraConfig SqliteConfig(const std::string& dir) {
  config::TesseraConfig cfg;
  for (const char* name : {"ehr", "lab", "pharmacy"}) {
    config::Source* source = cfg.add_source();
    source->set_name(name);
    source->mutable_odbc()->set_dialect(config::SQLITE);
    source->mutable_odbc()->set_connection_string(absl::StrCat("Driver=SQLite3;Database=", dir, "/", name, ".db"));
  }
  return cfg;
}

struct Sources {
  std::unique_ptr<SourceRegistry> registry;
  std::vector<std::unique_ptr<RecordSource>> owned;
  std::vector<RecordSource*> list;
};

Sources OpenSources(const std::string& sql_dir, const std::string& device_file) {
  Sources s;
  absl::StatusOr<std::unique_ptr<SourceRegistry>> registry = SourceRegistry::Create(SqliteConfig(sql_dir));
  EXPECT_TRUE(registry.ok()) << registry.status();
  s.registry = *std::move(registry);
  s.owned = RiversideRecordSources(*s.registry, device_file);
  for (auto& r : s.owned) s.list.push_back(r.get());
  return s;
}

std::vector<PersonRecord> ReadAll(Sources& sources) {
  std::vector<PersonRecord> records;
  for (RecordSource* source : sources.list) {
    QueryContext ctx;
    absl::StatusOr<std::vector<PersonRecord>> r = source->ReadAll(ctx);
    EXPECT_TRUE(r.ok()) << source->description() << ": " << r.status();
    if (r.ok()) records.insert(records.end(), r->begin(), r->end());
  }
  return records;
}

absl::flat_hash_map<RecordKey, int64_t> Truth() {
  absl::StatusOr<absl::flat_hash_map<RecordKey, int64_t>> truth =
      LoadRiversideTruth(Data() + "/truth/person_records.csv");
  EXPECT_TRUE(truth.ok()) << truth.status();
  return truth.ok() ? *truth : absl::flat_hash_map<RecordKey, int64_t>{};
}

PairScores Score(const std::vector<PersonRecord>& records, const std::vector<int64_t>& ids,
                 const absl::flat_hash_map<RecordKey, int64_t>& truth) {
  std::vector<int64_t> actual;
  for (const PersonRecord& r : records) {
    auto it = truth.find(r.key);
    EXPECT_NE(it, truth.end()) << r.key.source << " " << r.key.record_id << " is not in the truth";
    actual.push_back(it == truth.end() ? -1 : it->second);
  }
  return ScorePairs(ids, actual);
}

TEST(RiversideLink, ReadsEverySourcesPersonRecords) {
  Sources sources = OpenSources(Data(), Data() + "/devices/registrations.jsonl");
  ASSERT_EQ(sources.list.size(), 4u);  // ehr, lab, pharmacy, devices.
  std::vector<PersonRecord> records = ReadAll(sources);
  absl::flat_hash_map<RecordKey, int64_t> truth = Truth();
  // Every person record of every source, exactly once.
  EXPECT_EQ(records.size(), truth.size());
  std::map<std::string, int> per_source;
  int with_birth = 0, with_family = 0;
  for (const PersonRecord& r : records) {
    ++per_source[r.key.source];
    with_birth += r.birth.known();
    with_family += !r.family.empty();
  }
  EXPECT_EQ(per_source.size(), 4u);
  EXPECT_EQ(with_birth, static_cast<int>(records.size()));  // Riverside never drops a birth date.
  EXPECT_EQ(with_family, static_cast<int>(records.size()));
}

TEST(RiversideLink, LinksDefaultNoiseWithHighF1) {
  Sources sources = OpenSources(Data(), Data() + "/devices/registrations.jsonl");
  std::vector<PersonRecord> records = ReadAll(sources);
  LinkResult result = LinkRecords(records, LinkOptions());
  EXPECT_TRUE(result.stats.em_converged);
  EXPECT_GT(result.stats.deterministic_links, 0);
  EXPECT_GT(result.stats.matches, 0);
  PairScores s = Score(records, result.enterprise_ids, Truth());
  // Measured 1.0000 / 1.0000 here; the floors leave room for small changes.
  EXPECT_GE(s.precision(), 0.99);
  EXPECT_GE(s.recall(), 0.98);
  EXPECT_GE(s.f1(), 0.98);
  // About one enterprise id per person.
  EXPECT_NEAR(result.stats.clusters, kPeople, kPeople * 0.03);
}

// The first run sees a lab system missing its newest 150 patients; the
// second sees them all. The new records must join their people's existing
// clusters (or start their own), and every earlier record keep its id.
TEST(RiversideLink, IncrementalRunLinksOnlyNewRecords) {
  const std::string before = MakeTestDir("incremental_before");
  for (const char* file : {"ehr.db", "lab.db", "pharmacy.db"}) {
    std::filesystem::copy_file(Data() + "/" + file, before + "/" + file);
  }
  {
    // A fixture edit on the test's own copy, never on a source the engine reads.
    absl::StatusOr<std::unique_ptr<odbc::Connection>> fixture =
        odbc::Connection::Open("fixture", absl::StrCat("Driver=SQLite3;Database=", before, "/lab.db"),
                               DialectKind::kSqlite, odbc::AccessMode::kReadWrite);
    ASSERT_TRUE(fixture.ok()) << fixture.status();
    ASSERT_TRUE((*fixture)
                    ->Execute("DELETE FROM patient WHERE lab_patient_id > (SELECT MAX(lab_patient_id) - 150 FROM patient)")
                    .ok());
  }
  const std::string devices = Data() + "/devices/registrations.jsonl";
  const std::string store_path = before + "/link.db";
  absl::StatusOr<std::unique_ptr<LinkStore>> store =
      LinkStore::Open(absl::StrCat("Driver=SQLite3;Database=", store_path), DialectKind::kSqlite);
  ASSERT_TRUE(store.ok()) << store.status();

  Sources first_sources = OpenSources(before, devices);
  absl::StatusOr<LinkJobReport> first = RunLinkJob(first_sources.list, **store, {}, nullptr);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_FALSE(first->incremental);
  absl::StatusOr<std::vector<LinkRow>> rows_before = (*store)->AllRows();
  ASSERT_TRUE(rows_before.ok()) << rows_before.status();
  ASSERT_EQ(rows_before->size(), first->records.size());

  Sources second_sources = OpenSources(Data(), devices);
  absl::StatusOr<LinkJobReport> second = RunLinkJob(second_sources.list, **store, {}, nullptr);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(second->incremental);
  EXPECT_EQ(second->result.stats.new_records, 150);
  EXPECT_EQ(second->result.stats.removed_records, 0);
  // Only pairs involving a new record are compared.
  EXPECT_LT(second->result.stats.candidate_pairs, first->result.stats.candidate_pairs / 10);

  // Earlier records keep their ids (unless a new record merged two of their
  // clusters, which the run reports).
  absl::StatusOr<std::vector<LinkRow>> rows_after = (*store)->AllRows();
  ASSERT_TRUE(rows_after.ok()) << rows_after.status();
  EXPECT_EQ(rows_after->size(), second->records.size());
  absl::flat_hash_map<RecordKey, int64_t> after_ids;
  for (const LinkRow& row : *rows_after) after_ids[row.key] = row.enterprise_id;
  int64_t changed = 0;
  for (const LinkRow& row : *rows_before) changed += after_ids.at(row.key) != row.enterprise_id;
  EXPECT_EQ(changed, second->result.stats.reassigned_records);
  EXPECT_LE(changed, 5);

  // Each new record is with its person's earlier records where there are any.
  absl::flat_hash_map<RecordKey, int64_t> truth = Truth();
  std::map<int64_t, std::map<int64_t, int>> ids_of_person;  // person -> id -> earlier records
  absl::flat_hash_set<RecordKey> earlier;
  for (const LinkRow& row : *rows_before) {
    ++ids_of_person[truth.at(row.key)][after_ids.at(row.key)];
    earlier.insert(row.key);
  }
  int placed = 0, correct = 0, new_clusters = 0;
  for (const PersonRecord& r : second->records) {
    if (earlier.contains(r.key)) continue;
    auto person = ids_of_person.find(truth.at(r.key));
    if (person == ids_of_person.end()) {
      ++new_clusters;
      continue;
    }
    ++placed;
    int64_t best = 0;
    int most = 0;
    for (const auto& [id, n] : person->second) {
      if (n > most) best = id, most = n;
    }
    correct += after_ids.at(r.key) == best;
  }
  EXPECT_EQ(placed + new_clusters, 150);
  EXPECT_GT(placed, 100);
  EXPECT_GE(correct, placed * 97 / 100) << correct << " of " << placed;

  // And the whole is as good as linking from scratch.
  PairScores s = Score(second->records, second->result.enterprise_ids, truth);
  EXPECT_GE(s.f1(), 0.98);

  // A third run with nothing changed changes nothing.
  absl::StatusOr<LinkJobReport> third = RunLinkJob(second_sources.list, **store, {}, nullptr);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_EQ(third->result.stats.new_records, 0);
  EXPECT_EQ(third->result.stats.candidate_pairs, 0);
  EXPECT_EQ(third->result.enterprise_ids, second->result.enterprise_ids);
}

}  // namespace
}  // namespace tessera::identity
