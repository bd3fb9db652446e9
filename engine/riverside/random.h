// File: engine/riverside/random.h
//
// The generator's own pseudo-random numbers and distributions. The standard
// library's distributions differ between implementations, and libm's
// transcendental functions may differ between machines, so everything here is
// integer arithmetic plus IEEE additions and multiplications: the same seed
// gives the same numbers on every machine and compiler.

#ifndef TESSERA_ENGINE_RIVERSIDE_RANDOM_H_
#define TESSERA_ENGINE_RIVERSIDE_RANDOM_H_

#include <cstddef>
#include <cstdint>

#include "absl/types/span.h"

namespace tessera::riverside {

// Advances `state` and returns the next SplitMix64 output. Used to expand one
// seed into many well-mixed seeds.
uint64_t SplitMix64(uint64_t& state);

// Streams: every stage of generation draws from its own stream, keyed by a
// domain and an index (usually a person), so changing how one stage consumes
// numbers never shifts the numbers another stage sees, and people can be
// generated in any order or on any thread.
enum class Stream : uint64_t {
  kDemographics = 1,
  kHousehold = 2,
  kClinical = 3,
  kCoverage = 4,
  kEhrNoise = 5,
  kLabNoise = 6,
  kPharmacyNoise = 7,
  kDeviceNoise = 8,
  kDevices = 10,
  kFacts = 11,
  kLabMrn = 12,
};

// xoshiro256** (Blackman and Vigna), seeded through SplitMix64.
class Rng {
 public:
  explicit Rng(uint64_t seed);

  // The stream for (`seed`, `stream`, `index`).
  static Rng For(uint64_t seed, Stream stream, uint64_t index);

  // 64 uniformly distributed bits.
  uint64_t Next();

  // Uniform in [0, n). REQUIRES: n > 0. Lemire's multiply-and-reject, so
  // there is no modulo bias.
  uint64_t Below(uint64_t n);

  // Uniform in [lo, hi], both included. REQUIRES: lo <= hi.
  int64_t Between(int64_t lo, int64_t hi);

  // Uniform in [0, 1) with 53 random bits.
  double Unit();

  // Uniform in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Unit(); }

  // True with probability `p` (p <= 0 never, p >= 1 always).
  bool Chance(double p);

  // Approximately normal (Irwin-Hall sum of 12 uniforms): exact mean and
  // variance, tails cut at 6 standard deviations, no libm.
  double Normal(double mean, double sd);

  // Normal(mean, sd) clamped into [lo, hi].
  double ClampedNormal(double mean, double sd, double lo, double hi);

  // An index in [0, weights.size()) drawn with the given non-negative weights.
  // REQUIRES: some weight is positive.
  size_t Weighted(absl::Span<const double> weights);

  // An index in [0, n) skewed toward 0, as popularity ranks are: index
  // floor(n * u^2) for uniform u, so the first tenth gets ~32% of draws.
  size_t Skewed(size_t n);

 private:
  uint64_t s_[4];
};

}  // namespace tessera::riverside

#endif  // TESSERA_ENGINE_RIVERSIDE_RANDOM_H_
