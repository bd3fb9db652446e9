// GetPatientRecord against a real server over a real Riverside home (SQLite
// sources, its link index, and a device hub on a free port): the same record
// as read in-process, as row batches per view and as a FHIR Bundle.

#include <memory>

#include "absl/strings/str_cat.h"
#include "engine/catalog/source_registry.h"
#include "engine/config/home.h"
#include "engine/devicehub/device_hub.h"
#include "engine/fhir/patient_record.h"
#include "engine/session/session.h"
#include "engine/wire/batch_codec.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/engine/server/server_harness.h"

namespace tessera::testing {
namespace {

// The home's configuration with its `devices` source at `address`.
config::TesseraConfig WithHubAt(const std::string& address) {
  config::TesseraConfig cfg = RiversideSources();
  for (config::Source& s : *cfg.mutable_source()) {
    if (s.name() == "devices") s.mutable_grpc()->set_address(address);
  }
  return cfg;
}

class PatientCallTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<devicehub::DeviceHub>> hub =
        devicehub::DeviceHub::Start({.data_dir = HomeDataDir(RiversideHome()), .listen = "127.0.0.1:0"});
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = std::move(*hub);
    cfg_ = WithHubAt(hub_->address());
    absl::StatusOr<RunningServer> server = StartServer(LoopbackSettings(cfg_));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::make_unique<RunningServer>(std::move(*server));
  }

  absl::StatusOr<v1::PatientRecordResponse> Call(int64_t id, bool fhir) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::PatientRecordRequest request;
    request.set_patient_id(id);
    request.set_fhir(fhir);
    v1::PatientRecordResponse response;
    grpc::Status status = server_->stub->GetPatientRecord(&context, request, &response);
    if (!status.ok()) return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
    return response;
  }

  std::unique_ptr<devicehub::DeviceHub> hub_;
  config::TesseraConfig cfg_;
  std::unique_ptr<RunningServer> server_;
};

TEST_F(PatientCallTest, ReturnsTheSameRecordAsInProcessWithItsBundle) {
  absl::StatusOr<v1::PatientRecordResponse> response = Call(17, /*fhir=*/true);
  ASSERT_TRUE(response.ok()) << response.status();

  auto sources = SourceRegistry::Create(cfg_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  Session session(sources->get());
  QueryContext ctx;
  absl::StatusOr<PatientRecord> local = ReadPatientRecord(session, 17, ctx);
  ASSERT_TRUE(local.ok()) << local.status();

  ASSERT_EQ(response->sections_size(), static_cast<int>(local->sections.size()));
  for (int i = 0; i < response->sections_size(); ++i) {
    const v1::PatientRecordSection& got = response->sections(i);
    const RecordSection& want = local->sections[i];
    EXPECT_EQ(got.view(), want.view);
    absl::StatusOr<std::shared_ptr<const Schema>> schema = DecodeSchema(got.schema());
    ASSERT_TRUE(schema.ok()) << schema.status();
    RowBatch rows(*schema);
    ASSERT_TRUE(DecodeBatch(got.rows(), rows).ok());
    ASSERT_EQ(rows.num_rows(), static_cast<int64_t>(want.rows.size())) << want.view;
    for (int64_t r = 0; r < rows.num_rows(); ++r) {
      for (int c = 0; c < rows.num_columns(); ++c) {
        EXPECT_EQ(rows.column(c).GetValue(r).ToString(), want.rows[r][c].ToString()) << want.view << " row " << r;
      }
    }
  }
  EXPECT_EQ(response->sections(0).view(), "patient");
  EXPECT_THAT(response->fhir_bundle_json(), ::testing::HasSubstr(R"({"resourceType":"Bundle")"));
  EXPECT_GT(response->elapsed_ms(), 0);
}

TEST_F(PatientCallTest, AnUnknownPatientIsNotFound) {
  EXPECT_EQ(Call(987654321, false).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(PatientCallTest, ASourceThatIsDownIsUnavailable) {
  // A person with a home device, whose record needs the hub's readings.
  auto sources = SourceRegistry::Create(cfg_);
  ASSERT_TRUE(sources.ok()) << sources.status();
  Session session(sources->get());
  const std::string sql =
      "SELECT min(enterprise_id) FROM identity.link_record WHERE source = 'devices' AND enterprise_id IN "
      "(SELECT patient_id FROM observation WHERE source = 'devices')";
  auto statements = session.Parse(sql);
  ASSERT_TRUE(statements.ok()) << statements.status();
  struct First : ResultWriter {
    void Begin(const Schema&) override {}
    void Write(const RowBatch& b) override {
      if (b.num_rows() > 0 && !b.column(0).IsNull(0)) id = b.column(0).GetInt64(0);
    }
    void End(int64_t) override {}
    int64_t id = -1;
  } first;
  QueryContext ctx;
  ASSERT_TRUE(session.Execute((*statements)[0], sql, ctx, first).ok());
  ASSERT_GE(first.id, 0) << "some person of the sample has a device with readings";

  std::string address = hub_->address();
  hub_.reset();  // The hub stops; its readings cannot be read.
  absl::StatusOr<v1::PatientRecordResponse> response = Call(first.id, false);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable) << response.status();
  EXPECT_THAT(std::string(response.status().message()), ::testing::HasSubstr(address));
}

}  // namespace
}  // namespace tessera::testing
