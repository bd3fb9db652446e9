// File: tests/connectors/grpc/hub_test_env.cc
//
// Generated data, hubs on free ports and an independent reading of the
// device files.

#include "tests/connectors/grpc/hub_test_env.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "tests/engine/riverside/demo_data.h"
#include "tests/engine/riverside/test_files.h"

namespace tessera::testing {
namespace {

const std::vector<std::string>& KeysOf(const std::string& file) {
  static const std::vector<std::string> readings = {"reading_id", "registration_id", "device_id", "measured_at",
                                                    "type",       "value",           "systolic",  "diastolic",
                                                    "pulse",      "unit"};
  static const std::vector<std::string> registrations = {
      "registration_id", "user_id",    "device_id",        "device_type", "model",    "unit",
      "registered_at",   "owner_name", "owner_birth_date", "owner_phone", "owner_zip"};
  return file == "readings.jsonl" ? readings : registrations;
}

}  // namespace

const std::string& HubDataDir() {
  static const std::string* dir = [] {
    auto* d = new std::string(riverside::testing::MakeTestDir("riverside"));
    riverside::GenOptions options;
    options.people = 300;
    options.data_dir = *d;
    absl::Status status = riverside::testing::Generate(options);
    if (!status.ok()) ADD_FAILURE() << "generating Riverside: " << status;
    return d;
  }();
  return *dir;
}

std::vector<JsonRow> ReadDeviceFile(const std::string& file) {
  std::vector<JsonRow> rows;
  for (const std::string& line : riverside::testing::ReadLines(absl::StrCat(HubDataDir(), "/devices/", file))) {
    if (line.empty()) continue;
    JsonRow row;
    // A key the line lacks reads as "null", as the hub treats it.
    for (const std::string& key : KeysOf(file)) {
      std::string v = riverside::testing::JsonField(line, key);
      row[key] = v.empty() && line.find(absl::StrCat("\"", key, "\"")) == std::string::npos ? "null" : v;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::unique_ptr<devicehub::DeviceHub> StartHub(absl::Duration batch_pause) {
  devicehub::HubOptions options;
  options.data_dir = HubDataDir();
  options.listen = "127.0.0.1:0";
  options.batch_pause = batch_pause;
  absl::StatusOr<std::unique_ptr<devicehub::DeviceHub>> hub = devicehub::DeviceHub::Start(options);
  if (!hub.ok()) {
    ADD_FAILURE() << "starting the hub: " << hub.status();
    return nullptr;
  }
  return std::move(*hub);
}

std::string DeadAddress() {
  std::unique_ptr<devicehub::DeviceHub> hub = StartHub();
  if (hub == nullptr) return "127.0.0.1:1";
  std::string address = hub->address();
  hub.reset();
  return address;
}

std::string EngineTimestamp(const std::string& json_time) {
  std::string t = absl::StrReplaceAll(json_time, {{"T", " "}});
  if (!t.empty() && t.back() == 'Z') t.pop_back();
  return t;
}

}  // namespace tessera::testing
