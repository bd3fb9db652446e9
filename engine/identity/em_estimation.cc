// File: engine/identity/em_estimation.cc

#include "engine/identity/em_estimation.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_map.h"

namespace tessera::identity {
namespace {

// Keeps probabilities strictly inside (0, 1) so that no level's weight is
// infinite after a level never occurs in one class.
constexpr double kEpsilon = 1e-6;
// No level is ever treated as (nearly) impossible for a true match: a
// disagreement never seen among this data's matches, such as a moved
// household, still occurs in the next data. m stays above this.
constexpr double kMinM = 1e-4;

// splitmix64: a fixed-seed generator, so that runs repeat.
class PairSampler {
 public:
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_ = 0x9e3779b97f4a7c15ull;
};

struct PatternHash {
  size_t operator()(const ComparisonVector& v) const {
    size_t h = 0;
    for (uint8_t x : v) h = h * 131 + x;
    return h;
  }
};

}  // namespace

void CollapsePatterns(const std::vector<ComparisonVector>& vectors, std::vector<ComparisonVector>* patterns,
                      std::vector<double>* counts) {
  absl::flat_hash_map<ComparisonVector, size_t, PatternHash> index;
  patterns->clear();
  counts->clear();
  for (const ComparisonVector& v : vectors) {
    auto [it, inserted] = index.try_emplace(v, patterns->size());
    if (inserted) {
      patterns->push_back(v);
      counts->push_back(0.0);
    }
    (*counts)[it->second] += 1.0;
  }
}

void EstimateUFromRandomPairs(const std::vector<PersonRecord>& records, const RecordComparator& comparator,
                              int64_t pairs, MatchModel& model) {
  const uint64_t n = records.size();
  if (n < 2) return;
  std::array<std::vector<double>, kNumFields> seen;
  for (int f = 0; f < kNumFields; ++f) seen[f].assign(FieldLevels(static_cast<Field>(f)), 1.0);
  PairSampler sampler;
  for (int64_t k = 0; k < pairs; ++k) {
    uint64_t i = sampler.Next() % n, j = sampler.Next() % n;
    if (i == j) continue;
    ComparisonVector v = comparator.Compare(records[i], records[j]);
    for (int f = 0; f < kNumFields; ++f) {
      if (v[f] != kMissing) seen[f][v[f]] += 1.0;
    }
  }
  for (int f = 0; f < kNumFields; ++f) {
    double total = 0.0;
    for (double c : seen[f]) total += c;
    model.u[f].resize(seen[f].size());
    for (size_t l = 0; l < seen[f].size(); ++l) model.u[f][l] = seen[f][l] / total;
  }
}

void EstimateSameFamilyAddressU(const std::vector<PersonRecord>& records, const RecordComparator& comparator,
                                int64_t pairs, MatchModel& model) {
  // Records grouped by family name; a pair is a record drawn at random and
  // another drawn from its group.
  absl::flat_hash_map<absl::string_view, std::vector<uint32_t>> families;
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (!records[i].family.empty()) families[records[i].family].push_back(i);
  }
  std::vector<const std::vector<uint32_t>*> group_of(records.size(), nullptr);
  for (const auto& [family, members] : families) {
    for (uint32_t i : members) group_of[i] = &members;
  }
  std::vector<double> seen(FieldLevels(kAddress), 1.0);  // Add-one smoothing.
  PairSampler sampler;
  int64_t drawn = 0;
  // Bounded: at most 4 draws per wanted pair, whatever the groups look like.
  for (int64_t attempt = 0; attempt < 4 * pairs && drawn < pairs && !records.empty(); ++attempt) {
    uint32_t i = static_cast<uint32_t>(sampler.Next() % records.size());
    const std::vector<uint32_t>* group = group_of[i];
    if (group == nullptr || group->size() < 2) continue;
    uint32_t j = (*group)[sampler.Next() % group->size()];
    if (i == j) continue;
    uint8_t birth = RecordComparator::CompareBirthDate(records[i].birth, records[j].birth);
    if (birth == 0 || birth == 1) continue;  // Most likely the same person.
    uint8_t level = RecordComparator::CompareAddress(records[i], records[j]);
    if (level == kMissing) continue;
    seen[level] += 1.0;
    ++drawn;
  }
  double total = 0.0;
  for (double c : seen) total += c;
  model.u_address_same_family.resize(seen.size());
  for (size_t l = 0; l < seen.size(); ++l) model.u_address_same_family[l] = seen[l] / total;
}

EmResult EstimateModel(const std::vector<ComparisonVector>& patterns, const std::vector<double>& counts,
                       const MatchModel& start, const EmOptions& options) {
  EmResult result;
  result.model = start;
  MatchModel& model = result.model;
  std::vector<double> posterior(patterns.size());
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    result.iterations = iteration;
    // E step: the probability that each pattern is a match.
    double log_likelihood = 0.0;
    for (size_t p = 0; p < patterns.size(); ++p) {
      double lm = std::log(model.prior), lu = std::log(1.0 - model.prior);
      for (int f = 0; f < kNumFields; ++f) {
        uint8_t level = patterns[p][f];
        if (level == kMissing) continue;
        lm += std::log(model.m[f][level]);
        lu += std::log(model.u[f][level]);
      }
      double hi = std::max(lm, lu);
      double denominator = std::exp(lm - hi) + std::exp(lu - hi);
      posterior[p] = std::exp(lm - hi) / denominator;
      log_likelihood += counts[p] * (hi + std::log(denominator));
    }
    result.log_likelihood = log_likelihood;
    // M step: re-estimate every parameter from the expected class counts.
    MatchModel next = model;
    double matches = 0.0, total = 0.0;
    for (size_t p = 0; p < patterns.size(); ++p) {
      matches += counts[p] * posterior[p];
      total += counts[p];
    }
    next.prior = std::clamp(matches / std::max(total, 1.0), kEpsilon, 1.0 - kEpsilon);
    for (int f = 0; f < kNumFields; ++f) {
      const size_t levels = model.m[f].size();
      std::vector<double> m_count(levels, 0.0), u_count(levels, 0.0);
      double m_total = 0.0, u_total = 0.0;
      for (size_t p = 0; p < patterns.size(); ++p) {
        uint8_t level = patterns[p][f];
        if (level == kMissing) continue;
        m_count[level] += counts[p] * posterior[p];
        u_count[level] += counts[p] * (1.0 - posterior[p]);
        m_total += counts[p] * posterior[p];
        u_total += counts[p] * (1.0 - posterior[p]);
      }
      for (size_t l = 0; l < levels; ++l) {
        // A field never observed keeps its previous estimate.
        if (m_total > 0) next.m[f][l] = std::clamp(m_count[l] / m_total, kMinM, 1.0 - kEpsilon);
        if (u_total > 0) next.u[f][l] = std::clamp(u_count[l] / u_total, kEpsilon, 1.0 - kEpsilon);
      }
    }
    double change = std::abs(next.prior - model.prior);
    for (int f = 0; f < kNumFields; ++f) {
      for (size_t l = 0; l < model.m[f].size(); ++l) {
        change = std::max({change, std::abs(next.m[f][l] - model.m[f][l]), std::abs(next.u[f][l] - model.u[f][l])});
      }
    }
    model = std::move(next);
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  return result;
}

}  // namespace tessera::identity
