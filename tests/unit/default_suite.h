#pragma once
// The suite shipped in config/suites, read once for the tests that judge or check against it.

#include "indicators/suite.h"

namespace scrutiny::testing {

inline const Suite& DefaultSuite() {
  static const Suite suite = *LoadSuite(SCRUTINY_SOURCE_DIR "/config/suites/scrutiny-dataset.toml");
  return suite;
}

}  // namespace scrutiny::testing
