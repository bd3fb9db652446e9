// File: engine/identity/evaluation.h
//
// Scoring a linkage against ground truth, pairwise: every pair of records
// put in one cluster is a predicted link, every pair of records of one true
// entity a true link. Precision, recall and F1 over those pairs are the
// usual measures for record linkage (Christen, "Data Matching", 2012).

#ifndef TESSERA_ENGINE_IDENTITY_EVALUATION_H_
#define TESSERA_ENGINE_IDENTITY_EVALUATION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

struct PairScores {
  int64_t true_positives = 0;
  int64_t false_positives = 0;
  int64_t false_negatives = 0;
  double precision() const;
  double recall() const;
  double f1() const;
};

// `predicted[i]` and `truth[i]` are record i's cluster and true entity.
PairScores ScorePairs(const std::vector<int64_t>& predicted, const std::vector<int64_t>& truth);

// Riverside's truth/person_records.csv: each (source, record_type,
// record_id) to its person_id.
absl::StatusOr<absl::flat_hash_map<RecordKey, int64_t>> LoadRiversideTruth(const std::string& path);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_EVALUATION_H_
