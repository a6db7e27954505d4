#include "indicators/value_format.h"

#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace scrutiny {

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "-";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{:.1f}", v);
}

std::string FormatCount(double v) {
  if (std::isnan(v)) return "-";
  std::string digits = fmt::format("{:.0f}", std::fabs(v));
  std::string out = v <= -0.5 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatValue(Unit unit, double v) {
  if (std::isnan(v)) return "-";
  switch (unit) {
    case Unit::kCount: return v == std::floor(v) ? FormatCount(v) : FormatNumber(v);
    case Unit::kPercentage: return fmt::format("{:.1f}%", v);
    case Unit::kRate: return fmt::format("{:.1f}", v);
    case Unit::kDays: return fmt::format("{:.0f} days", v);
    case Unit::kAverage: return fmt::format("{:.1f}", v);
  }
  return "";
}

}  // namespace scrutiny
