#pragma once
// Writes one council of the record model as its children in need census (XML)
// for a collection year: every child with an episode of need open in the year,
// each episode a CINdetails with its referral, assessments, section 47
// enquiries, child in need and child protection plans and review conferences,
// with the codes of that year, as `scrutiny convert --from cin-census` reads.

#include <string>

#include "core/status.h"
#include "model/table.h"

namespace scrutiny {

// Writes the census of 31 March year + 1 to path. year: 2024 for 2024-25.
Status WriteCinCensus(const Dataset& council, int year, const std::string& path);

}  // namespace scrutiny
