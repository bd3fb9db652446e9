// File: engine/riverside/device_writer.h
//
// The device hub's data as JSON lines in <data_dir>/devices/, which the
// sample device-hub service serves over gRPC. One object per line, keys in a
// fixed order, times in UTC:
//
//   registrations.jsonl: {"registration_id":"R00000001","user_id":"u…",
//     "device_id":"SC-…","device_type":"scale"|"bp_monitor"|"glucose_meter",
//     "model":"…","unit":"lb"|"kg"|"mmHg"|"mg/dL","registered_at":"…Z",
//     "owner_name":"Bob Smith","owner_birth_date":"1948-03-07",
//     "owner_phone":"+15138675309"|null,"owner_zip":"45202"|null}
//   readings.jsonl: {"reading_id":1,"registration_id":"R…","device_id":"…",
//     "measured_at":"…Z","type":"weight","value":184.2,"unit":"lb"}
//     | {…,"type":"blood_pressure","systolic":138,"diastolic":86,"pulse":71,
//        "unit":"mmHg"}
//     | {…,"type":"glucose","value":142,"unit":"mg/dL"}

#ifndef TESSERA_ENGINE_RIVERSIDE_DEVICE_WRITER_H_
#define TESSERA_ENGINE_RIVERSIDE_DEVICE_WRITER_H_

#include <string>

#include "absl/status/status.h"
#include "engine/riverside/device_source.h"

namespace tessera::riverside {

// Writes registrations.jsonl and readings.jsonl into `directory`.
absl::Status WriteDeviceFiles(const DeviceData& devices, const std::string& directory);

// A scale reading as the hub reports it: tenths of a pound, or of a kilogram
// on a metric scale.
int64_t ScaleReadingTenths(const Device& device, const Reading& reading);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_DEVICE_WRITER_H_
