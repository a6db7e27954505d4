#pragma once
// Loading the first bytes of a short text as one number, for hashing and
// comparing codes and identifiers a word at a time.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace scrutiny {

static_assert(std::endian::native == std::endian::little, "short loads assume a little-endian machine");

// The n (at most 8) bytes at p as a little-endian word with zeros above: what
// memcpy into a zeroed word gives, without a call for a size known only now.
inline uint64_t LoadShort(const char* p, size_t n) {
  auto byte = [&](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
  if (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
  }
  if (n >= 4) {  // two four-byte loads, overlapping when n < 8
    uint32_t low, high;
    std::memcpy(&low, p, 4);
    std::memcpy(&high, p + n - 4, 4);
    return low | static_cast<uint64_t>(high) << (8 * (n - 4));
  }
  if (n == 0) return 0;
  return byte(0) | byte(n / 2) << (8 * (n / 2)) | byte(n - 1) << (8 * (n - 1));
}

}  // namespace scrutiny
