// File: tests/connectors/grpc/hub_test_env.h
//
// What the gRPC source tests stand on: a small Riverside generated once per
// test binary under TEST_TMPDIR, real device hubs over its files on free
// loopback ports, and the device files read independently of the hub (by
// the tests' own JSON field reader) to compute expected answers.

#ifndef TESSERA_TESTS_CONNECTORS_GRPC_HUB_TEST_ENV_H_
#define TESSERA_TESTS_CONNECTORS_GRPC_HUB_TEST_ENV_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/devicehub/device_hub.h"

namespace tessera::testing {

// One line of a device file: field -> its text ("null" for null).
using JsonRow = std::map<std::string, std::string>;

// The Riverside data folder (generated on first use).
const std::string& HubDataDir();

// Every line of devices/<file> ("readings.jsonl", "registrations.jsonl").
std::vector<JsonRow> ReadDeviceFile(const std::string& file);

// A hub on 127.0.0.1, port picked free; aborts the test on failure.
std::unique_ptr<devicehub::DeviceHub> StartHub(absl::Duration batch_pause = absl::ZeroDuration());

// A loopback address where nothing listens (a hub's port, after it stopped).
std::string DeadAddress();

// "2026-05-12T12:06:00Z" as the engine prints a timestamp.
std::string EngineTimestamp(const std::string& json_time);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_CONNECTORS_GRPC_HUB_TEST_ENV_H_
