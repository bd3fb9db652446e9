// File: engine/riverside/pharmacy_source.h
//
// The retail pharmacy's view: customers under its own ids and every
// dispensing (NDC, quantity, days' supply) of the last two years, from
// Riverside prescriptions and from outside prescribers alike.

#ifndef TESSERA_ENGINE_RIVERSIDE_PHARMACY_SOURCE_H_
#define TESSERA_ENGINE_RIVERSIDE_PHARMACY_SOURCE_H_

#include <cstdint>
#include <vector>

#include "engine/riverside/noise.h"
#include "engine/riverside/person.h"
#include "engine/riverside/records.h"

namespace tessera::riverside {

struct DispensingRow {
  int64_t id = 0;
  int64_t customer_id = 0;
  int64_t rx_number = 0;  // Shared by the fills of one prescription.
  const Fill* fill = nullptr;
  // The prescriber's clinic ("CARDIOLOGY"), "" for a Riverside prescription
  // written without a visit, nullptr for an outside prescriber.
  const char* prescriber_department = nullptr;
};

struct PharmacyData {
  SourceRecords customers;
  std::vector<DispensingRow> dispensings;  // Ordered by id (dispensing date).
};

inline constexpr int64_t kFirstCustomerId = 5000001;

PharmacyData BuildPharmacy(const std::vector<Person>& people, const HistoryContext& context,
                           const NoiseRates& rates);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_PHARMACY_SOURCE_H_
