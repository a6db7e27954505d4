#pragma once
// TargetBook holds what performance officers set for the indicators of a
// suite (config/targets.toml): per indicator and financial year a target or an
// acceptable range, its tolerance, how it was set and an optional quarterly
// trajectory; and how each indicator is judged (no-change bands, SPC
// recalculation points, baselines). Mistakes are reported with the line.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/suite.h"

namespace scrutiny {

// A target for one indicator in one financial year: a value to reach in the
// better direction, or a range to stay inside; a miss within the tolerance is
// Amber rather than Red.
struct Target {
  std::string indicator;
  int year = 0;  // financial year, by its starting year (2025 = 2025-26)
  std::optional<double> value;
  std::optional<double> lower, upper;
  double tolerance = 0;             // in the indicator's units (points for percentages) ...
  bool tolerance_is_percent = false;  // ... or a percentage of the target
  std::string basis;                // how the target was set
  std::vector<double> trajectory;   // value expected for Q1..Q4; empty if none
  int line = 0;

  // The tolerance in the indicator's units around `reference` (the target).
  double ToleranceAt(double reference) const;
};

// How one indicator is judged besides its target.
struct Judging {
  double no_change_points = 1.0;   // percentages: a change within this many points is no real change
  double no_change_percent = 2.0;  // other units: within this percentage of the earlier value
  int spc_months = 36;             // months charted for SPC
  int spc_shift_points = 6;
  int spc_trend_points = 6;
  int spc_minimum_points = 13;
  bool spc_two_sigma_counts_beyond_three = true;
  bool spc_rule_primacy = false;         // conflicts by rule rank (SQL v2.6a), not improvement first
  bool spc_target_on_limit_decides = true;
  std::vector<std::string> spc_recalculate;  // months (2023-04) that start new SPC limits
  std::string spc_baseline_end;              // month after which limits are frozen; empty: none
  int forecast_recent_months = 3;            // months averaged for run-rate forecasts
};

class TargetBook {
 public:
  TargetBook() = default;
  // Reads and checks a targets file against the suite it is for.
  static Result<TargetBook> Load(const std::string& path, const Suite& suite);
  static Result<TargetBook> Parse(std::string_view text, const std::string& path, const Suite& suite);

  // The target of an indicator for a financial year, or nullptr.
  const Target* For(std::string_view indicator, int year) const;
  Judging JudgingOf(std::string_view indicator) const;
  const std::vector<Target>& targets() const { return targets_; }

 private:
  std::vector<Target> targets_;
  Judging defaults_;
  std::map<std::string, Judging, std::less<>> judging_;
};

// The targets file shipped with Scrutiny, found next to the binary or in the source.
std::string DefaultTargetsPath();

}  // namespace scrutiny
