#pragma once
// Fingerprints of keys, and a flat map from them to a number: how loads check
// that keys are unique and references resolve without keeping the keys.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/huge_page_allocator.h"

namespace scrutiny {

// A 128-bit fingerprint of some text; two different texts share one with a
// chance of about 1 in 10^38.
struct Fingerprint {
  uint64_t high = 0, low = 0;
  static Fingerprint Of(std::string_view text);
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
  friend auto operator<=>(const Fingerprint&, const Fingerprint&) = default;
};

// FingerprintMap maps fingerprints to a 32-bit value (a line, a council) in
// one open-addressed array: a lookup is usually one cache miss.
class FingerprintMap {
 public:
  // Adds key -> value unless key is there; returns the value it then has.
  uint32_t Insert(Fingerprint key, uint32_t value, bool* fresh = nullptr);
  // The value of key, or nullptr.
  const uint32_t* Find(Fingerprint key) const;
  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }
  // The slot a search for key starts from (0 for an empty map).
  size_t Home(Fingerprint key) const { return slots_.empty() ? 0 : SlotFor(key, 0).low & (slots_.size() - 1); }
  // Makes room for n keys at once (growing as keys come moves them all).
  void Reserve(size_t n);

 private:
  // 16 bytes: 96 bits of the fingerprint (enough: two of a billion keys
  // share them with a chance of about 1 in 10^10) and the value. An empty
  // slot is all zeros; a key whose 96 bits are zero is kept as if its low bit were 1.
  struct Slot {
    uint64_t high = 0;
    uint32_t low = 0;
    uint32_t value = 0;
    bool used() const { return high != 0 || low != 0; }
  };
  static Slot SlotFor(Fingerprint key, uint32_t value) {
    auto low = static_cast<uint32_t>(key.low);
    return {key.high, key.high == 0 && low == 0 ? 1u : low, value};
  }
  size_t SlotOf(Fingerprint key) const;
  void Grow();
  void Rebuild(size_t size);

  std::vector<Slot, HugePageAllocator<Slot>> slots_;  // size a power of two, at most half full
  size_t size_ = 0;
};

}  // namespace scrutiny
