// File: engine/identity/match_model.h
//
// The Fellegi-Sunter model: for each field and agreement level, m (how often
// records of one person show that level) and u (how often records of two
// different people do), and the prior share of matches among compared pairs.
// A pair's match weight is the sum over fields of log2(m/u); with the prior
// it gives the probability that the pair is one person.

#ifndef TESSERA_ENGINE_IDENTITY_MATCH_MODEL_H_
#define TESSERA_ENGINE_IDENTITY_MATCH_MODEL_H_

#include <array>
#include <vector>

#include "engine/identity/comparison.h"

namespace tessera::identity {

struct MatchModel {
  // m[field][level] and u[field][level]; each row sums to 1.
  std::array<std::vector<double>, kNumFields> m;
  std::array<std::vector<double>, kNumFields> u;
  double prior = 0.01;  // Share of candidate pairs that are matches.
  // u of the address among different people with the same family name.
  // Families share homes, so for them agreeing on an address says much less
  // than for two strangers; used in place of u[kAddress] when the family
  // names agree exactly. Empty: no correction.
  std::vector<double> u_address_same_family;

  // A starting point for estimation: agreement likely among matches, and
  // `u` from how often each level occurs among all candidate pairs.
  static MatchModel Initial(const std::vector<ComparisonVector>& patterns, const std::vector<double>& counts);

  // log2(m/u) of one field's level; 0 for kMissing.
  double FieldWeight(Field field, uint8_t level) const;

  // The address weight when the family names agree (see u_address_same_family).
  double SameFamilyAddressWeight(uint8_t level) const;

  // Sum of the field weights (log2 of the likelihood ratio).
  double Weight(const ComparisonVector& v) const;

  // Posterior probability that the pair is a match.
  double Probability(const ComparisonVector& v) const;
};

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_MATCH_MODEL_H_
