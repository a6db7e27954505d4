#pragma once
// Statistical process control by NHS England's "Making Data Count" (MDC)
// rules: an XmR chart of a series (mean, process limits, sigma lines), the
// four special-cause rules, and the variation and assurance icons.
//
// The defaults follow the NHSE SPC Charts SQL Query v2.6a; SpcSettings selects
// the MDC Single Chart Tool v5.0 or NHSRplotthedots behaviour where they differ.
// Comparisons treat differences within 1e-9 of the chart's largest magnitude
// as equal, so a value on the mean or on a limit in decimal arithmetic stays
// on it despite binary rounding.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

// Which direction of the measure is better.
enum class Improvement { kUp, kDown, kNeither };

// The choices on which published MDC tools differ.
struct SpcSettings {
  int shift_points = 6;     // a run this long on one side of the mean (at least 2)
  int trend_points = 6;     // a run this long rising or falling, endpoints included (at least 2)
  int minimum_points = 13;  // fewer non-missing points: run chart (mean only, no limits or icons)
  // Points beyond three sigma count towards two-of-three: SQL v2.6; false:
  // the Single Chart Tool v5.0 (and NHSRplotthedots), where they do not.
  bool two_sigma_counts_beyond_three = true;
  // Drop moving ranges >= 3.267 MRbar and recompute MRbar (NHSRplotthedots).
  bool screen_moving_ranges = false;
  // A target on a limit passes or fails (SQL v2.1+); false: hit or miss.
  bool target_on_limit_decides = true;
  // A point flagged high and low takes the side of the higher-ranked rule:
  // trend > shift > two-of-three > single point (SQL v2.6a). Off by default:
  // SQL v2.6 and the MDC Excel tool, where the next setting alone decides,
  // which is what the MDC document's worked conflict example shows.
  bool rule_primacy = false;
  // A conflict left undecided goes to improvement (MDC Excel: blue wins);
  // false: to concern.
  bool improvement_wins_conflict = true;
};

// What a point (or, for the icon, the last point) shows. kNone: not assessed
// (a missing period, or any point of a run chart).
enum class Variation {
  kNone,
  kCommonCause,
  kImprovementHigh,
  kImprovementLow,
  kConcernHigh,
  kConcernLow,
  kNeitherHigh,
  kNeitherLow,
};

// Whether the process will meet its target, from where the target lies
// against the process limits.
enum class Assurance { kNone, kPass, kHitOrMiss, kFail };

// One period of the chart.
struct SpcPoint {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  double value = kNaN;  // NaN: a missing period, left out of mean, MRs and rules
  int partition = 0;    // 0-based segment: a baseline or a recalculation starts one
  // The lines of the point's partition; NaN on a run chart (the mean excepted).
  double mean = kNaN;
  double upper_limit = kNaN, lower_limit = kNaN;
  double upper_two_sigma = kNaN, lower_two_sigma = kNaN;
  double upper_one_sigma = kNaN, lower_one_sigma = kNaN;
  double average_moving_range = kNaN;  // MRbar behind the limits (mR chart limit = 3.267 x this)
  double moving_range = kNaN;  // NaN for a partition's first point and after a missing period
  // The rules that flag the point, on either side.
  bool beyond_limit = false, shift = false, trend = false, two_of_three = false;
  bool high = false;  // the side the point's classification comes from
  Variation variation = Variation::kNone;
};

// An XmR chart with its icons.
struct SpcChart {
  bool run_chart = true;  // too few points for limits
  std::vector<SpcPoint> points;
  Variation variation = Variation::kNone;  // icon: the last non-missing point's variation
  Assurance assurance = Assurance::kNone;  // icon: target against the last point's limits

  // Plain-English text for the two icons, e.g. "Special cause of concern
  // (lower values); the target is consistently missed".
  std::string Describe() const;
};

// Charts `values` (NaN for a missing period) in time order.
// `recalculate_at`: indices that start a new partition with its own limits.
// `baseline_points`: limits come from this many leading periods only and are
// extended over the rest; it overrides `recalculate_at`, as in the MDC tools.
// Indices outside the series are ignored. The assurance icon needs a target
// and an Improvement other than kNeither.
SpcChart ComputeSpc(const std::vector<double>& values, Improvement improvement,
                    std::optional<double> target, const SpcSettings& settings = {},
                    const std::vector<size_t>& recalculate_at = {},
                    std::optional<size_t> baseline_points = std::nullopt);

// The assurance icon for a target against process limits.
Assurance AssuranceOf(Improvement improvement, double target, double lower_limit,
                      double upper_limit, bool target_on_limit_decides = true);

// Stable identifiers for JSON: "common_cause", "improvement_high", ...
std::string_view VariationName(Variation variation);
// "none", "pass", "hit_or_miss", "fail".
std::string_view AssuranceName(Assurance assurance);

}  // namespace scrutiny
