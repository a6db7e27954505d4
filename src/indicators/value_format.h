#pragma once
// How indicator values are shown: counts whole with thousands separators (or
// to one decimal place when not whole), percentages "85.2%", rates and averages to one decimal place,
// days whole; "-" for no value.

#include <string>

#include "indicators/suite.h"

namespace scrutiny {

std::string FormatNumber(double v);
// A whole number with thousands separators: "1,492".
std::string FormatCount(double v);
std::string FormatValue(Unit unit, double v);
inline std::string FormatValue(const Indicator& ind, double v) { return FormatValue(ind.unit, v); }

}  // namespace scrutiny
