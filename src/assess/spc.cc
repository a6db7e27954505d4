#include "assess/spc.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace scrutiny {
namespace {

constexpr double kLimitFactor = 2.66;   // 3 / d2 (1.128), rounded as MDC does
constexpr double kRangeFactor = 3.267;  // D4: upper limit of ranges of two points
constexpr double kRelativeTolerance = 1e-9;

// The special-cause rules as bits, in ascending primacy (SQL v2.6a ranks 1-4).
enum Rule : uint8_t { kSinglePoint = 1, kTwoOfThree = 2, kShift = 4, kTrend = 8 };

// The rules that flag one point on its high side and on its low side.
struct Signals {
  uint8_t high = 0, low = 0;
};

// Compares values, allowing for binary rounding at the chart's scale.
class Scale {
 public:
  explicit Scale(double largest) : tolerance_(kRelativeTolerance * largest) {}
  bool Above(double x, double line) const { return x > line + tolerance_; }
  bool Below(double x, double line) const { return x < line - tolerance_; }
  // +1 above the line, -1 below it, 0 on it.
  int Side(double x, double line) const { return Above(x, line) ? 1 : Below(x, line) ? -1 : 0; }

 private:
  double tolerance_;
};

// A partition's centre line and the average moving range behind its limits.
struct Lines {
  double mean = SpcPoint::kNaN;
  double average_moving_range = SpcPoint::kNaN;
};

bool Present(const SpcPoint& p) { return !std::isnan(p.value); }

// The mean, taken about the first value so that equal values give it exactly.
double MeanOf(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x - xs[0];
  return xs[0] + sum / static_cast<double>(xs.size());
}

void Mark(Signals& s, int side, Rule rule) { (side > 0 ? s.high : s.low) |= rule; }

// The partition of each period: a baseline makes two (its limits extend over
// the second); otherwise each recalculation index starts a new one.
std::vector<int> AssignPartitions(size_t n, const std::vector<size_t>& recalculate_at,
                                  std::optional<size_t> baseline_points) {
  std::vector<bool> starts(n, false);
  if (baseline_points) {
    if (*baseline_points > 0 && *baseline_points < n) starts[*baseline_points] = true;
  } else {
    for (size_t i : recalculate_at) {
      if (i > 0 && i < n) starts[i] = true;
    }
  }
  std::vector<int> partition(n);
  int current = 0;
  for (size_t i = 0; i < n; ++i) {
    if (starts[i]) ++current;
    partition[i] = current;
  }
  return partition;
}

// Moving ranges within a partition, never across a missing period.
void SetMovingRanges(std::vector<SpcPoint>& points) {
  for (size_t i = 1; i < points.size(); ++i) {
    const SpcPoint& prev = points[i - 1];
    SpcPoint& p = points[i];
    if (Present(p) && Present(prev) && p.partition == prev.partition) {
      p.moving_range = std::fabs(p.value - prev.value);
    }
  }
}

// Mean and MRbar of one partition; MRbar is 0 with fewer than two points.
Lines PartitionLines(const std::vector<SpcPoint>& points, int partition, bool screen) {
  std::vector<double> values, ranges;
  for (const SpcPoint& p : points) {
    if (p.partition != partition || !Present(p)) continue;
    values.push_back(p.value);
    if (!std::isnan(p.moving_range)) ranges.push_back(p.moving_range);
  }
  Lines lines;
  if (values.empty()) return lines;
  lines.mean = MeanOf(values);
  double mr = ranges.empty() ? 0 : MeanOf(ranges);
  if (screen && mr > 0) {  // keep MR < 3.267 MRbar, as NHSRplotthedots
    std::vector<double> kept;
    for (double r : ranges) {
      if (r < kRangeFactor * mr) kept.push_back(r);
    }
    if (!kept.empty()) mr = MeanOf(kept);
  }
  lines.average_moving_range = mr;
  return lines;
}

// Sets a point's centre line and, unless on a run chart, its limits and sigma lines.
void Draw(SpcPoint& p, const Lines& lines, bool with_limits) {
  p.mean = lines.mean;
  if (!with_limits) return;
  const double three = kLimitFactor * lines.average_moving_range;
  p.average_moving_range = lines.average_moving_range;
  p.upper_limit = lines.mean + three;
  p.lower_limit = lines.mean - three;
  p.upper_two_sigma = lines.mean + three * 2 / 3;
  p.lower_two_sigma = lines.mean - three * 2 / 3;
  p.upper_one_sigma = lines.mean + three / 3;
  p.lower_one_sigma = lines.mean - three / 3;
}

// Draws every partition's lines; a baseline's lines extend over partition 1.
void DrawLines(std::vector<SpcPoint>& points, bool baseline, bool screen, bool with_limits) {
  const int partitions = points.empty() ? 0 : points.back().partition + 1;
  std::vector<Lines> lines(partitions);
  for (int p = 0; p < partitions; ++p) lines[p] = PartitionLines(points, p, screen);
  if (baseline && partitions == 2) lines[1] = lines[0];
  for (SpcPoint& p : points) Draw(p, lines[p.partition], with_limits);
}

// Calls flag(first, last, side) for each run of at least `min_length` equal,
// non-zero sides.
template <typename Flag>
void ForEachRun(const std::vector<int>& sides, size_t min_length, Flag flag) {
  size_t start = 0;
  for (size_t i = 1; i <= sides.size(); ++i) {
    if (i < sides.size() && sides[i] == sides[start]) continue;
    if (sides[start] != 0 && i - start >= min_length) flag(start, i - 1, sides[start]);
    start = i;
  }
}

// A point strictly beyond a process limit.
void FlagSinglePoints(const std::vector<SpcPoint>& points, const std::vector<size_t>& present,
                      const Scale& scale, std::vector<Signals>& signals) {
  for (size_t i : present) {
    if (scale.Above(points[i].value, points[i].upper_limit)) Mark(signals[i], 1, kSinglePoint);
    if (scale.Below(points[i].value, points[i].lower_limit)) Mark(signals[i], -1, kSinglePoint);
  }
}

// A run of shift_points or more strictly on one side of the mean; `run` is
// one partition's present points.
void FlagShifts(const std::vector<SpcPoint>& points, const std::vector<size_t>& run,
                int shift_points, const Scale& scale, std::vector<Signals>& signals) {
  std::vector<int> sides;
  for (size_t i : run) sides.push_back(scale.Side(points[i].value, points[i].mean));
  ForEachRun(sides, shift_points, [&](size_t first, size_t last, int side) {
    for (size_t k = first; k <= last; ++k) Mark(signals[run[k]], side, kShift);
  });
}

// trend_points or more points each above (below) the one before; `present`
// spans partitions, as the trend alone may cross a recalculation.
void FlagTrends(const std::vector<SpcPoint>& points, const std::vector<size_t>& present,
                int trend_points, const Scale& scale, std::vector<Signals>& signals) {
  std::vector<int> steps;  // steps[k]: from present[k] to present[k + 1]
  for (size_t k = 1; k < present.size(); ++k) {
    steps.push_back(scale.Side(points[present[k]].value, points[present[k - 1]].value));
  }
  ForEachRun(steps, trend_points - 1, [&](size_t first, size_t last, int side) {
    for (size_t k = first; k <= last + 1; ++k) Mark(signals[present[k]], side, kTrend);
  });
}

// Whether a point counts towards two-of-three on `side` of the mean.
bool BeyondTwoSigma(const SpcPoint& p, int side, bool beyond_three_counts, const Scale& scale) {
  if (side > 0) {
    return scale.Above(p.value, p.upper_two_sigma) &&
           (beyond_three_counts || !scale.Above(p.value, p.upper_limit));
  }
  return scale.Below(p.value, p.lower_two_sigma) &&
         (beyond_three_counts || !scale.Below(p.value, p.lower_limit));
}

// In any three points in a row all on one side of the mean, two or three
// beyond that side's two-sigma line: those points. `run` is one partition.
void FlagTwoOfThree(const std::vector<SpcPoint>& points, const std::vector<size_t>& run,
                    bool beyond_three_counts, const Scale& scale, std::vector<Signals>& signals) {
  for (size_t w = 0; w + 3 <= run.size(); ++w) {
    const int side = scale.Side(points[run[w]].value, points[run[w]].mean);
    bool same_side = side != 0;
    int beyond = 0;
    for (size_t k = w; k < w + 3; ++k) {
      const SpcPoint& p = points[run[k]];
      same_side = same_side && scale.Side(p.value, p.mean) == side;
      beyond += BeyondTwoSigma(p, side, beyond_three_counts, scale) ? 1 : 0;
    }
    if (!same_side || beyond < 2) continue;
    for (size_t k = w; k < w + 3; ++k) {
      if (BeyondTwoSigma(points[run[k]], side, beyond_three_counts, scale)) {
        Mark(signals[run[k]], side, kTwoOfThree);
      }
    }
  }
}

// The present points split where the partition changes.
std::vector<std::vector<size_t>> SplitByPartition(const std::vector<SpcPoint>& points,
                                                  const std::vector<size_t>& present) {
  std::vector<std::vector<size_t>> runs;
  for (size_t k = 0; k < present.size(); ++k) {
    if (k == 0 || points[present[k]].partition != points[present[k - 1]].partition) {
      runs.emplace_back();
    }
    runs.back().push_back(present[k]);
  }
  return runs;
}

// The four special-cause rules over the present points; all but the trend
// stay within a partition (SQL v2.6).
std::vector<Signals> ApplyRules(const std::vector<SpcPoint>& points,
                                const std::vector<size_t>& present, const SpcSettings& settings,
                                const Scale& scale) {
  std::vector<Signals> signals(points.size());
  FlagSinglePoints(points, present, scale, signals);
  for (const std::vector<size_t>& run : SplitByPartition(points, present)) {
    FlagShifts(points, run, std::max(2, settings.shift_points), scale, signals);
    FlagTwoOfThree(points, run, settings.two_sigma_counts_beyond_three, scale, signals);
  }
  FlagTrends(points, present, std::max(2, settings.trend_points), scale, signals);
  return signals;
}

// For a point flagged on both sides (only a trend can do that): the side of
// the higher-ranked rule, else the conflict setting; Neither takes high, as
// the SQL lists 'Neither (High)' first.
bool HighSideWins(const Signals& s, Improvement improvement, const SpcSettings& settings) {
  if (settings.rule_primacy && std::bit_width(s.high) != std::bit_width(s.low)) {
    return std::bit_width(s.high) > std::bit_width(s.low);
  }
  if (improvement == Improvement::kNeither) return true;
  return settings.improvement_wins_conflict == (improvement == Improvement::kUp);
}

// The variation of a special-cause point on the given side.
Variation VariationOf(Improvement improvement, bool high) {
  switch (improvement) {
    case Improvement::kUp:
      return high ? Variation::kImprovementHigh : Variation::kConcernLow;
    case Improvement::kDown:
      return high ? Variation::kConcernHigh : Variation::kImprovementLow;
    case Improvement::kNeither:
      break;
  }
  return high ? Variation::kNeitherHigh : Variation::kNeitherLow;
}

// Records the rules that fired and the variation they give the point.
void Classify(SpcPoint& p, const Signals& s, Improvement improvement, const SpcSettings& settings) {
  const uint8_t any = s.high | s.low;
  p.beyond_limit = any & kSinglePoint;
  p.two_of_three = any & kTwoOfThree;
  p.shift = any & kShift;
  p.trend = any & kTrend;
  if (any == 0) {
    p.variation = Variation::kCommonCause;
    return;
  }
  p.high = s.high != 0 && (s.low == 0 || HighSideWins(s, improvement, settings));
  p.variation = VariationOf(improvement, p.high);
}

std::string_view VariationText(Variation variation) {
  switch (variation) {
    case Variation::kNone: return "No SPC assessment";
    case Variation::kCommonCause: return "Common cause variation: no significant change";
    case Variation::kImprovementHigh: return "Special cause of improvement (higher values)";
    case Variation::kImprovementLow: return "Special cause of improvement (lower values)";
    case Variation::kConcernHigh: return "Special cause of concern (higher values)";
    case Variation::kConcernLow: return "Special cause of concern (lower values)";
    case Variation::kNeitherHigh:
      return "Special cause variation (higher values), neither improvement nor concern";
    case Variation::kNeitherLow:
      return "Special cause variation (lower values), neither improvement nor concern";
  }
  return "";
}

std::string_view AssuranceText(Assurance assurance) {
  switch (assurance) {
    case Assurance::kNone: return "";
    case Assurance::kPass: return "the target is consistently met";
    case Assurance::kHitOrMiss: return "the target may be met or missed by common cause variation";
    case Assurance::kFail: return "the target is consistently missed";
  }
  return "";
}

}  // namespace

SpcChart ComputeSpc(const std::vector<double>& values, Improvement improvement,
                    std::optional<double> target, const SpcSettings& settings,
                    const std::vector<size_t>& recalculate_at,
                    std::optional<size_t> baseline_points) {
  SpcChart chart;
  const std::vector<int> partition =
      AssignPartitions(values.size(), recalculate_at, baseline_points);
  std::vector<size_t> present;
  double largest = 0;
  chart.points.resize(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    SpcPoint& p = chart.points[i];
    p.partition = partition[i];
    if (!std::isfinite(values[i])) continue;  // missing
    p.value = values[i];
    present.push_back(i);
    largest = std::max(largest, std::fabs(values[i]));
  }
  SetMovingRanges(chart.points);
  chart.run_chart = present.size() < static_cast<size_t>(std::max(2, settings.minimum_points));
  const bool baseline = baseline_points && *baseline_points > 0 && *baseline_points < values.size();
  DrawLines(chart.points, baseline, settings.screen_moving_ranges, !chart.run_chart);
  if (chart.run_chart) return chart;

  const Scale scale(largest);
  const std::vector<Signals> signals = ApplyRules(chart.points, present, settings, scale);
  for (size_t i : present) Classify(chart.points[i], signals[i], improvement, settings);

  const SpcPoint& last = chart.points[present.back()];
  chart.variation = last.variation;
  if (target) {
    chart.assurance = AssuranceOf(improvement, *target, last.lower_limit, last.upper_limit,
                                  settings.target_on_limit_decides);
  }
  return chart;
}

Assurance AssuranceOf(Improvement improvement, double target, double lower_limit,
                      double upper_limit, bool target_on_limit_decides) {
  if (improvement == Improvement::kNeither || !std::isfinite(target) ||
      std::isnan(lower_limit) || std::isnan(upper_limit)) {
    return Assurance::kNone;
  }
  const Scale scale(std::max({std::fabs(target), std::fabs(lower_limit), std::fabs(upper_limit)}));
  const bool low = target_on_limit_decides ? !scale.Above(target, lower_limit)
                                           : scale.Below(target, lower_limit);
  const bool high = target_on_limit_decides ? !scale.Below(target, upper_limit)
                                            : scale.Above(target, upper_limit);
  // A target the process clears at its worst limit is passed; one beyond its best, failed.
  const bool pass = improvement == Improvement::kUp ? low : high;
  const bool fail = improvement == Improvement::kUp ? high : low;
  if (pass) return Assurance::kPass;
  if (fail) return Assurance::kFail;
  return Assurance::kHitOrMiss;
}

std::string SpcChart::Describe() const {
  if (run_chart) {
    return "Too few points for statistical process control: a run chart without limits or icons";
  }
  std::string text(VariationText(variation));
  if (assurance != Assurance::kNone) {
    text += "; ";
    text += AssuranceText(assurance);
  }
  return text;
}

std::string_view VariationName(Variation variation) {
  switch (variation) {
    case Variation::kNone: return "none";
    case Variation::kCommonCause: return "common_cause";
    case Variation::kImprovementHigh: return "improvement_high";
    case Variation::kImprovementLow: return "improvement_low";
    case Variation::kConcernHigh: return "concern_high";
    case Variation::kConcernLow: return "concern_low";
    case Variation::kNeitherHigh: return "neither_high";
    case Variation::kNeitherLow: return "neither_low";
  }
  return "none";
}

std::string_view AssuranceName(Assurance assurance) {
  switch (assurance) {
    case Assurance::kNone: return "none";
    case Assurance::kPass: return "pass";
    case Assurance::kHitOrMiss: return "hit_or_miss";
    case Assurance::kFail: return "fail";
  }
  return "none";
}

}  // namespace scrutiny
