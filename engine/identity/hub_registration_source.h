// File: engine/identity/hub_registration_source.h
//
// Person records from the device hub's registrations, read through the
// configured `devices` source (the gRPC source contract) with a structured
// scan of its "registrations" table: the same records, under the same keys,
// as DeviceRegistrationFile reads from the hub's JSON lines export.

#ifndef TESSERA_ENGINE_IDENTITY_HUB_REGISTRATION_SOURCE_H_
#define TESSERA_ENGINE_IDENTITY_HUB_REGISTRATION_SOURCE_H_

#include <string>

#include "connectors/connector.h"
#include "engine/identity/record_source.h"

namespace tessera::identity {

class HubRegistrationSource final : public RecordSource {
 public:
  // `connector` (a source without SQL) must outlive this.
  explicit HubRegistrationSource(Connector* connector) : connector_(connector) {}

  std::string description() const override;

  // Records are keyed source "devices", record type "registration".
  absl::StatusOr<std::vector<PersonRecord>> ReadAll(QueryContext& ctx) override;

 private:
  Connector* connector_;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_HUB_REGISTRATION_SOURCE_H_
