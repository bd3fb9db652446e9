// EM recovers the parameters of data drawn from a known Fellegi-Sunter
// model, and the match weights it implies order pairs correctly.

#include "engine/identity/em_estimation.h"

#include <random>
#include <string>

#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

// A known model: matches mostly agree, non-matches mostly disagree.
MatchModel TrueModel() {
  MatchModel model;
  for (int f = 0; f < kNumFields; ++f) {
    int levels = FieldLevels(static_cast<Field>(f));
    model.m[f].assign(levels, 0.0);
    model.u[f].assign(levels, 0.0);
    model.m[f][0] = 0.85;
    model.u[f][levels - 1] = 0.80;
    for (int l = 1; l < levels; ++l) model.m[f][l] = 0.15 / (levels - 1);
    for (int l = 0; l < levels - 1; ++l) model.u[f][l] = 0.20 / (levels - 1);
  }
  model.prior = 0.3;
  return model;
}

std::vector<ComparisonVector> Draw(const MatchModel& model, int n, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<ComparisonVector> out;
  for (int i = 0; i < n; ++i) {
    bool match = unit(rng) < model.prior;
    ComparisonVector v;
    for (int f = 0; f < kNumFields; ++f) {
      if (unit(rng) < 0.1) {  // Missing on one side.
        v[f] = kMissing;
        continue;
      }
      const std::vector<double>& p = match ? model.m[f] : model.u[f];
      std::discrete_distribution<int> level(p.begin(), p.end());
      v[f] = static_cast<uint8_t>(level(rng));
    }
    out.push_back(v);
  }
  return out;
}

TEST(EmEstimation, RecoversAKnownModel) {
  std::mt19937_64 rng(7);
  MatchModel truth = TrueModel();
  std::vector<ComparisonVector> vectors = Draw(truth, 40000, rng);
  std::vector<ComparisonVector> patterns;
  std::vector<double> counts;
  CollapsePatterns(vectors, &patterns, &counts);
  EXPECT_LT(patterns.size(), vectors.size());
  double total = 0;
  for (double c : counts) total += c;
  EXPECT_EQ(total, 40000);

  EmResult result = EstimateModel(patterns, counts, MatchModel::Initial(patterns, counts));
  EXPECT_TRUE(result.converged) << result.iterations << " iterations";
  EXPECT_NEAR(result.model.prior, truth.prior, 0.01);
  for (int f = 0; f < kNumFields; ++f) {
    int last = FieldLevels(static_cast<Field>(f)) - 1;
    EXPECT_NEAR(result.model.m[f][0], truth.m[f][0], 0.02) << FieldName(static_cast<Field>(f));
    EXPECT_NEAR(result.model.u[f][last], truth.u[f][last], 0.02) << FieldName(static_cast<Field>(f));
  }
  // Full agreement is strong evidence for a match, full disagreement against.
  ComparisonVector agree, disagree;
  for (int f = 0; f < kNumFields; ++f) {
    agree[f] = 0;
    disagree[f] = static_cast<uint8_t>(FieldLevels(static_cast<Field>(f)) - 1);
  }
  EXPECT_GT(result.model.Probability(agree), 0.999);
  EXPECT_LT(result.model.Probability(disagree), 0.001);
  EXPECT_GT(result.model.Weight(agree), 20);
}

TEST(EmEstimation, LikelihoodNeverDecreases) {
  std::mt19937_64 rng(11);
  std::vector<ComparisonVector> patterns;
  std::vector<double> counts;
  CollapsePatterns(Draw(TrueModel(), 5000, rng), &patterns, &counts);
  MatchModel start = MatchModel::Initial(patterns, counts);
  double previous = -1e300;
  for (int iterations = 1; iterations <= 10; ++iterations) {
    EmOptions options;
    options.max_iterations = iterations;
    options.tolerance = 0;
    double ll = EstimateModel(patterns, counts, start, options).log_likelihood;
    EXPECT_GE(ll, previous - 1e-6) << "iteration " << iterations;
    previous = ll;
  }
}

// Households: each family of four shares a phone and street, and no two
// families share anything. Among strangers address agreement is rare; among
// namesakes it is the rule, and the weight must say so.
TEST(EmEstimation, AddressAgreementMeansLessAmongNamesakes) {
  std::vector<PersonRecord> records;
  for (int family = 0; family < 500; ++family) {
    for (int member = 0; member < 4; ++member) {
      PersonRecord r;
      r.key.record_id = std::to_string(records.size());
      r.family = "family" + std::to_string(family);
      r.given = "member" + std::to_string(member);
      r.birth = {1940 + member * 15, 1 + family % 12, 1 + family % 28};
      r.phone = std::to_string(5130000000 + family);
      r.street = std::to_string(family) + " elm st";
      records.push_back(r);
    }
  }
  RecordComparator comparator;
  MatchModel model = MatchModel::Initial({}, {});
  EstimateUFromRandomPairs(records, comparator, 100000, model);
  EstimateSameFamilyAddressU(records, comparator, 20000, model);
  ASSERT_EQ(model.u_address_same_family.size(), model.u[kAddress].size());
  EXPECT_LT(model.u[kAddress][0], 0.01);
  EXPECT_GT(model.u_address_same_family[0], 0.9);
  ComparisonVector v;
  v.fill(kMissing);
  v[kAddress] = 0;
  v[kFamily] = 3;  // Strangers agreeing on the address...
  double strangers = model.Weight(v) - model.FieldWeight(kFamily, 3);
  v[kFamily] = 0;  // ... weigh more than namesakes doing so.
  double namesakes = model.Weight(v) - model.FieldWeight(kFamily, 0);
  EXPECT_GT(strangers, namesakes + 5);
}

}  // namespace
}  // namespace tessera::identity
