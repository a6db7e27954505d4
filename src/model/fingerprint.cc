#include "model/fingerprint.h"

#include <algorithm>
#include <cstring>

namespace scrutiny {
namespace {

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

}  // namespace

// Two independent lanes over 8-byte words.
Fingerprint Fingerprint::Of(std::string_view text) {
  uint64_t a = 0x243f6a8885a308d3ULL ^ text.size(), b = 0x13198a2e03707344ULL + text.size();
  const char* p = text.data();
  size_t n = text.size();
  while (true) {
    uint64_t word = 0;
    size_t take = std::min<size_t>(n, 8);
    if (take) std::memcpy(&word, p, take);
    a = Mix(a ^ word) + 0x9e3779b97f4a7c15ULL;
    b = Mix(b + word * 0xa0761d6478bd642fULL);
    if (n <= 8) break;
    p += 8;
    n -= 8;
  }
  return {Mix(a ^ (b >> 17)), Mix(b ^ (a << 13))};
}

size_t FingerprintMap::SlotOf(Fingerprint key) const {
  size_t mask = slots_.size() - 1;
  size_t i = key.low & mask;
  while (slots_[i].used && !(slots_[i].key == key)) i = (i + 1) & mask;
  return i;
}

uint32_t FingerprintMap::Insert(Fingerprint key, uint32_t value, bool* fresh) {
  if (2 * (size_ + 1) > slots_.size()) Grow();
  Slot& slot = slots_[SlotOf(key)];
  if (fresh) *fresh = !slot.used;
  if (slot.used) return slot.value;
  slot = {key, value, true};
  ++size_;
  return value;
}

const uint32_t* FingerprintMap::Find(Fingerprint key) const {
  if (slots_.empty()) return nullptr;
  const Slot& slot = slots_[SlotOf(key)];
  return slot.used ? &slot.value : nullptr;
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
  for (const Slot& s : old)
    if (s.used) slots_[SlotOf(s.key)] = s;
}

}  // namespace scrutiny
