#pragma once
// CheckDataQuality is `scrutiny check`: every problem in a council's records
// (the model's hard rules, found while reading, and the soft rules of
// soft_rules.h), each with its child, file and row, team and the indicators it
// is counted against, and what each indicator's value would be without them.
// It takes a Dataset and RowSources, so it works on whatever a reader makes:
// a folder of scrutiny CSV files, a return, or the store.

#include <map>
#include <string>
#include <vector>

#include "check/quality_problem.h"
#include "indicators/fault_effect.h"
#include "indicators/period.h"
#include "indicators/suite.h"
#include "model/validator.h"

namespace scrutiny {

struct CheckOptions {
  const Suite* suite = nullptr;
  Period period;
  Date today;          // dates after it are in the future
  int open_days = 90;  // working days an assessment may stay open
};

// Problems counted against one indicator's value for the period.
struct IndicatorQuality {
  const Indicator* indicator = nullptr;
  FaultEffect effect;
};

struct CheckReport {
  Period period;
  std::vector<QualityProblem> problems;      // hard ones first, in the order found
  std::vector<IndicatorQuality> indicators;  // in suite order, those with problems counted against them
  std::map<std::string, std::string> team_names;  // by team_id, of the teams the records name
  bool teams_recorded = true;  // false: no record names a team (CaseTeams::recorded), none is counted by team
  bool HasHardProblems() const;
};

// `hard` are the problems found reading the records (their rows are not in
// `data`); `sources` may be null (records read from the store).
Result<CheckReport> CheckDataQuality(const Dataset& data, const RowSources* sources, const std::vector<Problem>& hard,
                                     const CheckOptions& options);

}  // namespace scrutiny
