// File: engine/identity/device_registration_file.h
//
// Person records from the device hub's registrations, read from its JSON
// lines export (registrations.jsonl: owner_name, owner_birth_date,
// owner_phone, owner_zip). The hub's gRPC source can replace this behind
// RecordSource without the linker noticing.

#ifndef TESSERA_ENGINE_IDENTITY_DEVICE_REGISTRATION_FILE_H_
#define TESSERA_ENGINE_IDENTITY_DEVICE_REGISTRATION_FILE_H_

#include <string>

#include "engine/identity/record_source.h"

namespace tessera::identity {

class DeviceRegistrationFile final : public RecordSource {
 public:
  // Records are keyed source "devices", record type "registration".
  explicit DeviceRegistrationFile(std::string path) : path_(std::move(path)) {}

  std::string description() const override { return "devices.registration (" + path_ + ")"; }

  // A line that is not a JSON object with a registration_id is an error
  // naming the file and line.
  absl::StatusOr<std::vector<PersonRecord>> ReadAll(QueryContext& ctx) override;

 private:
  std::string path_;
};

// Splits "Given [Middle...] Family" into the record's name fields.
void SplitGivenFirstName(absl::string_view full_name, PersonRecord& record);

// Splits "FAMILY, GIVEN [MIDDLE]" into the record's name fields.
void SplitFamilyFirstName(absl::string_view full_name, PersonRecord& record);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_DEVICE_REGISTRATION_FILE_H_
