// Device registrations read through the device hub (a real gRPC server on a
// free loopback port) equal those read from the hub's JSON lines export.

#include "engine/identity/hub_registration_source.h"

#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>

#include "absl/time/clock.h"
#include "connectors/grpc/grpc_connector.h"
#include "engine/devicehub/device_hub.h"
#include "engine/identity/device_registration_file.h"
#include "engine/riverside/riverside.h"
#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

// 300 people, generated once per test binary.
const std::string& Data() {
  static const std::string* dir = [] {
    const char* base = std::getenv("TEST_TMPDIR");
    auto* d = new std::string(std::string(base != nullptr ? base : "/tmp") + "/hub_registrations");
    std::filesystem::remove_all(*d);
    std::filesystem::create_directories(*d);
    riverside::GenOptions options;
    options.people = 300;
    options.data_dir = *d;
    std::ostringstream progress;
    absl::Status status = riverside::GenerateRiverside(options, progress);
    if (!status.ok()) ADD_FAILURE() << "generating Riverside: " << status;
    return d;
  }();
  return *dir;
}

std::map<std::string, uint64_t> Fingerprints(const std::vector<PersonRecord>& records) {
  std::map<std::string, uint64_t> out;
  for (const PersonRecord& r : records) {
    EXPECT_EQ(r.key.source, "devices");
    EXPECT_EQ(r.key.record_type, "registration");
    out[r.key.record_id] = Fingerprint(r);
  }
  return out;
}

TEST(HubRegistrationSource, SameRecordsAsTheExport) {
  devicehub::HubOptions options;
  options.data_dir = Data();
  options.listen = "127.0.0.1:0";
  absl::StatusOr<std::unique_ptr<devicehub::DeviceHub>> hub = devicehub::DeviceHub::Start(options);
  ASSERT_TRUE(hub.ok()) << hub.status();
  grpc_source::GrpcConnector connector({"devices", (*hub)->address()});
  HubRegistrationSource from_hub(&connector);
  EXPECT_EQ(from_hub.description(), "devices.registrations");
  QueryContext ctx(absl::Now() + absl::Seconds(30));
  absl::StatusOr<std::vector<PersonRecord>> served = from_hub.ReadAll(ctx);
  ASSERT_TRUE(served.ok()) << served.status();

  DeviceRegistrationFile from_file(Data() + "/devices/registrations.jsonl");
  QueryContext file_ctx;
  absl::StatusOr<std::vector<PersonRecord>> exported = from_file.ReadAll(file_ctx);
  ASSERT_TRUE(exported.ok()) << exported.status();
  ASSERT_GT(exported->size(), 20u);
  EXPECT_EQ(Fingerprints(*served), Fingerprints(*exported));
  int with_birth = 0;
  for (const PersonRecord& r : *served) with_birth += r.birth.known();
  EXPECT_EQ(with_birth, static_cast<int>(served->size()));  // The hub's DATE column reads back as a date.
}

TEST(HubRegistrationSource, AHubThatIsGoneIsAnErrorNotAHang) {
  std::string address;
  {
    devicehub::HubOptions options;
    options.data_dir = Data();
    options.listen = "127.0.0.1:0";
    absl::StatusOr<std::unique_ptr<devicehub::DeviceHub>> hub = devicehub::DeviceHub::Start(options);
    ASSERT_TRUE(hub.ok()) << hub.status();
    address = (*hub)->address();
  }
  grpc_source::GrpcSourceOptions options{"devices", address};
  options.call_timeout = absl::Seconds(5);
  grpc_source::GrpcConnector connector(options);
  HubRegistrationSource source(&connector);
  QueryContext ctx(absl::Now() + absl::Seconds(10));
  absl::Time start = absl::Now();
  absl::StatusOr<std::vector<PersonRecord>> read = source.ReadAll(ctx);
  EXPECT_FALSE(read.ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(10));
}

}  // namespace
}  // namespace tessera::identity
