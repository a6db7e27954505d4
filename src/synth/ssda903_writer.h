#pragma once
// Writes one council of the record model as its SSDA903 return (children
// looked after, CSV form) for a collection year: header, uasc, episodes,
// reviews, missing, oc2, oc3, ad1, placed_for_adoption, previous_permanence,
// sw_episodes (from 2023-24) and DoLo (from 2026-27), with the codes of that
// year, in the layout `scrutiny convert --from ssda903`
// reads. What the return cannot carry is listed in docs/synthetic-council.md.

#include <string>

#include "core/status.h"
#include "model/table.h"

namespace scrutiny {

// Writes the files into dir (created if need be). year: 2024 for 2024-25.
Status WriteSsda903(const Dataset& council, int year, const std::string& dir);

}  // namespace scrutiny
