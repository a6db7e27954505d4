#pragma once
// Finds a file shipped under config/ (a suite, the targets, the benchmarks)
// in the folders above the running binary, as a build or an install lays them out.

#include <string>
#include <string_view>

namespace scrutiny {

// The path of config/<relative> nearest above the binary, else the relative path itself.
std::string ShippedConfigPath(std::string_view relative);

}  // namespace scrutiny
