// File: engine/identity/febrl_file.h
//
// The Febrl benchmark files (Christen's synthetic people: rec_id, given_name,
// surname, street_number, address_1, address_2, suburb, postcode, state,
// date_of_birth YYYYMMDD, soc_sec_id; ", "-separated). The record id is kept
// apart from the compared fields: the matcher never sees it.

#ifndef TESSERA_ENGINE_IDENTITY_FEBRL_FILE_H_
#define TESSERA_ENGINE_IDENTITY_FEBRL_FILE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

struct FebrlData {
  std::vector<PersonRecord> records;  // key.record_id is the row number, not rec_id.
  std::vector<int64_t> entity;        // The N of rec-N-org / rec-N-dup-k, per record.
};

absl::StatusOr<FebrlData> ReadFebrlFile(const std::string& path);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_FEBRL_FILE_H_
