// File: engine/identity/clustering.h
//
// Clustering matched pairs into people. Plain transitive closure lets one
// bad link chain two households together (A~B and B~C although A and C
// plainly differ), so links are applied strongest first with union-find, and
// two clusters merge only if no record of one plainly contradicts a record
// of the other. Deterministic links (a shared reliable identifier) are
// applied first and always.

#ifndef TESSERA_ENGINE_IDENTITY_CLUSTERING_H_
#define TESSERA_ENGINE_IDENTITY_CLUSTERING_H_

#include <cstdint>
#include <functional>
#include <vector>

namespace tessera::identity {

struct ScoredPair {
  uint32_t a = 0;
  uint32_t b = 0;
  double probability = 0.0;
};

struct ClusteringOptions {
  // A merge is refused when some pair across the two clusters has a match
  // probability below this.
  double cannot_link_below = 0.01;
  // Clusters this large on both sides are merged without the cross check
  // (bounds its cost; real people have a handful of records).
  int64_t max_cross_checks = 4096;
};

struct ClusteringStats {
  int64_t merges = 0;
  int64_t refused = 0;  // Links not applied because of a contradiction.
};

class UnionFind {
 public:
  explicit UnionFind(size_t n);
  uint32_t Find(uint32_t x);
  // Merges the sets of a and b; returns the new root.
  uint32_t Union(uint32_t a, uint32_t b);
  const std::vector<uint32_t>& Members(uint32_t root) const { return members_[root]; }

 private:
  std::vector<uint32_t> parent_;
  std::vector<std::vector<uint32_t>> members_;
};

// Applies `deterministic` links, then `matches` in descending probability,
// to `sets` (which may already hold earlier clusters). `probability(a, b)`
// scores any pair for the contradiction check.
ClusteringStats ClusterPairs(const std::vector<ScoredPair>& deterministic, std::vector<ScoredPair> matches,
                             const std::function<double(uint32_t, uint32_t)>& probability,
                             const ClusteringOptions& options, UnionFind& sets);

}  // namespace tessera::identity

#endif  // TESSERA_ENGINE_IDENTITY_CLUSTERING_H_
