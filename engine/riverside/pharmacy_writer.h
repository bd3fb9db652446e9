// File: engine/riverside/pharmacy_writer.h
//
// The pharmacy's tables, in its own style (upper-case names, "Male"/"Female",
// ZIP+4 where known, digits-only phones, NDCs without dashes):
//
//   customer(customer_id, last_name, first_name, middle_initial,
//            date_of_birth, gender, address_line, city, state, postal_code,
//            phone)
//   dispensing(dispensing_id, customer_id, rx_number, fill_number, ndc,
//              drug_name, quantity, days_supply, dispensed_on, prescriber)

#ifndef TESSERA_ENGINE_RIVERSIDE_PHARMACY_WRITER_H_
#define TESSERA_ENGINE_RIVERSIDE_PHARMACY_WRITER_H_

#include <vector>

#include "engine/riverside/pharmacy_source.h"
#include "engine/riverside/sql_table_writer.h"

namespace tessera::riverside {

// The pharmacy's tables over `pharmacy`, which must outlive the result.
std::vector<TableLoad> PharmacyTables(const PharmacyData& pharmacy);

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_PHARMACY_WRITER_H_
