#pragma once
// Suite is a set of indicator definitions read from a TOML file
// (config/suites/scrutiny-dataset.toml): what each indicator counts, on which
// records, over which window, and how its value is formed. A council changes
// or adds indicators by editing the file; mistakes are reported with the line.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/record_type.h"

namespace scrutiny {

enum class Unit { kCount, kPercentage, kRate, kDays, kAverage };
enum class Polarity { kHigher, kLower, kNeither };
// Which records of a period are counted.
enum class Measure {
  kEvents,      // dated inside the period
  kRolling12,   // dated in the 12 months ending with the period
  kRolling36,   // dated in the 36 months ending with the period
  kYearToDate,  // dated from 1 April to the end of the period
  kSnapshot,    // open on the last day of the period
  kCohort,      // open on the last day and for at least cohort_months before it
  kAll,         // every record (records without dates, such as teams)
};
// How the counted records make a number.
enum class Tally { kRecords, kChildren, kSum };

std::string_view UnitName(Unit u);
std::string_view PolarityName(Polarity p);
std::string_view MeasureName(Measure m);

// The records an indicator counts on a period.
struct Population {
  const RecordType* type = nullptr;
  Measure measure = Measure::kEvents;
  std::string date;   // events: the date that places a record in a period
  std::string start;  // snapshot and cohort: when a record opens ...
  std::string end;    // ... and closes (empty: never closes)
  int cohort_months = 0;
  std::vector<std::string> where;  // conditions, all of which must hold
  Tally tally = Tally::kRecords;
  std::string sum;                 // field summed when tally is kSum
  int line = 0;
};

// A breakdown by bands of a value, e.g. the duration of a plan.
struct Bands {
  std::string name;
  std::string value;
  std::vector<double> edges;        // band i is [edges[i-1], edges[i])
  std::vector<std::string> labels;  // edges.size() + 1 labels
};

struct Indicator {
  std::string number, title, area, definition, source;
  Unit unit = Unit::kCount;
  Polarity polarity = Polarity::kNeither;
  Population population;
  std::vector<std::string> numerator;      // conditions on the population (percentages)
  std::optional<Population> denominator;   // when it is not the population itself
  std::string value;                       // days and averages: the value averaged
  std::string per;                         // averages per record of this field (caseloads)
  std::string statistic = "mean";          // mean, median, min or max of those
  bool complement = false;                 // report 100 minus the percentage
  int first_year = 0, last_year = 9999;    // financial years it applies to
  std::vector<std::string> breakdowns;     // offered breakdowns; empty = all that apply
  std::vector<Bands> bands;
  int line = 0;
};

struct Suite {
  std::string path, name, description;
  std::vector<Indicator> indicators;
  const Indicator* Find(std::string_view number) const;
};

// Reads and checks a suite: every field, record type and expression is
// resolved, and an error names the file, line and what is wrong.
Result<Suite> LoadSuite(const std::string& path);
Result<Suite> ParseSuite(std::string_view text, const std::string& path);

// The suite shipped with Scrutiny, found next to the binary or in the source.
std::string DefaultSuitePath();

}  // namespace scrutiny
