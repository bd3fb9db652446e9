// Tests of the gRPC connector against the real sample device hub on a free
// loopback port, over generated Riverside files: every expected answer is
// computed from the JSON lines by the test itself.

#include "connectors/grpc/grpc_connector.h"

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "engine/expr/like.h"
#include "gtest/gtest.h"
#include "tests/connectors/grpc/hub_test_env.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::grpc_source {
namespace {

using testing::JsonRow;

std::unique_ptr<GrpcConnector> Connect(const std::string& address) {
  GrpcSourceOptions options;
  options.name = "devices";
  options.address = address;
  options.call_timeout = absl::Seconds(5);
  return std::make_unique<GrpcConnector>(std::move(options));
}

int ColumnOf(const TableInfo& table, const std::string& name) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].name == name) return static_cast<int>(i);
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

std::unique_ptr<Expr> Col(const TableInfo& table, const std::string& name) {
  int c = ColumnOf(table, name);
  return Expr::Column(c, table.columns[c].type);
}

std::unique_ptr<Expr> Call(ExprOp op, std::unique_ptr<Expr> a, std::unique_ptr<Expr> b) {
  std::vector<std::unique_ptr<Expr>> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return Expr::Call(op, DataType::Bool(), std::move(args));
}

TableScan ScanOf(const TableInfo& table) {
  TableScan scan;
  scan.table = table.name;
  for (const ColumnInfo& c : table.columns) scan.table_columns.push_back(c.name);
  return scan;
}

// Every row of a scan as text cells.
absl::StatusOr<std::vector<std::vector<std::string>>> ReadAll(GrpcConnector& source, const TableScan& scan) {
  QueryContext ctx(absl::Now() + absl::Seconds(30));
  ScanRequest request;
  request.table_scan = scan;
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = source.Scan(request, ctx);
  if (!stream.ok()) return stream.status();
  std::vector<std::vector<std::string>> rows;
  for (int guard = 0; guard < 100000; ++guard) {
    RowBatch batch((*stream)->schema());
    absl::StatusOr<bool> more = (*stream)->Next(batch);
    if (!more.ok()) return more.status();
    if (!*more) return rows;
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < batch.num_columns(); ++c) row.push_back(batch.column(c).FormatCell(r));
      rows.push_back(std::move(row));
    }
  }
  return absl::InternalError("scan did not end");
}

double Number(const std::string& text) {
  double d = 0;
  EXPECT_TRUE(absl::SimpleAtod(text, &d)) << text;
  return d;
}

class GrpcConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    hub_ = testing::StartHub();
    ASSERT_NE(hub_, nullptr);
    source_ = Connect(hub_->address());
  }

  TableInfo Describe(const std::string& table) {
    absl::StatusOr<TableInfo> info = source_->DescribeTable(table);
    EXPECT_TRUE(info.ok()) << info.status();
    return info.ok() ? *info : TableInfo{};
  }

  std::unique_ptr<devicehub::DeviceHub> hub_;
  std::unique_ptr<GrpcConnector> source_;
};

TEST_F(GrpcConnectorTest, ListsAndDescribesTablesAndDeclaresCapabilities) {
  EXPECT_FALSE(source_->capabilities().filter);  // Not known before it answered.
  absl::StatusOr<std::vector<std::string>> tables = source_->ListTables();
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_EQ(*tables, (std::vector<std::string>{"registrations", "readings"}));
  const Capabilities& caps = source_->capabilities();
  EXPECT_FALSE(caps.sql);
  EXPECT_FALSE(caps.join);
  EXPECT_FALSE(caps.aggregate);
  EXPECT_TRUE(caps.filter && caps.limit && caps.order_by && caps.projection);
  EXPECT_TRUE(caps.filter_support.comparison && caps.filter_support.in_list && caps.filter_support.like);

  TableInfo readings = Describe("readings");
  EXPECT_EQ(readings.primary_key, std::vector<std::string>{"reading_id"});
  ASSERT_TRUE(readings.estimated_rows.has_value());
  EXPECT_EQ(*readings.estimated_rows, static_cast<int64_t>(testing::ReadDeviceFile("readings.jsonl").size()));
  EXPECT_EQ(readings.columns[ColumnOf(readings, "measured_at")].type, DataType::Timestamp());
  EXPECT_EQ(readings.columns[ColumnOf(readings, "value")].type, DataType::Double());
  TableInfo registrations = Describe("registrations");
  EXPECT_EQ(registrations.columns[ColumnOf(registrations, "owner_birth_date")].type, DataType::Date());

  absl::StatusOr<TableInfo> missing = source_->DescribeTable("vitals");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(GrpcConnectorTest, ScanReturnsExactlyTheFilteredOrderedLimitedRows) {
  TableInfo readings = Describe("readings");
  TableScan scan = ScanOf(readings);
  scan.columns = {"reading_id", "measured_at", "value"};
  scan.filter = Call(ExprOp::kAnd, Call(ExprOp::kEqual, Col(readings, "type"), Expr::Constant(Value::Text("weight"))),
                     Call(ExprOp::kGreater, Col(readings, "value"), Expr::Constant(Value::Double(180.0))));
  scan.order_by = {{"value", true, false}, {"reading_id", false, false}};
  scan.limit = 25;
  absl::StatusOr<std::vector<std::vector<std::string>>> got = ReadAll(*source_, scan);
  ASSERT_TRUE(got.ok()) << got.status();

  std::vector<JsonRow> expected;
  for (const JsonRow& r : testing::ReadDeviceFile("readings.jsonl")) {
    if (r.at("type") == "weight" && Number(r.at("value")) > 180.0) expected.push_back(r);
  }
  std::sort(expected.begin(), expected.end(), [](const JsonRow& a, const JsonRow& b) {
    double va = Number(a.at("value")), vb = Number(b.at("value"));
    if (va != vb) return va > vb;
    return Number(a.at("reading_id")) < Number(b.at("reading_id"));
  });
  ASSERT_GT(expected.size(), 25u) << "the data should have more heavy weights than the limit";
  expected.resize(25);
  ASSERT_EQ(got->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*got)[i][0], expected[i].at("reading_id")) << "row " << i;
    EXPECT_EQ((*got)[i][1], testing::EngineTimestamp(expected[i].at("measured_at"))) << "row " << i;
    EXPECT_DOUBLE_EQ(Number((*got)[i][2]), Number(expected[i].at("value"))) << "row " << i;
  }
}

TEST_F(GrpcConnectorTest, ScanEvaluatesInListsLikeAndNullTests) {
  TableInfo regs = Describe("registrations");
  TableScan scan = ScanOf(regs);
  scan.columns = {"registration_id", "owner_zip"};
  std::vector<std::unique_ptr<Expr>> in_args;
  in_args.push_back(Col(regs, "device_type"));
  in_args.push_back(Expr::Constant(Value::Text("scale")));
  in_args.push_back(Expr::Constant(Value::Text("glucose_meter")));
  auto in = Expr::Call(ExprOp::kInList, DataType::Bool(), std::move(in_args));
  absl::StatusOr<std::unique_ptr<Expr>> like = MakeLike(Col(regs, "owner_zip"), "452%", false);
  ASSERT_TRUE(like.ok());
  std::vector<std::unique_ptr<Expr>> null_args;
  null_args.push_back(Col(regs, "owner_phone"));
  auto no_phone = Expr::Call(ExprOp::kIsNull, DataType::Bool(), std::move(null_args));
  scan.filter = Call(ExprOp::kAnd, std::move(in), Call(ExprOp::kOr, std::move(no_phone), std::move(*like)));
  scan.order_by = {{"registration_id", false, false}};
  absl::StatusOr<std::vector<std::vector<std::string>>> got = ReadAll(*source_, scan);
  ASSERT_TRUE(got.ok()) << got.status();

  std::vector<std::vector<std::string>> expected;
  for (const JsonRow& r : testing::ReadDeviceFile("registrations.jsonl")) {
    const std::string& type = r.at("device_type");
    const std::string& zip = r.at("owner_zip");
    bool zip_like = zip != "null" && zip.rfind("452", 0) == 0;
    if ((type == "scale" || type == "glucose_meter") && (r.at("owner_phone") == "null" || zip_like)) {
      expected.push_back({r.at("registration_id"), zip == "null" ? "NULL" : zip});
    }
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(*got, expected);
}

// Registrations named in the filter are read through the hub's index; the
// answer is every reading of theirs that passes the whole filter, in file
// order, exactly as a full scan would give.
TEST_F(GrpcConnectorTest, RegistrationLookupsReturnTheirReadingsInOrder) {
  std::vector<JsonRow> all = testing::ReadDeviceFile("readings.jsonl");
  ASSERT_GT(all.size(), 100u);
  const std::string first = all.front().at("registration_id");
  const std::string last = all.back().at("registration_id");
  TableInfo readings = Describe("readings");
  TableScan scan = ScanOf(readings);
  scan.columns = {"reading_id", "registration_id"};
  std::vector<std::unique_ptr<Expr>> in_args;
  in_args.push_back(Col(readings, "registration_id"));
  for (const std::string& id : {last, first, std::string("R-nobody"), first}) {
    in_args.push_back(Expr::Constant(Value::Text(id)));
  }
  scan.filter = Call(ExprOp::kAnd, Expr::Call(ExprOp::kInList, DataType::Bool(), std::move(in_args)),
                     Call(ExprOp::kNotEqual, Col(readings, "type"), Expr::Constant(Value::Text("glucose"))));
  absl::StatusOr<std::vector<std::vector<std::string>>> got = ReadAll(*source_, scan);
  ASSERT_TRUE(got.ok()) << got.status();

  std::vector<std::vector<std::string>> expected;
  for (const JsonRow& r : all) {
    const std::string& id = r.at("registration_id");
    if ((id == first || id == last) && r.at("type") != "glucose") expected.push_back({r.at("reading_id"), id});
  }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(*got, expected);
}

TEST_F(GrpcConnectorTest, HubRejectsWhatItCannotEvaluateExactly) {
  TableInfo readings = Describe("readings");
  TableScan scan = ScanOf(readings);
  scan.columns = {"reading_id"};
  scan.table_columns[0] = "no_such_column";  // The filter now names an unknown column.
  scan.filter = Call(ExprOp::kEqual, Expr::Column(0, DataType::Int64()), Expr::Constant(Value::Int64(1)));
  absl::StatusOr<std::vector<std::vector<std::string>>> got = ReadAll(*source_, scan);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(got.status().message().find("unknown column \"no_such_column\""), std::string::npos) << got.status();
  EXPECT_NE(got.status().message().find("source \"devices\" at " + hub_->address()), std::string::npos);
}

TEST_F(GrpcConnectorTest, SqlIsRefusedWithAReason) {
  QueryContext ctx;
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = source_->Scan(ScanRequest{.sql = "SELECT 1"}, ctx);
  EXPECT_EQ(stream.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(stream.status().message().find("takes no SQL"), std::string::npos);
}

// Waits (boundedly) until the hub has no scan running.
bool WaitForNoActiveScans(const devicehub::DeviceHub& hub) {
  for (int i = 0; i < 500; ++i) {
    if (hub.service().stats().active_scans == 0) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

TEST(GrpcCancellation, CancellingTheQueryStopsTheHubsScanMidStream) {
  // A hub that waits 200 ms before each batch: the whole table would take
  // seconds, so a scan that ends quickly was stopped, not finished.
  std::unique_ptr<devicehub::DeviceHub> hub = testing::StartHub(absl::Milliseconds(200));
  ASSERT_NE(hub, nullptr);
  std::unique_ptr<GrpcConnector> source = Connect(hub->address());
  absl::StatusOr<TableInfo> readings = source->DescribeTable("readings");
  ASSERT_TRUE(readings.ok()) << readings.status();
  ASSERT_GT(*readings->estimated_rows, 3 * kDefaultBatchRows);
  TableScan scan = ScanOf(*readings);
  scan.columns = {"reading_id", "value"};
  QueryContext ctx;
  ScanRequest request;
  request.table_scan = scan;
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = source->Scan(request, ctx);
  ASSERT_TRUE(stream.ok()) << stream.status();
  RowBatch batch((*stream)->schema());
  absl::StatusOr<bool> first = (*stream)->Next(batch);
  ASSERT_TRUE(first.ok() && *first) << first.status();
  EXPECT_EQ(hub->service().stats().active_scans, 1);

  // Cancel from another thread while this one waits for the next batch.
  absl::Time start = absl::Now();
  std::thread canceller([&] {
    absl::SleepFor(absl::Milliseconds(20));
    ctx.Cancel();
  });
  absl::StatusOr<bool> next = true;
  for (int i = 0; i < 100 && next.ok() && *next; ++i) next = (*stream)->Next(batch);
  canceller.join();
  EXPECT_EQ(next.status().code(), absl::StatusCode::kCancelled) << next.status();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  stream->reset();
  EXPECT_TRUE(WaitForNoActiveScans(*hub));
  EXPECT_EQ(hub->service().stats().scans_cancelled, 1);
}

TEST(GrpcCancellation, TheQueryDeadlineReachesTheHub) {
  std::unique_ptr<devicehub::DeviceHub> hub = testing::StartHub(absl::Milliseconds(200));
  ASSERT_NE(hub, nullptr);
  std::unique_ptr<GrpcConnector> source = Connect(hub->address());
  absl::StatusOr<TableInfo> readings = source->DescribeTable("readings");
  ASSERT_TRUE(readings.ok()) << readings.status();
  TableScan scan = ScanOf(*readings);
  scan.columns = {"reading_id"};
  QueryContext ctx(absl::Now() + absl::Milliseconds(300));
  ScanRequest request;
  request.table_scan = scan;
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = source->Scan(request, ctx);
  absl::Status status = stream.status();
  if (stream.ok()) {
    RowBatch batch((*stream)->schema());
    absl::StatusOr<bool> more = true;
    for (int i = 0; i < 100 && more.ok() && *more; ++i) more = (*stream)->Next(batch);
    status = more.status();
  }
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  stream = absl::CancelledError();  // Ends the call.
  EXPECT_TRUE(WaitForNoActiveScans(*hub));
  EXPECT_EQ(hub->service().stats().scans_cancelled, 1);
}

TEST(GrpcSourceDown, EveryCallNamesTheSourceAndAddress) {
  const std::string address = testing::DeadAddress();
  std::unique_ptr<GrpcConnector> source = Connect(address);
  absl::Time start = absl::Now();
  absl::StatusOr<std::vector<std::string>> tables = source->ListTables();
  EXPECT_EQ(tables.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(tables.status().message().find("source \"devices\" at " + address + " is unavailable"),
            std::string::npos)
      << tables.status();
  absl::Status health = source->CheckHealth();
  EXPECT_EQ(health.code(), absl::StatusCode::kUnavailable) << health;
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));  // Refused at once, not after a timeout.
}

// A certificate for 127.0.0.1, made with the openssl tool for this test.
bool MakeCertificate(const std::string& dir) {
  std::string command = absl::StrCat(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 ",
      "-keyout ", dir, "/key.pem -out ", dir, "/cert.pem 2>", dir, "/openssl.log");
  return std::system(command.c_str()) == 0;
}

TEST(GrpcTls, ATlsHubIsReachedWithItsCertificateAuthorityOnly) {
  const std::string dir = riverside::testing::MakeTestDir("tls");
  ASSERT_TRUE(MakeCertificate(dir));
  devicehub::HubOptions options;
  options.data_dir = testing::HubDataDir();
  options.listen = "127.0.0.1:0";
  options.tls_cert_file = dir + "/cert.pem";
  options.tls_key_file = dir + "/key.pem";
  absl::StatusOr<std::unique_ptr<devicehub::DeviceHub>> hub = devicehub::DeviceHub::Start(options);
  ASSERT_TRUE(hub.ok()) << hub.status();

  GrpcConnector tls({.name = "devices", .address = (*hub)->address(), .tls_ca_file = dir + "/cert.pem"});
  absl::StatusOr<std::vector<std::string>> tables = tls.ListTables();
  ASSERT_TRUE(tables.ok()) << tables.status();
  EXPECT_EQ(tables->size(), 2u);
  EXPECT_EQ(tls.description(), "gRPC source (TLS)");

  GrpcConnector plain({.name = "devices", .address = (*hub)->address(), .call_timeout = absl::Seconds(3)});
  EXPECT_EQ(plain.ListTables().status().code(), absl::StatusCode::kUnavailable);

  GrpcConnector missing({.name = "devices", .address = (*hub)->address(), .tls_ca_file = dir + "/none.pem"});
  absl::Status status = missing.CheckHealth();
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("cannot read TLS certificate authority file " + dir + "/none.pem"),
            std::string::npos)
      << status;
}

}  // namespace
}  // namespace tessera::grpc_source
