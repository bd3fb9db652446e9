// The device hub federated with the EHR (SQLite): what the planner pushes
// into the hub (as EXPLAIN shows it), what it keeps local, and answers
// compared with the same answer computed by hand from the device files and
// the EHR's own database.

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "engine/catalog/source_registry.h"
#include "engine/session/session.h"
#include "gtest/gtest.h"
#include "tests/connectors/grpc/hub_test_env.h"
#include "tests/engine/riverside/demo_data.h"

namespace tessera {
namespace {

using testing::JsonRow;
using Rows = std::vector<std::vector<std::string>>;

class Collector : public ResultWriter {
 public:
  explicit Collector(Rows* rows) : rows_(rows) {}
  void Begin(const Schema&) override {}
  void Write(const RowBatch& batch) override {
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < batch.num_columns(); ++c) row.push_back(batch.column(c).FormatCell(r));
      rows_->push_back(std::move(row));
    }
  }
  void End(int64_t) override {}

 private:
  Rows* rows_;
};

std::unique_ptr<SourceRegistry> Registry(const std::string& devices_address) {
  config::TesseraConfig cfg;
  config::Source* ehr = cfg.add_source();
  ehr->set_name("ehr");
  ehr->mutable_odbc()->set_dialect(config::SQLITE);
  ehr->mutable_odbc()->set_connection_string(
      absl::StrCat("Driver=SQLite3;Database=", testing::HubDataDir(), "/ehr.db"));
  config::Source* devices = cfg.add_source();
  devices->set_name("devices");
  devices->mutable_grpc()->set_address(devices_address);
  absl::StatusOr<std::unique_ptr<SourceRegistry>> r = SourceRegistry::Create(cfg);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? std::move(*r) : nullptr;
}

absl::StatusOr<Rows> RunSql(SourceRegistry& sources, const std::string& sql, SessionOptions options = {}) {
  Session session(&sources, options);
  absl::StatusOr<std::vector<ast::Statement>> statements = session.Parse(sql);
  if (!statements.ok()) return statements.status();
  Rows rows;
  Collector collector(&rows);
  QueryContext ctx(absl::Now() + absl::Seconds(30));
  absl::StatusOr<StatementResult> result = session.Execute((*statements)[0], sql, ctx, collector);
  if (!result.ok()) return result.status();
  return rows;
}

std::string Plan(SourceRegistry& sources, const std::string& sql) {
  absl::StatusOr<Rows> rows = RunSql(sources, absl::StrCat("EXPLAIN ", sql));
  EXPECT_TRUE(rows.ok()) << rows.status();
  std::vector<std::string> lines;
  if (rows.ok()) {
    for (const auto& r : *rows) lines.push_back(r[0]);
  }
  return absl::StrJoin(lines, "\n");
}

double Number(const std::string& text) {
  double d = 0;
  EXPECT_TRUE(absl::SimpleAtod(text, &d)) << text;
  return d;
}

class DeviceFederationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hub_ = testing::StartHub();
    ASSERT_NE(hub_, nullptr);
    sources_ = Registry(hub_->address());
    ASSERT_NE(sources_, nullptr);
  }
  std::unique_ptr<devicehub::DeviceHub> hub_;
  std::unique_ptr<SourceRegistry> sources_;
};

TEST_F(DeviceFederationTest, FilterOrderAndLimitArePushedIntoTheHub) {
  const std::string sql =
      "SELECT reading_id, value FROM devices.readings WHERE type = 'weight' AND value > 200 "
      "ORDER BY value DESC, reading_id LIMIT 7";
  std::string plan = Plan(*sources_, sql);
  EXPECT_NE(plan.find("request: readings [reading_id, value] WHERE ((type = 'weight') AND (value > 200)) "
                      "ORDER BY value DESC NULLS FIRST, reading_id NULLS LAST LIMIT 7"),
            std::string::npos)
      << plan;
  EXPECT_EQ(plan.find("TopN"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Filter"), std::string::npos) << plan;

  absl::StatusOr<Rows> got = RunSql(*sources_, sql);
  ASSERT_TRUE(got.ok()) << got.status();
  std::vector<std::pair<double, int64_t>> expected;
  for (const JsonRow& r : testing::ReadDeviceFile("readings.jsonl")) {
    if (r.at("type") == "weight" && Number(r.at("value")) > 200) {
      expected.push_back({-Number(r.at("value")), static_cast<int64_t>(Number(r.at("reading_id")))});
    }
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_GE(expected.size(), 7u);
  ASSERT_EQ(got->size(), 7u);
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ((*got)[i][0], absl::StrCat(expected[i].second)) << i;
    EXPECT_DOUBLE_EQ(Number((*got)[i][1]), -expected[i].first) << i;
  }
}

TEST_F(DeviceFederationTest, AnOffsetStaysLocalAndTheHubReturnsLimitPlusOffsetRows) {
  std::string plan = Plan(*sources_, "SELECT reading_id FROM devices.readings ORDER BY reading_id LIMIT 5 OFFSET 7");
  EXPECT_NE(plan.find("Limit 5 offset 7"), std::string::npos) << plan;
  EXPECT_NE(plan.find("request: readings [reading_id] ORDER BY reading_id NULLS LAST LIMIT 12"), std::string::npos)
      << plan;
}

TEST_F(DeviceFederationTest, WhatTheHubDoesNotDeclareStaysLocal) {
  // lower() and arithmetic are not in the contract: those conditions are
  // evaluated by the engine (a bound implied by the arithmetic may still be
  // pushed), and so are the order and limit above them.
  const std::string sql =
      "SELECT reading_id FROM devices.readings WHERE type = 'glucose' AND lower(unit) = 'mg/dl' "
      "AND value * 2 > 360 ORDER BY reading_id LIMIT 1000";
  std::string plan = Plan(*sources_, sql);
  EXPECT_NE(plan.find("request: readings [reading_id, type, value, unit] WHERE ((type = 'glucose')"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("-> Filter ((lower(#3) = 'mg/dl') AND ((#2 * 2) > 360))"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("LIMIT 1000"), std::string::npos) << plan;  // Not in the request.
  EXPECT_NE(plan.find("TopN"), std::string::npos) << plan;

  absl::StatusOr<Rows> got = RunSql(*sources_, sql);
  ASSERT_TRUE(got.ok()) << got.status();
  Rows expected;
  for (const JsonRow& r : testing::ReadDeviceFile("readings.jsonl")) {
    if (r.at("type") == "glucose" && r.at("unit") == "mg/dL" && Number(r.at("value")) * 2 > 360) {
      expected.push_back({r.at("reading_id")});
    }
  }
  std::sort(expected.begin(), expected.end(),
            [](const auto& a, const auto& b) { return Number(a[0]) < Number(b[0]); });
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(*got, expected);
}

TEST_F(DeviceFederationTest, ReadingsJoinedWithTheEhrMatchTheJoinComputedByHand) {
  // A device's owner is found in the EHR by birth date and ZIP code.
  const std::string sql =
      "SELECT p.mrn, r.reading_id FROM devices.readings r "
      "JOIN devices.registrations g ON g.registration_id = r.registration_id "
      "JOIN ehr.patient p ON p.birth_date = g.owner_birth_date AND p.zip = g.owner_zip "
      "WHERE r.type = 'blood_pressure' AND r.systolic >= 150";
  absl::StatusOr<Rows> got = RunSql(*sources_, sql);
  ASSERT_TRUE(got.ok()) << got.status();

  std::map<std::string, std::pair<std::string, std::string>> owner;  // registration -> (birth date, zip)
  for (const JsonRow& g : testing::ReadDeviceFile("registrations.jsonl")) {
    owner[g.at("registration_id")] = {g.at("owner_birth_date"), g.at("owner_zip")};
  }
  std::multimap<std::pair<std::string, std::string>, std::string> patients;  // (birth date, zip) -> mrn
  for (const auto& row : riverside::testing::QuerySqlite(testing::HubDataDir(), "ehr",
                                                         "SELECT mrn, birth_date, zip FROM patient")) {
    if (row[0] && row[1] && row[2]) patients.insert({{*row[1], *row[2]}, *row[0]});
  }
  Rows expected;
  for (const JsonRow& r : testing::ReadDeviceFile("readings.jsonl")) {
    if (r.at("type") != "blood_pressure" || Number(r.at("systolic")) < 150) continue;
    auto key = owner.at(r.at("registration_id"));
    auto [begin, end] = patients.equal_range(key);
    for (auto it = begin; it != end; ++it) expected.push_back({it->second, r.at("reading_id")});
  }
  std::sort(expected.begin(), expected.end());
  std::sort(got->begin(), got->end());
  ASSERT_GT(expected.size(), 10u) << "the data should link some readings to EHR patients";
  EXPECT_EQ(*got, expected);
}

TEST_F(DeviceFederationTest, ABindJoinSendsKeysToTheHubAsAnInList) {
  const std::string sql =
      "SELECT r.reading_id FROM devices.registrations g "
      "JOIN devices.readings r ON r.registration_id = g.registration_id "
      "WHERE g.registration_id = 'R00000002'";
  absl::StatusOr<Rows> plan = RunSql(*sources_, absl::StrCat("EXPLAIN ANALYZE ", sql));
  ASSERT_TRUE(plan.ok()) << plan.status();
  std::string text;
  for (const auto& r : *plan) absl::StrAppend(&text, r[0], "\n");
  EXPECT_NE(text.find("request: readings [reading_id, registration_id] WHERE (registration_id IN ('R00000002'))"),
            std::string::npos)
      << text;
  absl::StatusOr<Rows> got = RunSql(*sources_, sql);
  ASSERT_TRUE(got.ok()) << got.status();
  size_t expected = 0;
  for (const JsonRow& r : testing::ReadDeviceFile("readings.jsonl")) expected += r.at("registration_id") == "R00000002";
  ASSERT_GT(expected, 0u);
  EXPECT_EQ(got->size(), expected);
}

// Every answer with work pushed into the hub equals the engine's own answer
// over the hub's unfiltered tables.
TEST_F(DeviceFederationTest, PushedAnswersEqualTheEnginesOwn) {
  const std::vector<std::string> queries = {
      "SELECT reading_id, value FROM devices.readings WHERE type = 'weight' AND value BETWEEN 150 AND 160",
      "SELECT reading_id FROM devices.readings WHERE NOT (type = 'weight') AND (pulse IS NULL OR pulse > 90)",
      "SELECT registration_id, owner_zip FROM devices.registrations "
      "WHERE owner_name ILIKE 'b%' OR owner_zip LIKE '450_1' OR owner_phone IS NULL",
      "SELECT registration_id FROM devices.registrations WHERE model NOT LIKE '%Scale%' AND unit <> 'mmHg'",
      "SELECT reading_id FROM devices.readings WHERE measured_at >= TIMESTAMP '2026-10-01 00:00:00' "
      "AND registration_id IN ('R00000002', 'R00000017', 'R00000025')",
      "SELECT registration_id, owner_birth_date FROM devices.registrations "
      "WHERE owner_birth_date < DATE '1950-01-01' ORDER BY owner_birth_date DESC, registration_id LIMIT 9",
      "SELECT reading_id, systolic FROM devices.readings WHERE type = 'blood_pressure' "
      "ORDER BY systolic DESC NULLS LAST, reading_id LIMIT 11",
      "SELECT reading_id, value FROM devices.readings ORDER BY value NULLS FIRST, reading_id LIMIT 13",
      "SELECT type, unit, count(*), max(value) FROM devices.readings WHERE value IS NOT NULL GROUP BY type, unit",
      "SELECT reading_id FROM devices.readings WHERE type = 'glucose' AND value * 2 > 300 AND lower(unit) = 'mg/dl'",
      "SELECT reading_id FROM devices.readings WHERE value = NULL OR reading_id < 5",
      "SELECT reading_id, value FROM devices.readings WHERE type = 'glucose' "
      "ORDER BY value DESC, reading_id LIMIT 5 OFFSET 7",
  };
  SessionOptions local;
  local.optimizer.disabled = {"source_pushdown"};
  for (const std::string& sql : queries) {
    absl::StatusOr<Rows> pushed = RunSql(*sources_, sql);
    absl::StatusOr<Rows> engine = RunSql(*sources_, sql, local);
    ASSERT_TRUE(pushed.ok()) << sql << ": " << pushed.status();
    ASSERT_TRUE(engine.ok()) << sql << ": " << engine.status();
    EXPECT_FALSE(engine->empty()) << sql;
    std::sort(pushed->begin(), pushed->end());
    std::sort(engine->begin(), engine->end());
    EXPECT_EQ(*pushed, *engine) << sql;
    std::string plan = Plan(*sources_, sql);
    EXPECT_TRUE(plan.find(" WHERE ") != std::string::npos || plan.find(" ORDER BY ") != std::string::npos)
        << "nothing pushed for " << sql << "\n" << plan;
  }
}

TEST(DeviceHubTimeout, AQueryPastItsDeadlineStopsTheHubsScan) {
  // 200 ms before each batch: the whole table would take seconds.
  std::unique_ptr<devicehub::DeviceHub> hub = testing::StartHub(absl::Milliseconds(200));
  ASSERT_NE(hub, nullptr);
  std::unique_ptr<SourceRegistry> sources = Registry(hub->address());
  ASSERT_NE(sources, nullptr);
  Session session(sources.get());
  // A left join reads every reading (an inner join would send the few
  // patients' ids to the hub and finish in time).
  const std::string sql =
      "SELECT r.reading_id, p.mrn FROM devices.readings r LEFT JOIN ehr.patient p ON p.patient_id = r.reading_id";
  absl::StatusOr<std::vector<ast::Statement>> statements = session.Parse(sql);
  ASSERT_TRUE(statements.ok()) << statements.status();
  Rows rows;
  Collector collector(&rows);
  absl::Time start = absl::Now();
  QueryContext ctx(start + absl::Milliseconds(500));
  absl::StatusOr<StatementResult> result = session.Execute((*statements)[0], sql, ctx, collector);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded) << result.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  bool stopped = false;
  for (int i = 0; i < 300 && !stopped; ++i) {
    stopped = hub->service().stats().active_scans == 0;
    if (!stopped) absl::SleepFor(absl::Milliseconds(10));
  }
  EXPECT_TRUE(stopped);
  EXPECT_EQ(hub->service().stats().scans_cancelled, 1);
}

TEST(DeviceHubDown, OnlyQueriesThatReadItFail) {
  const std::string address = testing::DeadAddress();
  std::unique_ptr<SourceRegistry> sources = Registry(address);
  ASSERT_NE(sources, nullptr);
  absl::StatusOr<Rows> ehr = RunSql(*sources, "SELECT count(*) FROM ehr.patient");
  ASSERT_TRUE(ehr.ok()) << ehr.status();
  EXPECT_EQ((*ehr)[0][0], *riverside::testing::QuerySqlite(testing::HubDataDir(), "ehr",
                                                          "SELECT count(*) FROM patient")[0][0]);
  absl::StatusOr<Rows> devices = RunSql(*sources, "SELECT count(*) FROM devices.readings");
  EXPECT_EQ(devices.status().code(), absl::StatusCode::kUnavailable) << devices.status();
  EXPECT_NE(devices.status().message().find(absl::StrCat("source \"devices\" at ", address)), std::string::npos)
      << devices.status();
}

}  // namespace
}  // namespace tessera
