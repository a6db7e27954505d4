#pragma once
// Several workforce (CSWW) returns combined into one history of the council's
// social workers. A return lists the workers in post on its 30 September and
// those who left in the year to it, so a worker is in several: one worker by
// SWENo, with the latest return's role, FTE and agency, the earliest start in
// post and the leaving of the return that gives one; each return's caseloads,
// of its own census day. What the model cannot
// hold is reported: a worker who left and started again (one period a worker,
// the latest kept), a worker in post in one return and in no later one, which
// gives no leaving date, and funded posts that differ by year (one figure a
// team, the latest return's). See docs/returns.md, "Several workforce returns".

#include <vector>

#include "core/status.h"
#include "ingest/workforce_reader.h"
#include "model/validator.h"

namespace scrutiny {

// Combines returns read by ReadWorkforce (in any order; sorted by year). Fails
// if two are of the same year.
Result<WorkforceReturn> CombineWorkforceYears(std::vector<WorkforceReturn> years, Problems& problems);

}  // namespace scrutiny
