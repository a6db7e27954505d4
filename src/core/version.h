#pragma once
// The version of Scrutiny, recorded with every load.

namespace scrutiny {
inline constexpr const char* kScrutinyVersion = "0.1.0";
}  // namespace scrutiny
