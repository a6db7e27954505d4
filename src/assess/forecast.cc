#include "assess/forecast.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <span>
#include <utility>

#include <fmt/format.h>

namespace scrutiny {

namespace {

constexpr double kTie = 1e-9;  // differences this small are ties
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr int kYear = 12;         // months in a financial year
constexpr int kSpreadMonths = 12;  // recent months whose spread sets run-rate intervals

// ---- Interval multipliers ----

// P(|T| <= t) for Student's t with `df` degrees of freedom; exact for whole df
// (Abramowitz and Stegun 26.7.3 for odd df, 26.7.4 for even).
double CentralT(double t, int df) {
  double theta = std::atan(t / std::sqrt(static_cast<double>(df)));
  double c2 = std::cos(theta) * std::cos(theta);
  if (df % 2 == 1) {
    double term = std::cos(theta), sum = df > 1 ? term : 0;
    for (int k = 3; k <= df - 2; k += 2) sum += term *= c2 * (k - 1) / k;
    return 2 / std::numbers::pi * (theta + std::sin(theta) * sum);
  }
  double term = 1, sum = 1;
  for (int k = 2; k <= df - 2; k += 2) sum += term *= c2 * (k - 1) / k;
  return std::sin(theta) * sum;
}

// The t multiplier m with P(|T| <= m) = coverage, found by bisection.
double TMultiplier(double coverage, int df) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 200 && CentralT(hi, df) < coverage; ++i) hi *= 2;
  for (int i = 0; i < 100; ++i) {
    double mid = (lo + hi) / 2;
    (CentralT(mid, df) < coverage ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// Mean and sample standard deviation of some values.
struct Spread {
  double mean = 0, sd = 0;
  int n = 0;
};

Spread SpreadOf(const std::vector<double>& values) {
  Spread s;
  s.n = static_cast<int>(values.size());
  if (s.n == 0) return s;
  for (double v : values) s.mean += v / s.n;
  if (s.n < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = std::sqrt(squares / (s.n - 1));
  return s;
}

// ---- Texts ----

std::string Months(int n) { return fmt::format("{} month{}", n, n == 1 ? "" : "s"); }

std::string YearName(int first_year, int index) {
  int y = first_year + index;
  return fmt::format("{}-{:02}", y, (y + 1) % 100);
}

// "2022-23 to 2024-25", "2021-22, 2023-24 and 2024-25", or "3 earlier years" when unnamed.
std::string YearsText(int first_year, const std::vector<int>& years) {
  int n = static_cast<int>(years.size());
  if (first_year == 0) return n == 1 ? "1 earlier year" : fmt::format("{} earlier years", n);
  if (n == 1) return YearName(first_year, years[0]);
  if (years.back() - years.front() == n - 1)
    return YearName(first_year, years.front()) + " to " + YearName(first_year, years.back());
  std::string text = YearName(first_year, years[0]);
  for (int i = 1; i < n; ++i) text += (i == n - 1 ? " and " : ", ") + YearName(first_year, years[i]);
  return text;
}

// "March 2026", or "March" when the years are unnamed.
std::string MarchText(int first_year, int year_index) {
  return first_year == 0 ? "March" : fmt::format("March {}", first_year + year_index + 1);
}

Forecast NoForecast(std::string reason) {
  Forecast f;
  f.reason = std::move(reason);
  return f;
}

// ---- The figures a forecast works from ----

// Per month up to now, the count or value (num) and for ratios the
// denominator (den), both NaN where either is missing; and where the current
// financial year lies.
struct Figures {
  std::vector<double> num, den;  // den empty unless a ratio
  size_t start = 0;              // first month of the current year
  int m = 0;                     // months to date

  bool ratio() const { return !den.empty(); }
  bool Known(size_t i) const { return !std::isnan(num[i]); }
  size_t end() const { return start + m; }
  int year() const { return static_cast<int>(start) / kYear; }
};

Figures FiguresOf(const IndicatorHistory& h, std::span<const MonthFigures> months, int m) {
  Figures f;
  f.start = (months.size() - 1) / kYear * kYear;
  f.m = m;
  bool ratio = h.kind == IndicatorKind::kEventRatio;
  for (size_t i = 0; i < f.end(); ++i) {
    double n = months[i].numerator, d = ratio ? months[i].denominator : 0;
    bool known = std::isfinite(n) && std::isfinite(d);
    f.num.push_back(known ? n : kNoMonthFigure);
    if (ratio) f.den.push_back(known ? d : kNoMonthFigure);
  }
  return f;
}

// The current year's figures so far.
struct ToDate {
  double num = 0, den = 0;
  int known = 0;  // months with figures
};

ToDate SumToDate(const Figures& f) {
  ToDate t;
  for (size_t i = f.start; i < f.end(); ++i) {
    if (!f.Known(i)) continue;
    t.num += f.num[i];
    if (f.ratio()) t.den += f.den[i];
    ++t.known;
  }
  return t;
}

// "7 months to date", or "6 of 7 months to date" when one is missing.
std::string ToDateText(const Figures& f, const ToDate& t) {
  if (t.known == f.m) return Months(f.m) + " to date";
  return fmt::format("{} of {} to date", t.known, Months(f.m));
}

// The last `count` months with figures up to now, most recent first.
std::vector<size_t> LastKnown(const Figures& f, int count) {
  std::vector<size_t> months;
  for (size_t i = f.end(); i-- > 0 && static_cast<int>(months.size()) < count;)
    if (f.Known(i)) months.push_back(i);
  return months;
}

double MeanOf(const std::vector<double>& series, const std::vector<size_t>& months) {
  double sum = 0;
  for (size_t i : months) sum += series[i];
  return sum / static_cast<double>(months.size());
}

// The year-end value from projected year totals of numerator and denominator.
double YearValue(const Figures& f, const IndicatorHistory& h, double num, double den) {
  if (!f.ratio()) return num;
  return den > 0 ? h.scale * num / den : kNoMonthFigure;
}

// ---- Interval half-widths ----

// A half-width and how it was computed.
struct HalfWidth {
  double value = 0;
  std::string text;
};

// Run-rate style half-width: t(c - 1) x sd x sqrt(r + r^2 / L), where sd is the
// spread of the last c <= 12 months' figures, r the months to come (each
// varying by sd) and L the months the level was estimated from (its error is
// sd / sqrt(L) per month, r months over). For a ratio the monthly figures are
// linearised (delta method): z = numerator - R x denominator with R the
// projected ratio, and the half-width is scale x that / projected denominator.
std::optional<HalfWidth> MonthlyHalfWidth(const Figures& f, const IndicatorHistory& h, double ratio, double den,
                                          int to_come, int level_months, double coverage) {
  std::vector<size_t> months = LastKnown(f, kSpreadMonths);
  if (months.size() < 2) return std::nullopt;
  std::vector<double> z;
  for (size_t i : months) z.push_back(f.ratio() ? f.num[i] - ratio * f.den[i] : f.num[i]);
  Spread s = SpreadOf(z);
  double t = TMultiplier(coverage, s.n - 1);
  double r = to_come, scaled = f.ratio() ? h.scale / den : 1;
  HalfWidth w;
  w.value = t * s.sd * std::sqrt(r + r * r / level_months) * scaled;
  std::string what = f.ratio() ? "' numerator - ratio x denominator" : "";
  w.text = fmt::format("{:.0f}% prediction interval +/- {:.4g} = t({}) {:.3f} x sd {:.4g} of the last {}{}"
                       " x sqrt(r + r^2/L), r = {} to estimate, L = {} behind the level",
                       coverage * 100, w.value, s.n - 1, t, s.sd, Months(s.n), what, Months(to_come),
                       Months(level_months));
  if (f.ratio()) w.text += fmt::format(", x {:g} / projected denominator {:.4g} (delta method)", h.scale, den);
  return w;
}

// Half-width from the spread of the year ends that each earlier year's profile
// implies: t(J - 1) x sd x sqrt(1 + 1/J) over J >= 2 years.
HalfWidth ProfileHalfWidth(const std::vector<double>& year_ends, double coverage) {
  Spread s = SpreadOf(year_ends);
  double t = TMultiplier(coverage, s.n - 1);
  HalfWidth w;
  w.value = t * s.sd * std::sqrt(1 + 1.0 / s.n);
  w.text = fmt::format("{:.0f}% prediction interval +/- {:.4g} = t({}) {:.3f} x sd {:.4g} of the year ends the {}"
                       " earlier years' profiles give x sqrt(1 + 1/{})",
                       coverage * 100, w.value, s.n - 1, t, s.sd, s.n, s.n);
  return w;
}

Forecast Projected(ForecastMethod method, double value, const HalfWidth& w, double coverage, std::string text) {
  Forecast out;
  out.method = method;
  out.value = value;
  out.low = value - w.value;
  out.high = value + w.value;
  out.coverage = coverage;
  out.method_text = std::move(text);
  out.interval_text = w.text;
  return out;
}

// ---- Methods ----

// Run rate: YTD + r x mean of the last k months with figures, r being the
// months without figures this year (to come, or missing); numerator and
// denominator apart for ratios.
Forecast RunRate(const Figures& f, const IndicatorHistory& h, const ForecastOptions& o, const ToDate& ytd) {
  std::vector<size_t> recent = LastKnown(f, o.recent_months);
  int k = static_cast<int>(recent.size()), to_come = kYear - ytd.known;
  double num = ytd.num + to_come * MeanOf(f.num, recent);
  double den = f.ratio() ? ytd.den + to_come * MeanOf(f.den, recent) : 0;
  double value = YearValue(f, h, num, den);
  if (std::isnan(value)) return NoForecast("the projected denominator is not above 0");
  auto w = MonthlyHalfWidth(f, h, f.ratio() ? num / den : 0, den, to_come, k, o.coverage);
  if (!w) return NoForecast("a run rate needs figures for at least 2 months");
  std::string text = fmt::format("Run rate{}: {} plus {} at the mean of the last {}",
                                 f.ratio() ? " of numerator and denominator apart" : "", ToDateText(f, ytd),
                                 Months(to_come), Months(k));
  return Projected(ForecastMethod::kRunRate, value, *w, o.coverage, std::move(text));
}

// The current year's figures summed over the same months of year `year`
// (those with figures this year).
ToDate SameMonthsOf(const Figures& f, int year) {
  ToDate t;
  for (int i = 0; i < f.m; ++i) {
    if (!f.Known(f.start + i)) continue;
    size_t then = static_cast<size_t>(year * kYear + i);
    t.num += f.num[then];
    if (f.ratio()) t.den += f.den[then];
  }
  return t;
}

bool Complete(const Figures& f, int year) {
  for (int i = 0; i < kYear; ++i)
    if (!f.Known(static_cast<size_t>(year * kYear + i))) return false;
  return true;
}

// Earlier complete years whose figures over this year's months to date are
// above 0: the most recent `most` of them, oldest first.
std::vector<int> ProfileYears(const Figures& f, int most) {
  std::vector<int> years;
  for (int y = f.year() - 1; y >= 0 && static_cast<int>(years.size()) < most; --y) {
    if (!Complete(f, y)) continue;
    ToDate then = SameMonthsOf(f, y);
    if (then.num > 0 && (!f.ratio() || then.den > 0)) years.push_back(y);
  }
  std::reverse(years.begin(), years.end());
  return years;
}

// Seasonal: YTD x the mean over earlier years of full year / YTD at the same
// point, numerator and denominator apart for ratios. Nothing when no earlier
// year serves or there is nothing yet this year to scale.
std::optional<Forecast> Seasonal(const Figures& f, const IndicatorHistory& h, const ForecastOptions& o,
                                 const ToDate& ytd) {
  std::vector<int> years = ProfileYears(f, o.seasonal_years);
  if (years.empty() || !(ytd.num > 0) || (f.ratio() && !(ytd.den > 0))) return std::nullopt;
  double num_factor = 0, den_factor = 0, count = static_cast<double>(years.size());
  std::vector<double> year_ends;  // the year end each year's profile alone gives
  for (int y : years) {
    ToDate then = SameMonthsOf(f, y), full;
    for (int i = 0; i < kYear; ++i) {
      full.num += f.num[static_cast<size_t>(y * kYear + i)];
      if (f.ratio()) full.den += f.den[static_cast<size_t>(y * kYear + i)];
    }
    double a = full.num / then.num, b = f.ratio() ? full.den / then.den : 1;
    num_factor += a / count;
    den_factor += b / count;
    year_ends.push_back(YearValue(f, h, ytd.num * a, ytd.den * b));
  }
  double num = ytd.num * num_factor, den = ytd.den * den_factor;
  double value = YearValue(f, h, num, den);
  std::optional<HalfWidth> w;
  if (years.size() >= 2) w = ProfileHalfWidth(year_ends, o.coverage);
  else w = MonthlyHalfWidth(f, h, f.ratio() ? num / den : 0, den, kYear - ytd.known, ytd.known, o.coverage);
  if (!w) return std::nullopt;
  std::string text = fmt::format("Seasonal profile of {} applied to {}{}", YearsText(h.first_year, years),
                                 f.ratio() ? "the numerator and denominator of " : "", ToDateText(f, ytd));
  return Projected(ForecastMethod::kSeasonal, value, *w, o.coverage, std::move(text));
}

// The lag-1 autocorrelation of residuals, at most 0.9 (0 when they are all 0).
// Month-end stocks move in swings, so consecutive residuals are alike and the
// residual sd understates the error; (1 + r) / (1 - r) is the variance
// inflation of a first-order autoregressive error.
double LagOneCorrelation(const std::vector<double>& residuals) {
  double products = 0, squares = 0;
  for (size_t i = 0; i < residuals.size(); ++i) {
    squares += residuals[i] * residuals[i];
    if (i > 0) products += residuals[i] * residuals[i - 1];
  }
  return squares > 0 ? std::min(products / squares, 0.9) : 0;
}

// Trend: least-squares line through the last n monthly values, evaluated at
// March, with the prediction interval of a new observation there:
// t(n - 2) x residual sd x sqrt(1 + 1/n + (x - mean x)^2 / Sxx), widened by
// sqrt((1 + r) / (1 - r)) when six or more residuals run in swings (r > 0).
Forecast Trend(const Figures& f, const IndicatorHistory& h, const ForecastOptions& o) {
  std::vector<size_t> points = LastKnown(f, o.trend_points);
  int n = static_cast<int>(points.size());
  if (n < 3) return NoForecast(fmt::format("a trend needs at least 3 monthly values, has {}", n));
  double mean_x = 0, mean_y = 0;
  for (size_t i : points) {
    mean_x += static_cast<double>(i) / n;
    mean_y += f.num[i] / n;
  }
  auto dx = [&](size_t i) { return static_cast<double>(i) - mean_x; };
  double sxx = 0, sxy = 0;
  for (size_t i : points) {
    sxx += dx(i) * dx(i);
    sxy += dx(i) * (f.num[i] - mean_y);
  }
  double slope = sxy / sxx, march = static_cast<double>(f.start + kYear - 1);
  std::vector<double> residuals;
  double squares = 0;
  for (size_t i : points) {
    residuals.push_back(f.num[i] - (mean_y + slope * dx(i)));
    squares += residuals.back() * residuals.back();
  }
  double sd = std::sqrt(squares / (n - 2)), t = TMultiplier(o.coverage, n - 2);
  double r = LagOneCorrelation(residuals), swing = n >= 6 && r > 0 ? std::sqrt((1 + r) / (1 - r)) : 1;
  HalfWidth w;
  w.value = t * sd * swing * std::sqrt(1 + 1.0 / n + (march - mean_x) * (march - mean_x) / sxx);
  w.text = fmt::format("{:.0f}% prediction interval +/- {:.4g} = t({}) {:.3f} x residual sd {:.4g}"
                       " x sqrt(1 + 1/n + (x - mean x)^2/Sxx), n = {}{}",
                       o.coverage * 100, w.value, n - 2, t, sd, n,
                       swing > 1 ? fmt::format(", widened x {:.2f} for residuals that run in swings (lag-1 r = {:.2f})", swing, r) : "");
  std::string text = fmt::format("Linear trend of the last {} monthly values projected to {}", n,
                                 MarchText(h.first_year, f.year()));
  return Projected(ForecastMethod::kTrend, mean_y + slope * (march - mean_x), w, o.coverage, std::move(text));
}

Forecast Actual(double value, std::string text) {
  Forecast out;
  out.method = ForecastMethod::kActual;
  out.value = out.low = out.high = value;
  out.coverage = 1;
  out.method_text = std::move(text);
  out.interval_text = "none: the actual value";
  return out;
}

Forecast EventForecast(const Figures& f, const IndicatorHistory& h, const ForecastOptions& o, const ToDate& ytd) {
  if (ytd.known == kYear) {
    double value = YearValue(f, h, ytd.num, ytd.den);
    if (std::isnan(value)) return NoForecast("the year's denominator is not above 0");
    std::string year = h.first_year == 0 ? "the year" : YearName(h.first_year, f.year());
    return Actual(value, fmt::format("Actual for {} (all 12 months)", year));
  }
  if (auto seasonal = Seasonal(f, h, o, ytd)) return *seasonal;
  return RunRate(f, h, o, ytd);
}

Forecast SnapshotForecast(const Figures& f, const IndicatorHistory& h, const ForecastOptions& o) {
  size_t march = f.start + kYear - 1;
  if (f.m == kYear && f.Known(march))
    return Actual(f.num[march], "Actual at " + MarchText(h.first_year, f.year()));
  return Trend(f, h, o);
}

// Keeps value and interval within [lowest, highest].
void Clamp(Forecast& f, double lowest, double highest) {
  f.value = std::clamp(f.value, lowest, highest);
  f.low = std::clamp(f.low, lowest, highest);
  f.high = std::clamp(f.high, lowest, highest);
}

// Why the input cannot be forecast, or empty.
std::string Unusable(const IndicatorHistory& h, size_t months, int m, const ForecastOptions& o) {
  if (m < 1 || m > kYear) return fmt::format("months to date must be 1 to 12, not {}", m);
  if (months == 0) return "no monthly figures";
  size_t in_year = months - (months - 1) / kYear * kYear;
  if (in_year < static_cast<size_t>(m))
    return fmt::format("the current year has figures for {}, fewer than the {} to date",
                       Months(static_cast<int>(in_year)), Months(m));
  if (o.recent_months < 1) return "the run rate needs at least 1 recent month";
  if (o.seasonal_years < 1) return "the seasonal profile needs at least 1 earlier year";
  if (o.trend_points < 3) return "a trend needs at least 3 points";
  if (!(o.coverage > 0 && o.coverage < 1)) return "interval coverage must lie between 0 and 1";
  if (h.kind == IndicatorKind::kEventRatio && !(h.scale > 0)) return "a ratio's scale must be above 0";
  return "";
}

Forecast ForecastFrom(const IndicatorHistory& h, std::span<const MonthFigures> months, int m,
                      const ForecastOptions& o) {
  if (std::string why = Unusable(h, months.size(), m, o); !why.empty()) return NoForecast(why);
  Figures f = FiguresOf(h, months, m);
  ToDate ytd = SumToDate(f);
  if (ytd.known == 0) return NoForecast("no figures yet for the current year");
  bool counts = h.kind == IndicatorKind::kEventCount;
  Forecast out = h.kind == IndicatorKind::kSnapshot ? SnapshotForecast(f, h, o) : EventForecast(f, h, o, ytd);
  if (out.ok()) Clamp(out, counts ? ytd.num : 0, h.percentage && !counts ? 100 : kInfinity);
  return out;
}

// ---- Back-test ----

// The actual year-end value of whole year `year`, NaN when a month is missing.
double YearEndActual(const IndicatorHistory& h, int year) {
  std::span<const MonthFigures> months(h.months.data(), static_cast<size_t>((year + 1) * kYear));
  Forecast f = ForecastFrom(h, months, kYear, ForecastOptions{});
  return f.method == ForecastMethod::kActual ? f.value : kNoMonthFigure;
}

// Running sums behind a ForecastAccuracy.
struct ErrorSums {
  int forecasts = 0, no_forecast = 0, with_percentage = 0, inside = 0;
  double absolute = 0, percentage = 0;

  void Add(const Forecast& f, double actual) {
    if (!f.ok()) {
      ++no_forecast;
      return;
    }
    ++forecasts;
    absolute += std::fabs(f.value - actual);
    if (actual != 0) {
      ++with_percentage;
      percentage += std::fabs(f.value - actual) / std::fabs(actual) * 100;
    }
    double tie = kTie * std::max(1.0, std::fabs(actual));
    if (f.low - tie <= actual && actual <= f.high + tie) ++inside;
  }

  ForecastAccuracy Accuracy() const {
    ForecastAccuracy a;
    a.forecasts = forecasts;
    a.no_forecast = no_forecast;
    if (forecasts > 0) {
      a.mean_absolute_error = absolute / forecasts;
      a.coverage = static_cast<double>(inside) / forecasts;
    }
    if (with_percentage > 0) a.mean_absolute_percentage_error = percentage / with_percentage;
    return a;
  }
};

}  // namespace

Forecast ForecastYearEnd(const IndicatorHistory& history, const ForecastOptions& options) {
  return ForecastFrom(history, history.months, history.months_to_date, options);
}

std::string_view ForecastMethodName(ForecastMethod m) {
  switch (m) {
    case ForecastMethod::kActual: return "actual";
    case ForecastMethod::kRunRate: return "run_rate";
    case ForecastMethod::kSeasonal: return "seasonal";
    case ForecastMethod::kTrend: return "trend";
    case ForecastMethod::kNone: break;
  }
  return "none";
}

Likelihood JudgeLikelihood(const Forecast& forecast, std::optional<double> target, Better better,
                           double tolerance) {
  if (!forecast.ok() || !target || std::isnan(*target) || better == Better::kNeither) return Likelihood::kNone;
  double sign = better == Better::kHigher ? 1 : -1;
  double slack = std::isnan(tolerance) ? 0 : std::max(0.0, tolerance);
  auto gap = [&](double x) { return sign * (x - *target); };  // >= 0: meets the target
  double unfavourable = better == Better::kHigher ? forecast.low : forecast.high;
  if (gap(forecast.value) >= -kTie && gap(unfavourable) >= -slack - kTie) return Likelihood::kLikely;
  bool inside = forecast.low - kTie <= *target && *target <= forecast.high + kTie;
  if (gap(forecast.value) >= -slack - kTie || inside) return Likelihood::kMay;
  return Likelihood::kUnlikely;
}

std::string_view LikelihoodName(Likelihood l) {
  switch (l) {
    case Likelihood::kLikely: return "likely";
    case Likelihood::kMay: return "may";
    case Likelihood::kUnlikely: return "unlikely";
    case Likelihood::kNone: break;
  }
  return "none";
}

std::string_view LikelihoodWords(Likelihood l) {
  switch (l) {
    case Likelihood::kLikely: return "likely to meet the target";
    case Likelihood::kMay: return "may meet the target";
    case Likelihood::kUnlikely: return "unlikely to meet the target";
    case Likelihood::kNone: break;
  }
  return "no forecast against a target";
}

BackTest RunBackTest(const IndicatorHistory& history, const ForecastOptions& options, int first_year_index) {
  BackTest result;
  ErrorSums overall;
  std::array<ErrorSums, 11> by_month;
  int years = static_cast<int>(history.months.size()) / kYear;
  for (int y = std::max(0, first_year_index); y < years; ++y) {
    double actual = YearEndActual(history, y);
    if (std::isnan(actual)) continue;
    ++result.years;
    for (int m = 1; m < kYear; ++m) {
      std::span<const MonthFigures> now(history.months.data(), static_cast<size_t>(y * kYear + m));
      Forecast f = ForecastFrom(history, now, m, options);
      overall.Add(f, actual);
      by_month[static_cast<size_t>(m - 1)].Add(f, actual);
    }
  }
  result.overall = overall.Accuracy();
  for (size_t i = 0; i < by_month.size(); ++i) result.by_month[i] = by_month[i].Accuracy();
  return result;
}

}  // namespace scrutiny
