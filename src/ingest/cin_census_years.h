#pragma once
// Several years of the CIN census combined into one history per child. A
// census lists every episode of need open at any time in its year, so an
// episode open across 31 March is in two censuses: it is matched by its child
// and referral date and kept once with the latest census's values, and the
// assessments, enquiries, plans and reviews of both years are kept (matched
// within the episode by their start or review date; the latest census's kept
// when both give one). Children are one per child_id, the latest census's
// values kept and every difference reported. Identifiers are numbered again
// over the whole history, in date order. See docs/returns.md.

#include <vector>

#include "core/status.h"
#include "ingest/cin_census_reader.h"
#include "model/validator.h"

namespace scrutiny {

// Combines censuses read by ReadCinCensus (in any order; sorted by year). Fails
// if two are of the same collection year.
Result<CinCensusReturn> CombineCinCensusYears(std::vector<CinCensusReturn> years, Problems& problems);

}  // namespace scrutiny
