#include "engine/riverside/random.h"

namespace tessera::riverside {
namespace {

uint64_t RotateLeft(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& word : s_) word = SplitMix64(state);
}

Rng Rng::For(uint64_t seed, Stream stream, uint64_t index) {
  // Each input passes through a full SplitMix64 round before the next is
  // folded in, so nearby (stream, index) pairs give unrelated seeds.
  uint64_t state = seed;
  uint64_t mixed = SplitMix64(state);
  state = mixed ^ static_cast<uint64_t>(stream);
  mixed = SplitMix64(state);
  state = mixed ^ index;
  return Rng(SplitMix64(state));
}

uint64_t Rng::Next() {
  const uint64_t result = RotateLeft(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = RotateLeft(s_[3], 45);
  return result;
}

uint64_t Rng::Below(uint64_t n) {
  unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = -n % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(Next()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

int64_t Rng::Between(int64_t lo, int64_t hi) {
  return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

double Rng::Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

bool Rng::Chance(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return Unit() < p;
}

double Rng::Normal(double mean, double sd) {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += Unit();
  return mean + sd * (sum - 6.0);
}

double Rng::ClampedNormal(double mean, double sd, double lo, double hi) {
  double v = Normal(mean, sd);
  return v < lo ? lo : (v > hi ? hi : v);
}

size_t Rng::Weighted(absl::Span<const double> weights) {
  double total = 0;
  for (double w : weights) total += w;
  double target = Unit() * total;
  for (size_t i = 0; i < weights.size(); ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  // Rounding can leave `target` a hair above the last weight.
  for (size_t i = weights.size(); i > 0; --i) {
    if (weights[i - 1] > 0) return i - 1;
  }
  return 0;
}

size_t Rng::Skewed(size_t n) {
  double u = Unit();
  size_t i = static_cast<size_t>(static_cast<double>(n) * u * u);
  return i < n ? i : n - 1;
}

}  // namespace tessera::riverside
