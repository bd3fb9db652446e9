// Union-find clustering of matched pairs, and its refusal to chain records
// that contradict each other.

#include "engine/identity/clustering.h"

#include <map>

#include "gtest/gtest.h"

namespace tessera::identity {
namespace {

TEST(UnionFind, MergesAndKeepsMembers) {
  UnionFind sets(5);
  sets.Union(0, 1);
  sets.Union(3, 4);
  sets.Union(1, 4);
  EXPECT_EQ(sets.Find(0), sets.Find(3));
  EXPECT_NE(sets.Find(2), sets.Find(0));
  EXPECT_EQ(sets.Members(sets.Find(0)).size(), 4u);
  EXPECT_EQ(sets.Members(sets.Find(2)).size(), 1u);
}

TEST(ClusterPairs, RefusesAChainThroughContradictingRecords) {
  // 0~1 and 1~2 are both matches, but 0 and 2 plainly differ (two people of
  // one household bridged by a noisy record): the weaker link is refused.
  std::map<std::pair<uint32_t, uint32_t>, double> p = {{{0, 1}, 0.99}, {{1, 2}, 0.95}, {{0, 2}, 0.0001}};
  auto probability = [&](uint32_t a, uint32_t b) { return p.at({std::min(a, b), std::max(a, b)}); };
  UnionFind sets(3);
  ClusteringStats stats = ClusterPairs({}, {{1, 2, 0.95}, {0, 1, 0.99}}, probability, {}, sets);
  EXPECT_EQ(sets.Find(0), sets.Find(1));
  EXPECT_NE(sets.Find(1), sets.Find(2));
  EXPECT_EQ(stats.merges, 1);
  EXPECT_EQ(stats.refused, 1);
}

TEST(ClusterPairs, DeterministicLinksAlwaysApply) {
  auto never = [](uint32_t, uint32_t) { return 0.0; };
  UnionFind sets(3);
  ClusteringStats stats = ClusterPairs({{0, 2, 1.0}}, {{0, 1, 0.99}}, never, {}, sets);
  EXPECT_EQ(sets.Find(0), sets.Find(2));
  EXPECT_NE(sets.Find(0), sets.Find(1));  // Contradicts record 2 of the cluster.
  EXPECT_EQ(stats.refused, 1);
}

}  // namespace
}  // namespace tessera::identity
