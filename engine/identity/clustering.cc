// File: engine/identity/clustering.cc

#include "engine/identity/clustering.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace tessera::identity {

UnionFind::UnionFind(size_t n) : parent_(n), members_(n) {
  std::iota(parent_.begin(), parent_.end(), 0u);
  for (uint32_t i = 0; i < n; ++i) members_[i] = {i};
}

uint32_t UnionFind::Find(uint32_t x) {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];  // Path halving.
    x = parent_[x];
  }
  return x;
}

uint32_t UnionFind::Union(uint32_t a, uint32_t b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return a;
  // The larger set absorbs the smaller, so member lists move O(n log n) in all.
  if (members_[a].size() < members_[b].size()) std::swap(a, b);
  parent_[b] = a;
  members_[a].insert(members_[a].end(), members_[b].begin(), members_[b].end());
  members_[b].clear();
  members_[b].shrink_to_fit();
  return a;
}

ClusteringStats ClusterPairs(const std::vector<ScoredPair>& deterministic, std::vector<ScoredPair> matches,
                             const std::function<double(uint32_t, uint32_t)>& probability,
                             const ClusteringOptions& options, UnionFind& sets) {
  ClusteringStats stats;
  for (const ScoredPair& p : deterministic) {
    if (sets.Find(p.a) != sets.Find(p.b)) {
      sets.Union(p.a, p.b);
      ++stats.merges;
    }
  }
  // Strongest first; ties broken by ids so runs are reproducible.
  std::sort(matches.begin(), matches.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.probability != y.probability) return x.probability > y.probability;
    return std::make_pair(x.a, x.b) < std::make_pair(y.a, y.b);
  });
  for (const ScoredPair& p : matches) {
    uint32_t ra = sets.Find(p.a), rb = sets.Find(p.b);
    if (ra == rb) continue;
    const std::vector<uint32_t>& left = sets.Members(ra);
    const std::vector<uint32_t>& right = sets.Members(rb);
    bool contradiction = false;
    if (static_cast<int64_t>(left.size() * right.size()) <= options.max_cross_checks) {
      for (uint32_t x : left) {
        for (uint32_t y : right) {
          if (probability(x, y) < options.cannot_link_below) {
            contradiction = true;
            break;
          }
        }
        if (contradiction) break;
      }
    }
    if (contradiction) {
      ++stats.refused;
      continue;
    }
    sets.Union(ra, rb);
    ++stats.merges;
  }
  return stats;
}

}  // namespace tessera::identity
