#pragma once
// The soft data-quality rules: what a load accepts but makes figures doubtful
// (a review due and not recorded, an assessment never authorised, episodes
// that overlap, dates in the future...), applied to records that passed the
// record model's own checks. docs/check.md lists them.

#include <vector>

#include "check/case_teams.h"
#include "check/quality_problem.h"
#include "core/date.h"
#include "model/validator.h"

namespace scrutiny {

// What the soft rules are judged against.
struct SoftRuleOptions {
  Date as_at;          // reviews, visits and open assessments are judged on this date
  Date today;          // dates after it are in the future
  int open_days = 90;  // working days an assessment may stay open before it is doubted
};

// Adds a problem for every record breaking a soft rule. `sources` (may be
// null, for the store) gives each row's file and line.
void FindSoftProblems(const Dataset& data, const RowSources* sources, const SoftRuleOptions& options,
                      const CaseTeams& teams, std::vector<QualityProblem>& out);

}  // namespace scrutiny
