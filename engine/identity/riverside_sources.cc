// File: engine/identity/riverside_sources.cc

#include "engine/identity/riverside_sources.h"

#include <filesystem>

#include "engine/identity/device_registration_file.h"
#include "engine/identity/hub_registration_source.h"

namespace tessera::identity {

std::optional<TableMapping> RiversidePersonTable(absl::string_view source) {
  if (source == "ehr") {
    return TableMapping{
        "patient", "patient", "patient_id",
        {"mrn", "given_name", "middle_name", "family_name", "sex", "birth_date", "address_line", "city", "zip",
         "phone"},
        [](const std::vector<std::string>& c, PersonRecord& r) {
          r.shared_id = c[0];
          r.given = NormalizeName(c[1]);
          r.middle = NormalizeName(c[2]);
          r.family = NormalizeFamilyName(c[3]);
          r.sex = NormalizeSex(c[4]);
          r.birth = ParseBirthDate(c[5]);
          r.street = NormalizeText(c[6]);
          r.city = NormalizeText(c[7]);
          r.zip = NormalizeZip(c[8]);
          r.phone = NormalizePhone(c[9]);
        }};
  }
  if (source == "lab") {
    return TableMapping{"patient", "patient", "lab_patient_id",
                        {"patient_name", "sex", "dob", "phone", "zip", "ehr_mrn"},
                        [](const std::vector<std::string>& c, PersonRecord& r) {
                          SplitFamilyFirstName(c[0], r);
                          r.sex = NormalizeSex(c[1]);
                          r.birth = ParseBirthDate(c[2]);
                          r.phone = NormalizePhone(c[3]);
                          r.zip = NormalizeZip(c[4]);
                          r.shared_id = c[5];
                        }};
  }
  if (source == "pharmacy") {
    return TableMapping{
        "customer", "customer", "customer_id",
        {"first_name", "middle_initial", "last_name", "date_of_birth", "gender", "address_line", "city",
         "postal_code", "phone"},
        [](const std::vector<std::string>& c, PersonRecord& r) {
          r.given = NormalizeName(c[0]);
          r.middle = NormalizeName(c[1]);
          r.family = NormalizeFamilyName(c[2]);
          r.birth = ParseBirthDate(c[3]);
          r.sex = NormalizeSex(c[4]);
          r.street = NormalizeText(c[5]);
          r.city = NormalizeText(c[6]);
          r.zip = NormalizeZip(c[7]);
          r.phone = NormalizePhone(c[8]);
        }};
  }
  return std::nullopt;
}

std::vector<std::unique_ptr<RecordSource>> RiversideRecordSources(const SourceRegistry& sources,
                                                                  const std::string& device_registrations) {
  std::vector<std::unique_ptr<RecordSource>> out;
  const bool from_file = !device_registrations.empty() && std::filesystem::exists(device_registrations);
  for (const std::string& name : sources.names()) {
    absl::StatusOr<Connector*> connector = sources.Find(name);
    if (!connector.ok()) continue;
    if (name == "devices" && !from_file && (*connector)->dialect() == nullptr) {
      out.push_back(std::make_unique<HubRegistrationSource>(*connector));
      continue;
    }
    std::optional<TableMapping> mapping = RiversidePersonTable(name);
    if (!mapping.has_value()) continue;
    out.push_back(std::make_unique<SqlRecordSource>(*connector, *std::move(mapping)));
  }
  if (from_file) out.push_back(std::make_unique<DeviceRegistrationFile>(device_registrations));
  return out;
}

}  // namespace tessera::identity
