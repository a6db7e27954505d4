#pragma once
// Year-end forecasts of an indicator from its monthly figures, each with a
// prediction interval and a line saying how it was made; the likelihood of
// meeting the year-end target judged from a forecast (the "faces"); and a
// back-test that replays a history to measure how good the forecasts are.
// Methods follow performance-methods.md §3.4 and §3.5. Financial years run
// April to March; month 0 of a financial year is April.
//
// Methods, by the kind of indicator:
//   event counts  seasonal profile when an earlier complete year had events
//                 in the same months and this year has some to scale, else
//                 run rate: YTD + (12 - m) x mean of the last k months;
//   event ratios  numerator and denominator projected apart by that method,
//                 then divided (never an average of monthly percentages);
//   snapshots     least-squares line through the last n monthly values,
//                 evaluated at March.
// Intervals are two-sided prediction intervals of the chosen coverage (80% by
// default) with Student's t multipliers; each forecast states how its own was
// computed. Counts never go below the year to date; nothing goes below 0;
// percentages stay within [0, 100]. With too little data there is no forecast,
// only the reason.

#include <array>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

inline constexpr double kNoMonthFigure = std::numeric_limits<double>::quiet_NaN();

// How an indicator's year-end value is formed from its monthly figures.
enum class IndicatorKind {
  kEventCount,  // events in the year: the sum of the 12 monthly counts
  kEventRatio,  // scale x (sum of numerators) / (sum of denominators) over the year
  kSnapshot,    // a value at month end (stock, rate, rolling 12 months): the value at March
};

// One month of an indicator: the count of events in the month, or (snapshots)
// the value at its end, and for ratios the denominator. NaN marks a month
// without figures; for a ratio, NaN on either side leaves out both.
struct MonthFigures {
  double numerator = kNoMonthFigure;
  double denominator = kNoMonthFigure;  // ratios only
};

// What a forecast is made from: one indicator's monthly figures over several
// financial years, oldest first, element 0 an April. The current financial
// year is the last one the figures reach into; its first `months_to_date`
// months are used and any after them ignored.
struct IndicatorHistory {
  IndicatorKind kind = IndicatorKind::kEventCount;
  std::vector<MonthFigures> months;
  int months_to_date = 0;   // m, 1..12: months of the current year that have passed
  double scale = 1;         // ratios: 100 for percentages, 1 for averages such as days
  bool percentage = false;  // the values are percentages, kept within [0, 100]
  int first_year = 0;       // financial year of element 0 (2022 = 2022-23) for the texts; 0: unnamed
};

// Settings of the forecasting methods.
struct ForecastOptions {
  int recent_months = 3;   // k: months averaged for a run rate
  int seasonal_years = 3;  // most earlier complete years averaged for a seasonal profile
  int trend_points = 24;   // n: monthly values a snapshot trend is fitted to (at least 3 needed)
  double coverage = 0.80;  // share of outcomes an interval is meant to hold
};

enum class ForecastMethod { kNone, kActual, kRunRate, kSeasonal, kTrend };

// A year-end forecast of one indicator, or (method kNone) the reason there is none.
struct Forecast {
  ForecastMethod method = ForecastMethod::kNone;
  double value = kNoMonthFigure;
  double low = kNoMonthFigure, high = kNoMonthFigure;  // the interval; low == high == value for an actual
  double coverage = 0;                       // the interval's nominal coverage (1 for an actual)
  std::string method_text;    // "Seasonal profile of 2022-23 to 2024-25 applied to 7 months to date"
  std::string interval_text;  // how the interval was computed
  std::string reason;         // why there is no forecast

  bool ok() const { return method != ForecastMethod::kNone; }
};

// The year-end value of the current year of `history`: the actual when the
// year is complete, else a forecast, else the reason there is none.
Forecast ForecastYearEnd(const IndicatorHistory& history, const ForecastOptions& options = {});

std::string_view ForecastMethodName(ForecastMethod m);  // "none", "actual", "run_rate", "seasonal", "trend"

// Which way is better for an indicator. Mirrors Polarity in
// indicators/suite.h, kept apart so this module stands alone.
enum class Better { kHigher, kLower, kNeither };

// Likelihood of meeting the year-end target. With gap(x) = x - target when
// higher is better (target - x when lower is better), tolerance t >= 0 in the
// indicator's units, and W the interval's unfavourable end (low when higher
// is better, high when lower is better):
//   kLikely    gap(forecast) >= 0 and gap(W) >= -t: the forecast meets the
//              target and even the unfavourable end misses by no more than t;
//   kMay       otherwise, if gap(forecast) >= -t or low <= target <= high;
//   kUnlikely  otherwise: the forecast misses by more than t and the target
//              lies outside the interval on its favourable side;
//   kNone      no forecast, no target, or polarity neither.
// Boundaries count as met (ties within 1e-9).
enum class Likelihood { kLikely, kMay, kUnlikely, kNone };

Likelihood JudgeLikelihood(const Forecast& forecast, std::optional<double> target, Better better,
                           double tolerance);

std::string_view LikelihoodName(Likelihood l);   // "likely", "may", "unlikely", "none"
std::string_view LikelihoodWords(Likelihood l);  // "likely to meet the target", ...

// How well forecasts matched the actual year-end values.
struct ForecastAccuracy {
  int forecasts = 0;    // forecasts compared with an actual
  int no_forecast = 0;  // points where none could be made
  double mean_absolute_error = kNoMonthFigure;
  double mean_absolute_percentage_error = kNoMonthFigure;  // in percent, over actuals other than 0
  double coverage = kNoMonthFigure;                        // share of actuals inside the intervals
};

// The result of replaying a history month by month.
struct BackTest {
  int years = 0;  // years replayed
  ForecastAccuracy overall;
  std::array<ForecastAccuracy, 11> by_month;  // [m - 1]: forecasts made with m = 1..11 months to date
};

// Replays each complete financial year of `history` from `first_year_index`
// (0 = the first year) onwards: for m = 1..11 forecasts the year end from the
// figures up to month m alone, and compares with the year's actual. Years
// without an actual (missing months) are skipped; m = 12 is the actual itself
// and left out. `months_to_date` and any trailing part year are ignored.
BackTest RunBackTest(const IndicatorHistory& history, const ForecastOptions& options = {},
                     int first_year_index = 1);

}  // namespace scrutiny
