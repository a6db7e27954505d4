#pragma once
// A fuzzer's input cut into the files of one return: the bytes between 0xFF
// bytes (which no UTF-8 text holds) are one file each, up to a maximum.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace scrutiny::fuzz {

inline std::vector<std::string> Pieces(const uint8_t* data, size_t size, size_t max_pieces) {
  std::vector<std::string> pieces(1);
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0xFF && pieces.size() < max_pieces) {
      pieces.emplace_back();
      continue;
    }
    pieces.back().push_back(static_cast<char>(data[i]));
  }
  return pieces;
}

}  // namespace scrutiny::fuzz
