#pragma once
// Rng is the generator's own deterministic random source (xoshiro256**,
// seeded by splitmix64) with the few distributions it needs. It avoids the
// std:: distributions, whose output differs between library versions, so the
// same seed gives the same council everywhere.

#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

namespace scrutiny {

class Rng {
 public:
  // A seed made from a text (FNV-1a), for draws of a record's own that leave
  // the council's main sequence untouched.
  static uint64_t SeedOf(std::string_view key) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    return h;
  }

  explicit Rng(uint64_t seed) {
    for (uint64_t& s : state_) s = SplitMix(seed);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [lo, hi].
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool Chance(double p) { return Uniform() < p; }
  double Exponential(double mean) { return -mean * std::log(1.0 - Uniform()); }
  double Normal(double mean, double sd) {
    double u = 1.0 - Uniform(), v = Uniform();
    return mean + sd * std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  // Poisson count; normal approximation for large means.
  int Poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 40) return std::max(0, static_cast<int>(std::lround(Normal(mean, std::sqrt(mean)))));
    double limit = std::exp(-mean), p = Uniform();
    int k = 0;
    while (p > limit) {
      p *= Uniform();
      ++k;
    }
    return k;
  }
  // Index drawn with probability proportional to its weight.
  size_t Pick(const std::vector<double>& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (x < weights[i]) return i;
      x -= weights[i];
    }
    return weights.size() - 1;
  }
  template <typename T>
  const T& PickFrom(const std::vector<T>& items) {
    return items[Next() % items.size()];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t state_[4];
};

}  // namespace scrutiny
