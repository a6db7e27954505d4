#include "cli/suite_loading.h"

#include <cmath>

#include <fmt/format.h>

#include "store/store.h"

namespace scrutiny {

Status ReadStore(const std::string& db, const std::optional<std::string>& council, Dataset& data, bool record_ids) {
  auto store = Store::Open(db);
  if (!store.ok()) return store.status();
  return store->Read(data, council, record_ids);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string FormatNumber(double v) {
  if (std::isnan(v)) return "-";
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{:.1f}", v);
}

std::string FormatValue(const Indicator& ind, double v) {
  if (std::isnan(v)) return "-";
  switch (ind.unit) {
    case Unit::kCount: return FormatNumber(v);
    case Unit::kPercentage: return fmt::format("{:.1f}%", v);
    case Unit::kRate: return fmt::format("{:.1f}", v);
    case Unit::kDays: return fmt::format("{:.0f} days", v);
    case Unit::kAverage: return fmt::format("{:.1f}", v);
  }
  return "";
}

}  // namespace scrutiny
