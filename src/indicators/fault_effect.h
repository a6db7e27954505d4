#pragma once
// What faulty records do to one indicator value: how many of the records
// counted in it have a fault, and what the value would be with them left out
// or had they all met the standard. Shared by the committee pack's
// data-quality notes (src/report) and `scrutiny check` (src/check).

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "indicators/evaluator.h"

namespace scrutiny {

// The faults of one counted record: the fields (as the drill-down names them)
// whose values cannot be trusted; empty when the record is sound.
using RecordFaults = std::function<std::vector<std::string>(const DrillRecord&)>;

// The effect of faulty records on an indicator's value for a period.
struct FaultEffect {
  Cell cell;                        // the value as computed
  int faulty = 0;                   // counted records (children, when children are counted) with a fault
  int faulty_in_numerator = 0;
  std::vector<std::string> fields;  // the faulty fields, each once, in words ("authorisation date")
  double without = NAN;             // the value with the faulty records left out (NaN: not worked out)
  double if_met = NAN;              // percentages: had every faulty record met the standard
  std::vector<std::string> children;  // the children of the faulty records, each once
};

// Drills into the indicator's value and asks `faults` of each counted record.
Result<FaultEffect> EffectOfFaults(Evaluator& evaluator, const Indicator& indicator, const Period& period,
                                   const RecordFaults& faults);

// The faults the pack reports: numerator fields that are empty on a record
// counted only in the denominator (a date the measure needs is missing).
RecordFaults MissingNumeratorDates(const Indicator& indicator);

}  // namespace scrutiny
