// File: engine/identity/em_estimation.h
//
// Expectation-maximization for the Fellegi-Sunter model: with no labelled
// pairs, m, u and the prior are estimated from the candidate pairs
// themselves as a two-class mixture with fields independent given the class
// (Winkler 1988; Jaro 1989). Pairs are first collapsed into their distinct
// comparison vectors with counts, so each iteration costs the number of
// patterns (hundreds), not the number of pairs (millions).

#ifndef TESSERA_ENGINE_IDENTITY_EM_ESTIMATION_H_
#define TESSERA_ENGINE_IDENTITY_EM_ESTIMATION_H_

#include <vector>

#include "engine/identity/comparison.h"
#include "engine/identity/match_model.h"
#include "engine/identity/person_record.h"

namespace tessera::identity {

struct EmOptions {
  int max_iterations = 200;
  // Stops once no parameter moves by more than this in an iteration.
  double tolerance = 1e-7;
};

struct EmResult {
  MatchModel model;
  int iterations = 0;
  bool converged = false;
  double log_likelihood = 0.0;
};

// Distinct comparison vectors of `vectors` and how often each occurs.
void CollapsePatterns(const std::vector<ComparisonVector>& vectors, std::vector<ComparisonVector>* patterns,
                      std::vector<double>* counts);

// Sets `model.u` from up to `pairs` record pairs drawn at random (a fixed
// seed, so runs repeat), with add-one smoothing per level.
void EstimateUFromRandomPairs(const std::vector<PersonRecord>& records, const RecordComparator& comparator,
                              int64_t pairs, MatchModel& model);

// Sets `model.u_address_same_family` from up to `pairs` random pairs of
// records with the same family name whose birth dates disagree (which
// leaves out nearly every true match).
void EstimateSameFamilyAddressU(const std::vector<PersonRecord>& records, const RecordComparator& comparator,
                                int64_t pairs, MatchModel& model);

// Runs EM from `start` on weighted patterns. Which class ends up "match" is
// fixed by `start`: the class whose m favours agreement.
EmResult EstimateModel(const std::vector<ComparisonVector>& patterns, const std::vector<double>& counts,
                       const MatchModel& start, const EmOptions& options = {});

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_EM_ESTIMATION_H_
