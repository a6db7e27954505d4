#pragma once
// Writes docs/indicators.md: the definition vocabulary and every indicator of
// a suite, so the documentation is generated from the file it describes.

#include <ostream>

#include "indicators/suite.h"

namespace scrutiny {

void WriteSuiteDoc(const Suite& suite, std::ostream& out);

}  // namespace scrutiny
