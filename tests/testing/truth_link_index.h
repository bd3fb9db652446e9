// File: tests/testing/truth_link_index.h
//
// The link index a perfect linker would build: every source record of a
// Riverside run under its true person (enterprise_id = person_id), from the
// ground truth's person_records.csv. Tests of the unified views use it to
// measure the views and the deduplication apart from the linker's errors.

#ifndef TESSERA_TESTS_TESTING_TRUTH_LINK_INDEX_H_
#define TESSERA_TESTS_TESTING_TRUTH_LINK_INDEX_H_

#include <string>

#include "absl/status/status.h"

namespace tessera::testing {

// Writes table link_record (the shape engine/identity's LinkStore keeps)
// into the new SQLite file `sqlite_path`, replacing any file there, from
// `<data_dir>/truth/person_records.csv`.
absl::Status WriteTruthLinkIndex(const std::string& data_dir, const std::string& sqlite_path);

}  // namespace tessera::testing

#endif  // TESSERA_TESTS_TESTING_TRUTH_LINK_INDEX_H_
