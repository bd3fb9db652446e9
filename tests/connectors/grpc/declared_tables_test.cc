// A gRPC source that is down is planned from the tables its configuration
// declares: a query that needs none of its rows runs, one that needs them
// fails at the scan naming the source; once the source answers, its own
// description and capabilities are used.

#include <memory>

#include "absl/strings/str_cat.h"
#include "connectors/grpc/grpc_connector.h"
#include "engine/catalog/source_registry.h"
#include "engine/session/session.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/grpc/hub_test_env.h"

namespace tessera {
namespace {

using ::testing::HasSubstr;

config::TesseraConfig ConfigWithHubAt(const std::string& address) {
  config::TesseraConfig cfg;
  config::Source* s = cfg.add_source();
  s->set_name("devices");
  s->mutable_grpc()->set_address(address);
  config::DeclaredTable* t = s->mutable_grpc()->add_table();
  t->set_name("readings");
  for (auto [name, type] : {std::pair{"reading_id", "bigint"}, {"type", "text"}, {"value", "double precision"}}) {
    config::DeclaredColumn* c = t->add_column();
    c->set_name(name);
    c->set_type(type);
  }
  t->add_primary_key("reading_id");
  config::View* v = cfg.add_view();
  v->set_name("glucose_or_constant");
  v->set_sql("SELECT 'device' AS origin, value FROM devices.readings WHERE type = 'glucose' "
             "UNION ALL SELECT 'constant', 1.5");
  return cfg;
}

absl::StatusOr<int64_t> Count(Session& session, const std::string& sql) {
  auto statements = session.Parse(sql);
  if (!statements.ok()) return statements.status();
  struct Counter : ResultWriter {
    void Begin(const Schema&) override {}
    void Write(const RowBatch& b) override { rows += b.num_rows(); }
    void End(int64_t) override {}
    int64_t rows = 0;
  } counter;
  QueryContext ctx(absl::Now() + absl::Seconds(20));
  auto result = session.Execute((*statements)[0], sql, ctx, counter);
  if (!result.ok()) return result.status();
  return counter.rows;
}

TEST(DeclaredTables, ASourceThatIsDownIsPlannedFromThem) {
  auto sources = SourceRegistry::Create(ConfigWithHubAt(testing::DeadAddress()));
  ASSERT_TRUE(sources.ok()) << sources.status();
  Session session(sources->get());
  // The device branch is ruled out: no row of the hub is needed.
  absl::StatusOr<int64_t> rows = Count(session, "SELECT * FROM glucose_or_constant WHERE origin = 'constant'");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, 1);
  // Its rows are needed: the scan fails, naming the source.
  rows = Count(session, "SELECT * FROM glucose_or_constant");
  EXPECT_EQ(rows.status().code(), absl::StatusCode::kUnavailable) << rows.status();
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("source \"devices\""));
  // An undeclared table of a source that is down is still an error.
  absl::StatusOr<Connector*> hub = (*sources)->Find("devices");
  ASSERT_TRUE(hub.ok());
  EXPECT_EQ((*hub)->DescribeTable("registrations").status().code(), absl::StatusCode::kUnavailable);
}

TEST(DeclaredTables, ASourceThatAnswersDescribesItself) {
  std::unique_ptr<devicehub::DeviceHub> hub = testing::StartHub();
  ASSERT_NE(hub, nullptr);
  auto sources = SourceRegistry::Create(ConfigWithHubAt(hub->address()));
  ASSERT_TRUE(sources.ok()) << sources.status();
  absl::StatusOr<Connector*> devices = (*sources)->Find("devices");
  ASSERT_TRUE(devices.ok());
  absl::StatusOr<TableInfo> readings = (*devices)->DescribeTable("readings");
  ASSERT_TRUE(readings.ok()) << readings.status();
  EXPECT_GT(readings->columns.size(), 3u) << "the hub's own description, not the declared three columns";
  EXPECT_TRUE((*devices)->capabilities().filter);
}

}  // namespace
}  // namespace tessera
