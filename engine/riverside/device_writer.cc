#include "engine/riverside/device_writer.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "engine/common/status_macros.h"
#include "engine/riverside/formats.h"
#include "engine/riverside/output_file.h"
#include "engine/types/decimal.h"

namespace tessera::riverside {
namespace {

const char* DeviceType(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::kScale:
      return "scale";
    case DeviceKind::kBpCuff:
      return "bp_monitor";
    case DeviceKind::kGlucoseMeter:
      return "glucose_meter";
  }
  return "unknown";
}

const char* Model(DeviceKind kind) {
  switch (kind) {
    case DeviceKind::kScale:
      return "RiverHome Scale S2";
    case DeviceKind::kBpCuff:
      return "RiverHome BP Cuff C1";
    case DeviceKind::kGlucoseMeter:
      return "RiverHome Glucose G3";
  }
  return "";
}

const char* Unit(const Device& d) {
  switch (d.kind) {
    case DeviceKind::kScale:
      return d.metric ? "kg" : "lb";
    case DeviceKind::kBpCuff:
      return "mmHg";
    case DeviceKind::kGlucoseMeter:
      return "mg/dL";
  }
  return "";
}

std::string JsonOrNull(const std::string& text) { return text.empty() ? "null" : JsonString(text); }

}  // namespace

int64_t ScaleReadingTenths(const Device& device, const Reading& reading) {
  if (!device.metric) return reading.a;
  return std::llround(static_cast<double>(reading.a) * 0.45359237);
}

absl::Status WriteDeviceFiles(const DeviceData& devices, const std::string& directory) {
  OutputFile registrations(absl::StrCat(directory, "/registrations.jsonl"));
  RETURN_IF_ERROR(registrations.Open());
  for (const Registration& r : devices.registrations) {
    const Demographics& o = r.owner;
    registrations.Append(absl::StrCat(
        "{\"registration_id\":", JsonString(r.registration_id),
        ",\"user_id\":", JsonString(r.user_id), ",\"device_id\":", JsonString(r.serial),
        ",\"device_type\":\"", DeviceType(r.device->kind), "\",\"model\":\"", Model(r.device->kind),
        "\",\"unit\":\"", Unit(*r.device), "\",\"registered_at\":\"", UtcIso8601(r.registered_at),
        "\",\"owner_name\":", JsonString(absl::StrCat(o.given, " ", o.family)),
        ",\"owner_birth_date\":\"", FormatDate(o.birth_day), "\",\"owner_phone\":",
        JsonOrNull(PhoneE164(o.phone)), ",\"owner_zip\":", JsonOrNull(o.zip), "}\n"));
  }
  RETURN_IF_ERROR(registrations.Close());

  OutputFile readings(absl::StrCat(directory, "/readings.jsonl"));
  RETURN_IF_ERROR(readings.Open());
  int64_t reading_id = 0;
  std::string line;
  for (const Registration& r : devices.registrations) {
    const Device& d = *r.device;
    std::string head = absl::StrCat(",\"registration_id\":\"", r.registration_id,
                                    "\",\"device_id\":\"", r.serial, "\",\"measured_at\":\"");
    for (size_t k = r.first_reading; k < r.end_reading; ++k) {
      const Reading& reading = d.readings[k];
      line = absl::StrCat("{\"reading_id\":", ++reading_id, head, UtcIso8601(reading.at), "\",");
      switch (d.kind) {
        case DeviceKind::kScale:
          absl::StrAppend(&line, "\"type\":\"weight\",\"value\":",
                          FormatDecimal(ScaleReadingTenths(d, reading), 1), ",\"unit\":\"", Unit(d),
                          "\"}\n");
          break;
        case DeviceKind::kBpCuff:
          absl::StrAppend(&line, "\"type\":\"blood_pressure\",\"systolic\":", reading.a,
                          ",\"diastolic\":", reading.b, ",\"pulse\":", reading.c,
                          ",\"unit\":\"mmHg\"}\n");
          break;
        case DeviceKind::kGlucoseMeter:
          absl::StrAppend(&line, "\"type\":\"glucose\",\"value\":", reading.a,
                          ",\"unit\":\"mg/dL\"}\n");
          break;
      }
      readings.Append(line);
    }
  }
  return readings.Close();
}

}  // namespace tessera::riverside
