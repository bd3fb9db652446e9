// File: engine/riverside/device_source.h
//
// The home-device hub's view: user accounts (profiles people typed in
// themselves), device registrations under those accounts, and the readings
// each registered device uploaded. A person who set up a second account
// re-registers a device under it, and later readings go there.

#ifndef TESSERA_ENGINE_RIVERSIDE_DEVICE_SOURCE_H_
#define TESSERA_ENGINE_RIVERSIDE_DEVICE_SOURCE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "engine/riverside/noise.h"
#include "engine/riverside/person.h"
#include "engine/riverside/records.h"

namespace tessera::riverside {

struct Registration {
  std::string registration_id;  // "R00000042".
  std::string user_id;          // "u" and 12 hex digits.
  std::string serial;           // "SC-1A2B3C4D"; the same device keeps its serial.
  const Device* device = nullptr;
  size_t person = 0;
  bool duplicate = false;  // Registered under the person's second account.
  int64_t registered_at = 0;
  // The readings of `device` uploaded under this registration:
  // device->readings[first_reading, end_reading).
  size_t first_reading = 0;
  size_t end_reading = 0;
  Demographics owner;  // The account profile.
  std::string noise;
};

struct DeviceData {
  std::vector<Registration> registrations;  // In registration order.
  int64_t reading_count = 0;
};

DeviceData BuildDevices(const std::vector<Person>& people, const HistoryContext& context,
                        const NoiseRates& rates);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_DEVICE_SOURCE_H_
