// File: engine/identity/linker.h
//
// Identity resolution end to end, in memory: deterministic links on shared
// reliable identifiers, blocking, comparison vectors, EM estimation of the
// match weights, classification into match / possible match / non-match,
// and clustering into enterprise ids. A full run links every record; an
// incremental run starts from the previous clusters and links only records
// that are new or changed since, keeping every other enterprise id.

#ifndef TESSERA_ENGINE_IDENTITY_LINKER_H_
#define TESSERA_ENGINE_IDENTITY_LINKER_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "engine/identity/blocking.h"
#include "engine/identity/clustering.h"
#include "engine/identity/em_estimation.h"
#include "engine/identity/match_model.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

struct LinkOptions {
  BlockingOptions blocking;
  EmOptions em;
  ClusteringOptions clustering;
  // Random record pairs drawn to estimate u (see LinkRecords); 0 draws 40
  // per record, at least 200,000 and at most 1,000,000.
  int64_t random_pairs = 0;
  // Fellegi-Sunter thresholds on the match weight (log2 of m/u summed over
  // the fields): at or above `match_weight` a pair is a match; at or above
  // `possible_weight` (and below the other) a possible match, kept for review
  // but not linked; below it a non-match. On the weight, not the posterior,
  // because the posterior leans on the share of matches among compared pairs,
  // which blocking inflates and the field independence assumption then
  // overstates for pairs that agree on names alone.
  double match_weight = 11.0;
  double possible_weight = 6.0;
};

struct LinkStats {
  int64_t records = 0;
  int64_t new_records = 0;      // Incremental: records new or changed since the index.
  int64_t removed_records = 0;  // Incremental: indexed records no longer in any source.
  int64_t candidate_pairs = 0;  // Pairs compared.
  int64_t oversized_blocks = 0;
  int64_t deterministic_links = 0;
  int64_t matches = 0;
  int64_t possible_matches = 0;
  int64_t refused_links = 0;    // Matches not applied: they would chain contradicting records.
  int64_t clusters = 0;
  int64_t reassigned_records = 0;  // Incremental: unchanged records whose id changed by a merge.
  int em_iterations = 0;
  bool em_converged = false;
};

struct LinkResult {
  // Parallel to the input records.
  std::vector<int64_t> enterprise_ids;
  std::vector<ScoredPair> possible_matches;  // Indexes into the input records.
  MatchModel model;
  LinkStats stats;
};

// What the index knew about one record.
struct IndexedRecord {
  int64_t enterprise_id = 0;
  uint64_t fingerprint = 0;
};

// Links every record from scratch; enterprise ids are 1..clusters, in the
// order of each cluster's first record.
LinkResult LinkRecords(const std::vector<PersonRecord>& records, const LinkOptions& options);

// Links records against a previous run: records whose key and fingerprint
// are in `previous` keep their cluster; the others are compared (with
// `model`, the previous run's weights) against everything sharing a blocking
// key, and join a cluster or start one. Merged clusters keep the smallest
// of their ids; new clusters get ids above every previous one.
LinkResult LinkIncrementally(const std::vector<PersonRecord>& records,
                             const absl::flat_hash_map<RecordKey, IndexedRecord>& previous,
                             const MatchModel& model, const LinkOptions& options);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_LINKER_H_
