#pragma once
// The text of a public sample file in tests/samples (tests/samples/NOTICE.md), for the reader tests.

#include <fstream>
#include <sstream>
#include <string>

namespace scrutiny {

// The whole text of tests/samples/<path>; empty if it cannot be read.
inline std::string SampleText(const std::string& path) {
  std::ifstream in(std::string(SCRUTINY_SOURCE_DIR "/tests/samples/") + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace scrutiny
