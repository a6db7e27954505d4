#include "model/fingerprint.h"

#include <algorithm>

#include "core/short_load.h"

namespace scrutiny {
namespace {

constexpr uint64_t kSeed0 = 0xa0761d6478bd642fULL, kSeed1 = 0xe7037ed1a0b428dbULL,
                   kSeed2 = 0x8ebc6af09c88c6e3ULL, kSeed3 = 0x589965cc75374cc3ULL;

// The 128-bit product of a and b, folded to 64 bits.
uint64_t Fold(uint64_t a, uint64_t b) {
  __uint128_t product = static_cast<__uint128_t>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

}  // namespace

// Two lanes over 16-byte blocks, each a folded 128-bit multiply (as in
// wyhash): a handful of multiplies for a key of up to 16 bytes.
Fingerprint Fingerprint::Of(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t a = kSeed0 ^ n, b = kSeed1 + n;
  while (n > 16) {
    uint64_t x = LoadShort(p, 8), y = LoadShort(p + 8, 8);
    a = Fold(x ^ kSeed2 ^ a, y ^ kSeed3);
    b = Fold(y ^ kSeed0 ^ b, x ^ kSeed1);
    p += 16;
    n -= 16;
  }
  uint64_t x = n > 8 ? LoadShort(p, 8) : LoadShort(p, n), y = n > 8 ? LoadShort(p + n - 8, 8) : 0;
  a = Fold(x ^ kSeed2 ^ a, y ^ kSeed3 ^ n);
  b = Fold(y ^ kSeed0 ^ b, x ^ kSeed1 ^ (n << 32));
  return {Fold(a ^ kSeed1, b ^ kSeed2), Fold(b ^ kSeed3, a ^ kSeed0)};
}

size_t FingerprintMap::SlotOf(Fingerprint key) const {
  Slot wanted = SlotFor(key, 0);
  size_t mask = slots_.size() - 1;
  size_t i = wanted.low & mask;  // the same position Rebuild finds from the slot
  while (slots_[i].used() && !(slots_[i].high == wanted.high && slots_[i].low == wanted.low)) i = (i + 1) & mask;
  return i;
}

uint32_t FingerprintMap::Insert(Fingerprint key, uint32_t value, bool* fresh) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  Slot& slot = slots_[SlotOf(key)];
  if (fresh) *fresh = !slot.used();
  if (slot.used()) return slot.value;
  slot = SlotFor(key, value);
  ++size_;
  return value;
}

const uint32_t* FingerprintMap::Find(Fingerprint key) const {
  if (slots_.empty()) return nullptr;
  const Slot& slot = slots_[SlotOf(key)];
  return slot.used() ? &slot.value : nullptr;
}

void FingerprintMap::Reserve(size_t n) {
  size_t size = 64;
  while (size < 2 * n) size *= 2;
  if (size > slots_.size()) Rebuild(size);
}

void FingerprintMap::Grow() { Rebuild(std::max<size_t>(64, slots_.size() * 2)); }

void FingerprintMap::Rebuild(size_t size) {
  std::vector<Slot, HugePageAllocator<Slot>> old(size);
  old.swap(slots_);
  size_t mask = size - 1;
  for (const Slot& s : old) {
    if (!s.used()) continue;
    size_t i = s.low & mask;
    while (slots_[i].used()) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace scrutiny
