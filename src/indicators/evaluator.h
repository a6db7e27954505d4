#pragma once
// Evaluator computes indicators of a suite on loaded records: values for a run
// of periods, optionally broken down, and the records behind one value.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "indicators/case_index.h"
#include "indicators/period.h"
#include "indicators/suite.h"

namespace scrutiny {

// One figure: numerator and denominator as counted, and the value reported.
// Counts have no denominator; NaN means "no value" (nothing to divide by, or
// the indicator does not apply to the period).
struct Cell {
  double numerator = 0;
  double denominator = 0;
  double value = 0;
};

// An indicator over periods (oldest first) and groups (0 = all records).
struct IndicatorSeries {
  const Indicator* indicator = nullptr;
  std::string breakdown;
  std::vector<Period> periods;
  std::vector<std::string> groups;
  std::vector<std::vector<Cell>> cells;  // [group][period]
};

// A record behind a value and how it was counted.
struct DrillRecord {
  std::string record_type;
  std::string key;       // the record's identifier(s)
  std::string child_id;  // empty for records not about a child
  std::string group;
  std::string role;      // "numerator", "denominator", "counted", or "excluded" (no value to average)
  double value = 0;      // days and averages: the record's value (else NaN)
  std::vector<std::pair<std::string, std::string>> fields;  // the fields that decided it
};

struct Drilldown {
  const Indicator* indicator = nullptr;
  Period period;
  Cell cell;
  std::vector<DrillRecord> records;
};

struct PassCache;  // counts of populations already evaluated, shared by indicators

class Evaluator {
 public:
  // Joins and span sets are kept for the indicators that follow while they
  // hold no more than `cache_budget` bytes; past that, those the last few
  // indicators did not use are freed.
  static constexpr size_t kCacheBudget = size_t{256} << 20;
  explicit Evaluator(const Dataset& data, size_t cache_budget = kCacheBudget);
  ~Evaluator();

  // The indicator for each period; by `breakdown` groups when it is not empty.
  Result<IndicatorSeries> Compute(const Indicator& indicator, const std::vector<Period>& periods,
                                  const std::string& breakdown = "");
  // The records counted in one value (of one group when `group` is given).
  Result<Drilldown> Drill(const Indicator& indicator, const Period& period, const std::string& breakdown = "",
                          const std::string& group = "");

  CaseIndex& index() { return index_; }

 private:
  // Starts an indicator, freeing what the budget says.
  void NextUse();

  CaseIndex index_;
  std::unique_ptr<PassCache> cache_;
  size_t cache_budget_;
};

}  // namespace scrutiny
