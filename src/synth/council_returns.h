#pragma once
// The forms the synthetic council is written in: scrutiny CSV, and the returns
// councils make (SSDA903 and CIN census per collection year, CSWW per 30
// September, Ofsted's Annex A on a date), so that the readers of the returns
// are tested and measured on the same council as the CSV loader.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "model/table.h"

namespace scrutiny {

enum class CouncilFormat { kScrutiny, kSsda903, kCinCensus, kCsww, kAnnexA };

// The formats of a comma-separated list ("ssda903,cin-census"), or why not.
Result<std::vector<CouncilFormat>> ParseCouncilFormats(std::string_view list);

// ReturnsToWrite says which returns to write and for which years.
struct ReturnsToWrite {
  std::vector<CouncilFormat> formats;
  int first_year = 0, last_year = 0;  // collection years: 2025 for 2025-26 (CSWW: 30 September 2025)
  Date annex_a_as_at;
};

// Writes one council's returns under dir: ssda903/<la>/<2025-26>/*.csv,
// cin-census/<la>/cin-census-2025-26.xml, csww/<la>/csww-2025-09-30.xml,
// annex-a/<la>/annex-a-2026-03-31.xlsx. Scrutiny CSV is not written here.
Status WriteCouncilReturns(const Dataset& council, const ReturnsToWrite& returns, const std::string& dir);

}  // namespace scrutiny
