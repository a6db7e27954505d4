#pragma once
// Scorecard judges every indicator of a suite for one council and period: its
// value, target and RAG, direction of travel against the previous period and
// the same period a year before, SPC icons over recent months, the year-end
// forecast and the likelihood of meeting the target, and benchmarks. Its JSON
// (ScorecardJson) is what committee packs and the dashboard read.

#include <optional>
#include <string>
#include <vector>

#include "assess/benchmarks.h"
#include "assess/direction.h"
#include "assess/forecast.h"
#include "assess/rag.h"
#include "assess/spc.h"
#include "assess/targets.h"
#include "indicators/evaluator.h"
#include "store/store.h"

namespace scrutiny {

// A value beside an earlier one.
struct Comparison {
  Period period;
  Cell cell;
  Direction direction;
};

// A trajectory quarter: the value expected and, once the quarter is over, the actual.
struct QuarterCheck {
  Period quarter;
  double expected = 0;
  double actual = 0;  // NaN until the quarter has ended
};

// A benchmark figure set beside the council's comparable value.
struct BenchmarkComparison {
  std::string kind;  // "published", "region" or "group"
  std::string code, name;
  std::string year;  // financial year of a published figure
  double value = 0;
  double difference = 0;  // council minus benchmark
  int councils = 0;       // councils averaged (region and group means)
  std::string source, note;
};

struct ScorecardLine {
  const Indicator* indicator = nullptr;
  Cell cell;
  std::string note;  // why there is no value, when there is none
  const Target* target = nullptr;
  double pro_rata = 1;  // share of the year's target the period carries (counts of events)
  Rag rag = Rag::kNone;
  Comparison previous, last_year;
  std::vector<Period> spc_months;
  std::vector<Cell> spc_cells;  // each month's cell (numerator and denominator behind the values)
  SpcChart spc;
  Forecast forecast;  // of the financial year's end (or the reason there is none)
  Likelihood likelihood = Likelihood::kNone;
  std::vector<QuarterCheck> trajectory;
  Period benchmark_period;  // the council's comparable period (12 months for events)
  double benchmark_value = 0;
  std::vector<BenchmarkComparison> benchmarks;
  Standing standing;  // among the councils in the store
};

struct Scorecard {
  std::string council, council_name, region;
  Period period;
  std::vector<ScorecardLine> lines;
};

// What a scorecard is judged with.
struct ScorecardInputs {
  const Suite* suite = nullptr;
  const TargetBook* targets = nullptr;
  const Benchmarks* benchmarks = nullptr;
};

// Builds scorecards from loaded records. With several councils loaded, values
// are those of `council` and the others are its peers.
class ScorecardBuilder {
 public:
  ScorecardBuilder(const Dataset& data, ScorecardInputs inputs);
  Result<Scorecard> Build(const std::string& council, const Period& period, const std::vector<const Indicator*>& chosen);
  // Replays the year-end forecasts of `years` financial years ending with
  // `last_year` (by its starting year) month by month against what happened.
  Result<BackTest> BackTestOf(const std::string& council, const Indicator& ind, int last_year, int years);
  // The chosen council's cells of an indicator for each period (after Build).
  Result<std::vector<Cell>> CouncilCells(const Indicator& ind, const std::vector<Period>& periods);
  // The engine it computes with (its joins and indexes shared with callers).
  Evaluator& evaluator() { return evaluator_; }

 private:
  Status ChooseCouncil(const std::string& council);
  Result<ScorecardLine> Line(const Indicator& ind, const Period& period);
  Status AddBenchmarks(const Indicator& ind, const Period& period, ScorecardLine& line);

  const Dataset& data_;
  ScorecardInputs in_;
  Evaluator evaluator_;
  std::string council_, region_;
  bool several_councils_ = false;
  std::vector<std::pair<std::string, std::string>> regions_;  // council -> region
};

// The scorecard as JSON (documented in docs/assess.md), with the current
// management commentary on each indicator for the period.
std::string ScorecardJson(const Scorecard& card, const std::vector<Comment>& commentary = {});

}  // namespace scrutiny
