// A deliberately broken gRPC source (a real server on a free loopback port)
// that answers scans with garbage: the engine reports an error with the
// reason and the source's name, and never crashes or hangs.

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "connectors/grpc/grpc_connector.h"
#include "engine/catalog/source_registry.h"
#include "engine/session/session.h"
#include "engine/wire/batch_codec.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace tessera::grpc_source {
namespace {

// Tables "short_column" (a column shorter than the batch), "overrun" (text
// lengths past the data), "no_schema" (a batch before any schema) and
// "silent" (a scan that ends at once, without even a schema).
class BrokenService final : public v1::SourceService::Service {
 public:
  ::grpc::Status GetCapabilities(::grpc::ServerContext*, const v1::GetCapabilitiesRequest*,
                                 v1::SourceCapabilities*) override {
    return ::grpc::Status::OK;
  }
  ::grpc::Status ListTables(::grpc::ServerContext*, const v1::ListTablesRequest*,
                            v1::ListTablesResponse* reply) override {
    for (const char* t : {"short_column", "overrun", "no_schema", "silent"}) reply->add_tables(t);
    return ::grpc::Status::OK;
  }
  ::grpc::Status DescribeTable(::grpc::ServerContext*, const v1::DescribeTableRequest* request,
                               v1::TableDescription* reply) override {
    reply->set_name(request->table());
    EncodeSchema(schema_, reply->mutable_schema());
    return ::grpc::Status::OK;
  }
  ::grpc::Status Scan(::grpc::ServerContext*, const v1::ScanRequest* request,
                      ::grpc::ServerWriter<v1::ScanResponse>* writer) override {
    if (request->table() == "silent") return ::grpc::Status::OK;
    v1::ScanResponse response;
    if (request->table() != "no_schema") {
      EncodeSchema(schema_, response.mutable_schema());
      writer->Write(response);
    }
    response.Clear();
    v1::RowBatch* batch = response.mutable_batch();
    batch->set_row_count(3);
    v1::Column* id = batch->add_columns();
    id->add_ints(1);
    id->add_ints(2);
    if (request->table() != "short_column") id->add_ints(3);
    v1::Column* name = batch->add_columns();
    name->set_text_data("abc");
    for (int len : {1, 1, request->table() == "overrun" ? 40 : 1}) name->add_text_lengths(len);
    writer->Write(response);
    return ::grpc::Status::OK;
  }

 private:
  const Schema schema_{std::vector<Field>{{"id", DataType::Int64(), false}, {"name", DataType::Text(), true}}};
};

class BrokenSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ::grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", ::grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_NE(port_, 0);
    address_ = absl::StrCat("127.0.0.1:", port_);
  }
  void TearDown() override { server_->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(1))); }

  BrokenService service_;
  std::unique_ptr<::grpc::Server> server_;
  int port_ = 0;
  std::string address_;
};

absl::Status ScanAll(GrpcConnector& source, const std::string& table) {
  QueryContext ctx(absl::Now() + absl::Seconds(10));
  ScanRequest request;
  request.table_scan = TableScan{.table = table, .table_columns = {"id", "name"}, .columns = {"id", "name"}};
  absl::StatusOr<std::unique_ptr<RowBatchStream>> stream = source.Scan(request, ctx);
  if (!stream.ok()) return stream.status();
  for (int i = 0; i < 10; ++i) {
    RowBatch batch((*stream)->schema());
    absl::StatusOr<bool> more = (*stream)->Next(batch);
    if (!more.ok()) return more.status();
    if (!*more) return absl::OkStatus();
  }
  return absl::InternalError("scan did not end");
}

TEST_F(BrokenSourceTest, GarbageBatchesAreErrorsWithTheirReason) {
  GrpcConnector source({.name = "broken", .address = address_});
  absl::Status short_column = ScanAll(source, "short_column");
  EXPECT_EQ(short_column.code(), absl::StatusCode::kDataLoss) << short_column;
  EXPECT_NE(short_column.message().find(absl::StrCat("source \"broken\" at ", address_, " sent a bad batch: ")),
            std::string::npos)
      << short_column;
  absl::Status overrun = ScanAll(source, "overrun");
  EXPECT_EQ(overrun.code(), absl::StatusCode::kDataLoss) << overrun;
  EXPECT_NE(overrun.message().find("bad batch"), std::string::npos) << overrun;
  absl::Status no_schema = ScanAll(source, "no_schema");
  EXPECT_EQ(no_schema.code(), absl::StatusCode::kDataLoss) << no_schema;
  EXPECT_NE(no_schema.message().find("without a schema"), std::string::npos) << no_schema;
  absl::Status silent = ScanAll(source, "silent");
  EXPECT_EQ(silent.code(), absl::StatusCode::kDataLoss) << silent;
  EXPECT_NE(silent.message().find("ended its scan without a schema"), std::string::npos) << silent;
}

TEST_F(BrokenSourceTest, AQueryOverTheBrokenSourceFailsCleanly) {
  config::TesseraConfig cfg;
  config::Source* s = cfg.add_source();
  s->set_name("broken");
  s->mutable_grpc()->set_address(address_);
  absl::StatusOr<std::unique_ptr<SourceRegistry>> sources = SourceRegistry::Create(cfg);
  ASSERT_TRUE(sources.ok()) << sources.status();
  Session session(sources->get());
  const std::string sql = "SELECT id, name FROM broken.short_column WHERE id > 0";
  absl::StatusOr<std::vector<ast::Statement>> statements = session.Parse(sql);
  ASSERT_TRUE(statements.ok()) << statements.status();
  class Discard : public ResultWriter {
    void Begin(const Schema&) override {}
    void Write(const RowBatch&) override {}
    void End(int64_t) override {}
  } discard;
  QueryContext ctx(absl::Now() + absl::Seconds(10));
  absl::StatusOr<StatementResult> result = session.Execute((*statements)[0], sql, ctx, discard);
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("bad batch"), std::string::npos) << result.status();
}

}  // namespace
}  // namespace tessera::grpc_source
