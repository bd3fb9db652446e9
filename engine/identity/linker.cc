// File: engine/identity/linker.cc

#include "engine/identity/linker.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "engine/identity/comparison.h"

namespace tessera::identity {
namespace {

// Records sharing a reliable identifier, as links to the first of them.
std::vector<ScoredPair> DeterministicLinks(const std::vector<PersonRecord>& records) {
  absl::flat_hash_map<absl::string_view, uint32_t> first;
  std::vector<ScoredPair> links;
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (records[i].shared_id.empty()) continue;
    auto [it, inserted] = first.try_emplace(records[i].shared_id, i);
    if (!inserted) links.push_back({it->second, i, 1.0});
  }
  return links;
}

// Scores the candidate pairs and sorts them into matches and possibles.
void Classify(const CandidatePairs& candidates, const std::vector<ComparisonVector>& vectors,
              const MatchModel& model, const LinkOptions& options, std::vector<ScoredPair>* matches,
              LinkResult* result) {
  for (size_t k = 0; k < candidates.pairs.size(); ++k) {
    double w = model.Weight(vectors[k]);
    ScoredPair pair{candidates.pairs[k].first, candidates.pairs[k].second, model.Probability(vectors[k])};
    if (w >= options.match_weight) {
      matches->push_back(pair);
    } else if (w >= options.possible_weight) {
      result->possible_matches.push_back(pair);
    }
  }
  result->stats.matches = static_cast<int64_t>(matches->size());
  result->stats.possible_matches = static_cast<int64_t>(result->possible_matches.size());
}

std::vector<ComparisonVector> CompareAll(const std::vector<PersonRecord>& records, const CandidatePairs& candidates,
                                         const RecordComparator& comparator) {
  std::vector<ComparisonVector> vectors;
  vectors.reserve(candidates.pairs.size());
  for (const auto& [i, j] : candidates.pairs) vectors.push_back(comparator.Compare(records[i], records[j]));
  return vectors;
}

// Links, candidates, scoring and clustering shared by both kinds of run.
void LinkWith(const std::vector<PersonRecord>& records, const CandidatePairs& candidates,
              const std::vector<ComparisonVector>& vectors, const RecordComparator& comparator,
              const LinkOptions& options, UnionFind& sets, LinkResult* result) {
  std::vector<ScoredPair> deterministic = DeterministicLinks(records);
  result->stats.deterministic_links = static_cast<int64_t>(deterministic.size());
  std::vector<ScoredPair> matches;
  Classify(candidates, vectors, result->model, options, &matches, result);
  auto probability = [&](uint32_t a, uint32_t b) {
    if (!records[a].shared_id.empty() && records[a].shared_id == records[b].shared_id) return 1.0;
    return result->model.Probability(comparator.Compare(records[a], records[b]));
  };
  ClusteringStats clustering = ClusterPairs(deterministic, std::move(matches), probability, options.clustering, sets);
  result->stats.refused_links = clustering.refused;
  // A possible match whose records ended up in one cluster anyway is settled.
  std::erase_if(result->possible_matches,
                [&](const ScoredPair& p) { return sets.Find(p.a) == sets.Find(p.b); });
  result->stats.possible_matches = static_cast<int64_t>(result->possible_matches.size());
}

}  // namespace

LinkResult LinkRecords(const std::vector<PersonRecord>& records, const LinkOptions& options) {
  LinkResult result;
  result.stats.records = static_cast<int64_t>(records.size());
  result.stats.new_records = result.stats.records;
  RecordComparator comparator;
  CandidatePairs candidates = GenerateCandidates(records, options.blocking);
  result.stats.candidate_pairs = static_cast<int64_t>(candidates.pairs.size());
  result.stats.oversized_blocks = candidates.oversized_blocks;
  std::vector<ComparisonVector> vectors = CompareAll(records, candidates, comparator);

  // m comes from EM on the candidate pairs: they hold nearly every match.
  // u comes from random pairs: u estimated on candidate pairs describes the
  // blocks, not the population (in a name block everyone agrees on names, in
  // a birth-date block on birth dates), and its weights would vanish as the
  // blocks fill up with more people. This is how Splink splits the work too.
  std::vector<ComparisonVector> patterns;
  std::vector<double> counts;
  CollapsePatterns(vectors, &patterns, &counts);
  EmResult em = EstimateModel(patterns, counts, MatchModel::Initial(patterns, counts), options.em);
  result.model = em.model;
  int64_t random_pairs = options.random_pairs > 0
                             ? options.random_pairs
                             : std::clamp<int64_t>(40 * static_cast<int64_t>(records.size()), 200000, 1000000);
  EstimateUFromRandomPairs(records, comparator, random_pairs, result.model);
  EstimateSameFamilyAddressU(records, comparator, random_pairs / 4, result.model);
  result.stats.em_iterations = em.iterations;
  result.stats.em_converged = em.converged;

  UnionFind sets(records.size());
  LinkWith(records, candidates, vectors, comparator, options, sets, &result);

  absl::flat_hash_map<uint32_t, int64_t> id_of_root;
  result.enterprise_ids.resize(records.size());
  for (uint32_t i = 0; i < records.size(); ++i) {
    auto [it, inserted] = id_of_root.try_emplace(sets.Find(i), static_cast<int64_t>(id_of_root.size()) + 1);
    result.enterprise_ids[i] = it->second;
  }
  result.stats.clusters = static_cast<int64_t>(id_of_root.size());
  return result;
}

LinkResult LinkIncrementally(const std::vector<PersonRecord>& records,
                             const absl::flat_hash_map<RecordKey, IndexedRecord>& previous,
                             const MatchModel& model, const LinkOptions& options) {
  LinkResult result;
  result.model = model;
  result.stats.records = static_cast<int64_t>(records.size());
  RecordComparator comparator;

  // Unchanged records start in their previous clusters.
  UnionFind sets(records.size());
  std::vector<bool> is_new(records.size(), true);
  absl::flat_hash_map<int64_t, uint32_t> first_of_id;
  absl::flat_hash_set<RecordKey> present;
  int64_t max_id = 0;
  for (const auto& [key, indexed] : previous) max_id = std::max(max_id, indexed.enterprise_id);
  for (uint32_t i = 0; i < records.size(); ++i) {
    present.insert(records[i].key);
    auto it = previous.find(records[i].key);
    if (it == previous.end() || it->second.fingerprint != Fingerprint(records[i])) continue;
    is_new[i] = false;
    auto [first, inserted] = first_of_id.try_emplace(it->second.enterprise_id, i);
    if (!inserted) sets.Union(first->second, i);
  }
  for (const auto& [key, indexed] : previous) {
    if (!present.contains(key)) ++result.stats.removed_records;
  }
  result.stats.new_records = std::count(is_new.begin(), is_new.end(), true);

  CandidatePairs candidates = GenerateCandidates(records, options.blocking, &is_new);
  result.stats.candidate_pairs = static_cast<int64_t>(candidates.pairs.size());
  result.stats.oversized_blocks = candidates.oversized_blocks;
  std::vector<ComparisonVector> vectors = CompareAll(records, candidates, comparator);
  LinkWith(records, candidates, vectors, comparator, options, sets, &result);

  // Each cluster keeps the smallest previous id among its unchanged records.
  absl::flat_hash_map<uint32_t, int64_t> id_of_root;
  for (uint32_t i = 0; i < records.size(); ++i) {
    if (is_new[i]) continue;
    int64_t id = previous.at(records[i].key).enterprise_id;
    auto [it, inserted] = id_of_root.try_emplace(sets.Find(i), id);
    if (!inserted) it->second = std::min(it->second, id);
  }
  result.enterprise_ids.resize(records.size());
  for (uint32_t i = 0; i < records.size(); ++i) {
    auto [it, inserted] = id_of_root.try_emplace(sets.Find(i), 0);
    if (inserted) it->second = ++max_id;
    result.enterprise_ids[i] = it->second;
    if (!is_new[i] && it->second != previous.at(records[i].key).enterprise_id) ++result.stats.reassigned_records;
  }
  result.stats.clusters = static_cast<int64_t>(id_of_root.size());
  return result;
}

}  // namespace tessera::identity
