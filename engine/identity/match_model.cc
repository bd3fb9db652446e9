// File: engine/identity/match_model.cc

#include "engine/identity/match_model.h"

#include <algorithm>
#include <cmath>

namespace tessera::identity {
namespace {

// Keeps every probability away from 0 so no level is ever infinitely
// decisive: data always has a surprise left.
constexpr double kFloor = 1e-6;

}  // namespace

MatchModel MatchModel::Initial(const std::vector<ComparisonVector>& patterns, const std::vector<double>& counts) {
  MatchModel model;
  for (int f = 0; f < kNumFields; ++f) {
    const int levels = FieldLevels(static_cast<Field>(f));
    // Matches mostly agree exactly; the rest is spread over the lower levels
    // with less and less weight.
    model.m[f].assign(levels, 0.0);
    double rest = 0.1;
    model.m[f][0] = 0.9;
    for (int l = 1; l < levels; ++l) {
      model.m[f][l] = (l == levels - 1) ? rest : rest / 2;
      rest /= 2;
    }
    std::vector<double> seen(levels, 1.0);  // Add-one smoothing.
    double total = levels;
    for (size_t p = 0; p < patterns.size(); ++p) {
      uint8_t level = patterns[p][f];
      if (level == kMissing) continue;
      seen[level] += counts[p];
      total += counts[p];
    }
    model.u[f].resize(levels);
    for (int l = 0; l < levels; ++l) model.u[f][l] = seen[l] / total;
  }
  model.prior = 0.1;
  return model;
}

double MatchModel::FieldWeight(Field field, uint8_t level) const {
  if (level == kMissing) return 0.0;
  return std::log2(std::max(m[field][level], kFloor) / std::max(u[field][level], kFloor));
}

double MatchModel::SameFamilyAddressWeight(uint8_t level) const {
  if (level == kMissing) return 0.0;
  if (u_address_same_family.size() != m[kAddress].size()) return FieldWeight(kAddress, level);
  return std::log2(std::max(m[kAddress][level], kFloor) / std::max(u_address_same_family[level], kFloor));
}

double MatchModel::Weight(const ComparisonVector& v) const {
  double w = 0.0;
  for (int f = 0; f < kNumFields; ++f) {
    if (f == kAddress && v[kFamily] == 0) {
      w += SameFamilyAddressWeight(v[f]);
    } else {
      w += FieldWeight(static_cast<Field>(f), v[f]);
    }
  }
  return w;
}

double MatchModel::Probability(const ComparisonVector& v) const {
  double log_odds = Weight(v) + std::log2(prior / (1.0 - prior));
  log_odds = std::clamp(log_odds, -1000.0, 1000.0);
  return 1.0 / (1.0 + std::exp2(-log_odds));
}

}  // namespace tessera::identity
