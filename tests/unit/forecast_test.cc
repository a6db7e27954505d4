// Year-end forecasts, their intervals, the likelihood of meeting the target
// and the back-test (src/assess/forecast). Expected values are worked by hand
// in the comments; t multipliers are for a two-sided 80% interval (the 90th
// percentile of Student's t): t(1) 3.077684, t(2) 1.885618, t(4) 1.533206,
// t(6) 1.439756, t(7) 1.414924, t(11) 1.363430.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "assess/forecast.h"

namespace scrutiny {
namespace {

constexpr double kNaN = kNoMonthFigure;

// Twelve monthly counts, April to March, that sum to 110.
const std::vector<double> kProfile = {5, 8, 12, 10, 9, 7, 11, 6, 4, 13, 15, 10};

std::vector<double> Repeat(const std::vector<double>& year, int times) {
  std::vector<double> out;
  for (int i = 0; i < times; ++i) out.insert(out.end(), year.begin(), year.end());
  return out;
}

std::vector<double> Concat(std::vector<double> a, const std::vector<double>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

IndicatorHistory Of(IndicatorKind kind, const std::vector<double>& values, int months_to_date) {
  IndicatorHistory h;
  h.kind = kind;
  for (double v : values) h.months.push_back({v, kNaN});
  h.months_to_date = months_to_date;
  return h;
}

IndicatorHistory Counts(const std::vector<double>& counts, int months_to_date) {
  return Of(IndicatorKind::kEventCount, counts, months_to_date);
}

IndicatorHistory Snapshots(const std::vector<double>& values, int months_to_date) {
  return Of(IndicatorKind::kSnapshot, values, months_to_date);
}

// A percentage: 100 x numerators / denominators.
IndicatorHistory Percentages(const std::vector<MonthFigures>& months, int months_to_date) {
  IndicatorHistory h;
  h.kind = IndicatorKind::kEventRatio;
  h.months = months;
  h.months_to_date = months_to_date;
  h.scale = 100;
  h.percentage = true;
  return h;
}

double HalfWidth(const Forecast& f) { return (f.high - f.low) / 2; }

// ---- Run rate ----

TEST(ForecastTest, ConstantCountsRunRateGivesTheYearTotal) {
  // 7 months of 10, no earlier year: 70 + 5 x mean(10, 10, 10) = 120; every
  // month alike, so the spread and the interval are 0.
  Forecast f = ForecastYearEnd(Counts(std::vector<double>(7, 10), 7));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kRunRate);
  EXPECT_DOUBLE_EQ(f.value, 120);
  EXPECT_DOUBLE_EQ(f.low, 120);
  EXPECT_DOUBLE_EQ(f.high, 120);
  EXPECT_DOUBLE_EQ(f.coverage, 0.8);
  EXPECT_EQ(f.method_text, "Run rate: 7 months to date plus 5 months at the mean of the last 3 months");
  EXPECT_NE(f.interval_text.find("80% prediction interval"), std::string::npos) << f.interval_text;
}

TEST(ForecastTest, RunRateIntervalWorkedByHand) {
  // 8 12 10 14 6: YTD 50; mean of the last 3 (10 14 6) = 10; 50 + 7 x 10 = 120.
  // Spread of the 5 months: mean 10, squares 4+4+0+16+16 = 40, sd = sqrt(40/4).
  // Half-width t(4) x sd x sqrt(r + r^2/k), r = 7, k = 3.
  Forecast f = ForecastYearEnd(Counts({8, 12, 10, 14, 6}, 5));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_DOUBLE_EQ(f.value, 120);
  double half = 1.533206 * std::sqrt(10.0) * std::sqrt(7 + 49.0 / 3);  // 23.42
  EXPECT_NEAR(f.high - f.value, half, 1e-4);
  EXPECT_NEAR(f.value - f.low, half, 1e-4);

  // k = 5: mean of all 5 months, also 10; the level's error shrinks: sqrt(7 + 49/5).
  ForecastOptions five;
  five.recent_months = 5;
  Forecast g = ForecastYearEnd(Counts({8, 12, 10, 14, 6}, 5), five);
  EXPECT_DOUBLE_EQ(g.value, 120);
  EXPECT_NEAR(HalfWidth(g), 1.533206 * std::sqrt(10.0) * std::sqrt(7 + 49.0 / 5), 1e-4);

  // A 95% interval is wider: t(4) = 2.776445 for 95%.
  ForecastOptions wide;
  wide.coverage = 0.95;
  Forecast w = ForecastYearEnd(Counts({8, 12, 10, 14, 6}, 5), wide);
  EXPECT_NEAR(HalfWidth(w), 2.776445 * std::sqrt(10.0) * std::sqrt(7 + 49.0 / 3), 1e-4);
  EXPECT_NE(w.interval_text.find("95% prediction interval"), std::string::npos) << w.interval_text;
}

// ---- Snapshot trend ----

TEST(ForecastTest, LinearSnapshotTrendGivesMarchExactly) {
  // 100 + 2i for months i = 0..17 (a year and 6 months). March of the second
  // year is month 23: 100 + 46 = 146. No noise: a zero-width interval.
  std::vector<double> values;
  for (int i = 0; i < 18; ++i) values.push_back(100 + 2 * i);
  IndicatorHistory h = Snapshots(values, 6);
  h.first_year = 2024;
  Forecast f = ForecastYearEnd(h);
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kTrend);
  EXPECT_NEAR(f.value, 146, 1e-9);
  EXPECT_NEAR(f.high - f.low, 0, 1e-9);
  EXPECT_EQ(f.method_text, "Linear trend of the last 18 monthly values projected to March 2026");  // up to 24

  ForecastOptions few;
  few.trend_points = 3;
  EXPECT_NEAR(ForecastYearEnd(h, few).value, 146, 1e-9);
}

TEST(ForecastTest, TrendIntervalWidensWhenResidualsRunInSwings) {
  // The same deviations from a flat 100, in runs of three (+2 +2 +2 -2 -2 -2)
  // or alternating (+2 -2): swings make consecutive residuals alike (lag-1
  // correlation > 0) and the interval is widened; alternation is not.
  std::vector<double> swinging, alternating;
  for (int i = 0; i < 12; ++i) {
    swinging.push_back(100 + ((i / 3) % 2 ? -2 : 2));
    alternating.push_back(100 + (i % 2 ? -2 : 2));
  }
  Forecast swing = ForecastYearEnd(Snapshots(swinging, 12 - 3));
  Forecast plain = ForecastYearEnd(Snapshots(alternating, 12 - 3));
  ASSERT_TRUE(swing.ok() && plain.ok());
  EXPECT_NE(swing.interval_text.find("widened"), std::string::npos) << swing.interval_text;
  EXPECT_EQ(plain.interval_text.find("widened"), std::string::npos) << plain.interval_text;
  EXPECT_GT(swing.high - swing.low, 1.5 * (plain.high - plain.low));
}

TEST(ForecastTest, TrendIntervalWorkedByHandAndClampedAtZero) {
  // 10 14 12 at months 0 1 2: mean x 1, mean y 12, Sxx 2, Sxy 2, slope 1.
  // Fitted 11 12 13, residuals -1 2 -1, SSE 6, sd sqrt(6/1). March (x = 11):
  // 12 + 10 = 22, half-width t(1) x sqrt(6) x sqrt(1 + 1/3 + 10^2/2) = 54.01,
  // so the low end (-32) is clamped to 0.
  Forecast f = ForecastYearEnd(Snapshots({10, 14, 12}, 3));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_NEAR(f.value, 22, 1e-9);
  double half = 3.077684 * std::sqrt(6.0) * std::sqrt(1 + 1.0 / 3 + 50);
  EXPECT_NEAR(f.high, 22 + half, 1e-4);
  EXPECT_DOUBLE_EQ(f.low, 0);

  // A falling snapshot is not forecast below 0: 30 20 10 -> -80 at March.
  Forecast g = ForecastYearEnd(Snapshots({30, 20, 10}, 3));
  EXPECT_DOUBLE_EQ(g.value, 0);
  EXPECT_DOUBLE_EQ(g.low, 0);
  EXPECT_DOUBLE_EQ(g.high, 0);
}

// ---- Seasonal profile ----

TEST(ForecastTest, SeasonalProfileRepeatingEachYearIsExact) {
  // Three years of the profile (110 a year) and 7 months of a fourth: YTD
  // 5+8+12+10+9+7+11 = 62, each earlier year's 110/62 alike, so 62 x 110/62 =
  // 110 with a zero-width interval. (A run rate would say 62 + 5 x 9 = 107.)
  std::vector<double> counts = Repeat(kProfile, 3);
  counts.insert(counts.end(), kProfile.begin(), kProfile.begin() + 7);
  IndicatorHistory h = Counts(counts, 7);
  h.first_year = 2022;
  Forecast f = ForecastYearEnd(h);
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kSeasonal);
  EXPECT_NEAR(f.value, 110, 1e-9);
  EXPECT_NEAR(f.high - f.low, 0, 1e-9);
  EXPECT_EQ(f.method_text, "Seasonal profile of 2022-23 to 2024-25 applied to 7 months to date");

  // At most `seasonal_years` years are averaged, the most recent ones.
  ForecastOptions two;
  two.seasonal_years = 2;
  EXPECT_EQ(ForecastYearEnd(h, two).method_text,
            "Seasonal profile of 2023-24 to 2024-25 applied to 7 months to date");
  h.first_year = 0;
  EXPECT_EQ(ForecastYearEnd(h).method_text, "Seasonal profile of 3 earlier years applied to 7 months to date");
}

TEST(ForecastTest, SeasonalIntervalFromTheSpreadOfEarlierYears) {
  // Year A: 12 x 10 (60 by September, 120 in all, ratio 2). Year B: 6 x 10
  // then 6 x 12 (60, 132, ratio 2.2). Now: 6 x 10, YTD 60. Forecast 60 x 2.1
  // = 126. The years' profiles give 120 and 132: sd sqrt(72), half-width
  // t(1) x sqrt(72) x sqrt(1 + 1/2) = 31.98.
  std::vector<double> b = Concat(std::vector<double>(6, 10), std::vector<double>(6, 12));
  std::vector<double> counts = Concat(Concat(std::vector<double>(12, 10), b), std::vector<double>(6, 10));
  Forecast f = ForecastYearEnd(Counts(counts, 6));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kSeasonal);
  EXPECT_NEAR(f.value, 126, 1e-9);
  EXPECT_NEAR(HalfWidth(f), 3.077684 * std::sqrt(72.0) * std::sqrt(1.5), 1e-4);
}

TEST(ForecastTest, SeasonalWithOneEarlierYearUsesTheMonthlySpread) {
  // Last year 12 x 10 (ratio 120/60 = 2). Now 10 10 10 10 14 6: YTD 60,
  // forecast 120. One year has no spread, so the interval is the run-rate
  // kind over the last 12 months (6 x 10 of last year, then this year's):
  // mean 10, squares 16 + 16, sd sqrt(32/11); t(11) x sd x sqrt(6 + 6^2/6),
  // the level being taken from the 6 months to date.
  std::vector<double> counts = Concat(std::vector<double>(12, 10), {10, 10, 10, 10, 14, 6});
  Forecast f = ForecastYearEnd(Counts(counts, 6));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kSeasonal);
  EXPECT_NEAR(f.value, 120, 1e-9);
  EXPECT_NEAR(HalfWidth(f), 1.363430 * std::sqrt(32.0 / 11) * std::sqrt(12.0), 1e-4);
}

TEST(ForecastTest, SeasonalNeedsSomethingToScale) {
  // Last year had events; this year none so far: a profile of 0 is 0, so the
  // run rate (which reaches back into last year's months) is used instead.
  std::vector<double> counts = Concat(std::vector<double>(12, 3), {0, 0});
  Forecast f = ForecastYearEnd(Counts(counts, 2));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kRunRate);
  EXPECT_NEAR(f.value, 10, 1e-9);  // 0 + 10 x mean(3, 0, 0) = 10

  // An earlier year with nothing in the same months cannot give a ratio.
  std::vector<double> quiet = Concat(Concat({0, 0}, std::vector<double>(10, 5)), {4, 4});
  EXPECT_EQ(ForecastYearEnd(Counts(quiet, 2)).method, ForecastMethod::kRunRate);
}

// ---- Ratios ----

TEST(ForecastTest, RatioProjectsNumeratorAndDenominatorApart) {
  // 9/10, 10/10, 40/100. Run rate: numerator 59 + 9 x 59/3 = 236, denominator
  // 120 + 9 x 40 = 480: 100 x 236/480 = 49.17%. Averaging the monthly
  // percentages (90, 100, 40) would say 76.67%, which is wrong.
  // Interval: z = n - R d with R = 236/480 is 4.083, 5.083, -9.167 (mean 0),
  // sd sqrt(126.54/2) = 7.954; t(2) x sd x sqrt(9 + 81/3) x 100/480 = 18.75.
  Forecast f = ForecastYearEnd(Percentages({{9, 10}, {10, 10}, {40, 100}}, 3));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kRunRate);
  EXPECT_NEAR(f.value, 100.0 * 236 / 480, 1e-9);
  EXPECT_GT(std::fabs(f.value - (90.0 + 100 + 40) / 3), 25);
  double r = 236.0 / 480, z1 = 9 - 10 * r, z2 = 10 - 10 * r, z3 = 40 - 100 * r;
  double sd = std::sqrt((z1 * z1 + z2 * z2 + z3 * z3) / 2);
  EXPECT_NEAR(HalfWidth(f), 1.885618 * sd * 6 * 100 / 480, 1e-4);
  EXPECT_NEAR(HalfWidth(f), 18.75, 0.01);
  EXPECT_EQ(f.method_text,
            "Run rate of numerator and denominator apart: 3 months to date plus 9 months at the mean of the last "
            "3 months");
}

TEST(ForecastTest, RatioSeasonalProfileOfNumeratorAndDenominator) {
  // Last year: denominators 10 20 30 40 x 3 (300), numerators with their own
  // profile (210): 70%. This year repeats the first 4 months: 74/100. Each
  // side is scaled by its own profile: (74 x 210/74) / (100 x 300/100) = 70%,
  // not the 74% to date.
  std::vector<double> den = {10, 20, 30, 40, 10, 20, 30, 40, 10, 20, 30, 40};
  std::vector<double> num = {9, 10, 15, 40, 5, 10, 15, 20, 9, 18, 27, 32};
  std::vector<MonthFigures> months;
  for (int y = 0; y < 2; ++y)
    for (int i = 0; i < (y == 0 ? 12 : 4); ++i) months.push_back({num[i], den[i]});
  IndicatorHistory h = Percentages(months, 4);
  h.first_year = 2024;
  Forecast f = ForecastYearEnd(h);
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kSeasonal);
  EXPECT_NEAR(f.value, 70, 1e-9);
  EXPECT_EQ(f.method_text, "Seasonal profile of 2024-25 applied to the numerator and denominator of 4 months to date");
}

TEST(ForecastTest, RatioAverageOfDays) {
  // An average (days per assessment, scale 1, not a percentage): 300 days over
  // 20 assessments, then 200 over 20. Run rate of both sides (k = 2 months
  // available): days 500 + 10 x 250 = 3000, assessments 40 + 10 x 20 = 240:
  // 12.5 days. z = days - 12.5 x assessments: 50, -50, sd sqrt(5000/1);
  // half-width t(1) x sd x sqrt(10 + 10^2/2) / 240.
  IndicatorHistory h;
  h.kind = IndicatorKind::kEventRatio;
  h.months = {{300, 20}, {200, 20}};
  h.months_to_date = 2;
  Forecast f = ForecastYearEnd(h);
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_NEAR(f.value, 12.5, 1e-9);
  EXPECT_NEAR(HalfWidth(f), 3.077684 * std::sqrt(5000.0) * std::sqrt(60.0) / 240, 1e-4);
}

// ---- The actual, and no forecast ----

TEST(ForecastTest, ActualWhenTheYearIsComplete) {
  // 1 + 2 + ... + 12 = 78, after an earlier year: the actual, no width.
  std::vector<double> year;
  for (int i = 1; i <= 12; ++i) year.push_back(i);
  IndicatorHistory h = Counts(Concat(kProfile, year), 12);
  h.first_year = 2023;
  Forecast f = ForecastYearEnd(h);
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_EQ(f.method, ForecastMethod::kActual);
  EXPECT_DOUBLE_EQ(f.value, 78);
  EXPECT_DOUBLE_EQ(f.low, 78);
  EXPECT_DOUBLE_EQ(f.high, 78);
  EXPECT_DOUBLE_EQ(f.coverage, 1);
  EXPECT_EQ(f.method_text, "Actual for 2024-25 (all 12 months)");

  // A percentage: 12 x (1 of 2) and the year's 6/12 = 50%.
  Forecast p = ForecastYearEnd(Percentages(std::vector<MonthFigures>(12, {1, 2}), 12));
  EXPECT_EQ(p.method, ForecastMethod::kActual);
  EXPECT_DOUBLE_EQ(p.value, 50);

  // A snapshot: the value at March.
  IndicatorHistory s = Snapshots(year, 12);
  s.first_year = 2024;
  Forecast m = ForecastYearEnd(s);
  EXPECT_EQ(m.method, ForecastMethod::kActual);
  EXPECT_DOUBLE_EQ(m.value, 12);
  EXPECT_EQ(m.method_text, "Actual at March 2025");
}

TEST(ForecastTest, TooLittleDataGivesNoForecastWithAReason) {
  auto none = [](const IndicatorHistory& h, const ForecastOptions& o = {}) {
    Forecast f = ForecastYearEnd(h, o);
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.method, ForecastMethod::kNone);
    EXPECT_TRUE(std::isnan(f.value));
    EXPECT_EQ(JudgeLikelihood(f, 100, Better::kHigher, 5), Likelihood::kNone);
    return f.reason;
  };
  // One month and nothing before it: no spread to give an interval.
  EXPECT_EQ(none(Counts({10}, 1)), "a run rate needs figures for at least 2 months");
  // Two snapshot values: a line needs 3.
  EXPECT_EQ(none(Snapshots({5, 6}, 2)), "a trend needs at least 3 monthly values, has 2");
  EXPECT_EQ(none(Snapshots({5, kNaN, 6, kNaN}, 4)), "a trend needs at least 3 monthly values, has 2");
  EXPECT_EQ(none(Counts({10, 10}, 0)), "months to date must be 1 to 12, not 0");
  EXPECT_EQ(none(Counts({10, 10}, 13)), "months to date must be 1 to 12, not 13");
  EXPECT_EQ(none(Counts({}, 3)), "no monthly figures");
  EXPECT_EQ(none(Counts({1, 2, 3, 4, 5}, 7)),
            "the current year has figures for 5 months, fewer than the 7 months to date");
  // Nothing yet this year, whatever came before.
  EXPECT_EQ(none(Counts(Concat(kProfile, {kNaN, kNaN}), 2)), "no figures yet for the current year");
  // No denominator to divide by.
  EXPECT_EQ(none(Percentages({{0, 0}, {0, 0}}, 2)), "the projected denominator is not above 0");
  ForecastOptions certain;
  certain.coverage = 1;
  EXPECT_EQ(none(Counts({1, 2, 3}, 3), certain), "interval coverage must lie between 0 and 1");
  ForecastOptions short_trend;
  short_trend.trend_points = 2;
  EXPECT_EQ(none(Snapshots({1, 2, 3}, 3), short_trend), "a trend needs at least 3 points");
}

// ---- Clamping and missing months ----

TEST(ForecastTest, ClampsCountsAtTheYearToDateAndPercentagesAt100) {
  // 0 0 30: 30 + 9 x 10 = 120; sd sqrt(600/2), half-width t(2) x sd x sqrt(9 +
  // 81/3) = 195.96 would put the low end at -76: it cannot be below the 30 seen.
  Forecast f = ForecastYearEnd(Counts({0, 0, 30}, 3));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_DOUBLE_EQ(f.value, 120);
  EXPECT_DOUBLE_EQ(f.low, 30);
  EXPECT_NEAR(f.high, 120 + 1.885618 * std::sqrt(300.0) * 6, 1e-3);

  // 10/10, 10/10, 9/10: 100 x 116/120 = 96.67%; z = 1/3, 1/3, -2/3, sd
  // sqrt(1/3), half-width t(2) x sd x 6 x 100/120 = 5.44: the top end (102.1)
  // is clamped to 100.
  Forecast p = ForecastYearEnd(Percentages({{10, 10}, {10, 10}, {9, 10}}, 3));
  ASSERT_TRUE(p.ok()) << p.reason;
  EXPECT_NEAR(p.value, 100.0 * 116 / 120, 1e-9);
  EXPECT_NEAR(p.low, p.value - 1.885618 * std::sqrt(1.0 / 3) * 6 * 100 / 120, 1e-4);
  EXPECT_DOUBLE_EQ(p.high, 100);
}

TEST(ForecastTest, MissingMonthsAreEstimatedNotZero) {
  // 10, (missing), 10, 10: 30 seen; the missing month and the 8 to come at
  // the mean of the last 3 months with figures: 30 + 9 x 10 = 120.
  Forecast f = ForecastYearEnd(Counts({10, kNaN, 10, 10}, 4));
  ASSERT_TRUE(f.ok()) << f.reason;
  EXPECT_DOUBLE_EQ(f.value, 120);
  EXPECT_EQ(f.method_text, "Run rate: 3 of 4 months to date plus 9 months at the mean of the last 3 months");

  // 12 months with one missing is not an actual: the gap is estimated.
  std::vector<double> year(12, 10);
  year[5] = kNaN;
  Forecast g = ForecastYearEnd(Counts(year, 12));
  EXPECT_EQ(g.method, ForecastMethod::kRunRate);
  EXPECT_DOUBLE_EQ(g.value, 120);

  // Seasonal with June missing: the earlier years' same months (all but June,
  // 62 - 12 = 50) are compared with this year's 50: 50 x 110/50 = 110.
  std::vector<double> counts = Repeat(kProfile, 2);
  counts.insert(counts.end(), kProfile.begin(), kProfile.begin() + 7);
  counts[24 + 2] = kNaN;
  Forecast s = ForecastYearEnd(Counts(counts, 7));
  EXPECT_EQ(s.method, ForecastMethod::kSeasonal);
  EXPECT_NEAR(s.value, 110, 1e-9);
  EXPECT_NE(s.method_text.find("6 of 7 months to date"), std::string::npos) << s.method_text;

  // An earlier year with a missing month is not complete and is left out.
  std::vector<double> gappy = Repeat(kProfile, 3);
  gappy[4] = kNaN;
  gappy.insert(gappy.end(), kProfile.begin(), kProfile.begin() + 7);
  IndicatorHistory h = Counts(gappy, 7);
  h.first_year = 2022;
  EXPECT_EQ(ForecastYearEnd(h).method_text, "Seasonal profile of 2023-24 to 2024-25 applied to 7 months to date");

  // A snapshot line skips missing months: still exactly on the line.
  std::vector<double> line;
  for (int i = 0; i < 18; ++i) line.push_back(i % 4 == 1 ? kNaN : 50 - i);
  Forecast t = ForecastYearEnd(Snapshots(line, 6));
  EXPECT_NEAR(t.value, 50 - 23, 1e-9);

  // A ratio month with a missing denominator is missing on both sides:
  // 9/10 and 10/10 only -> run rate 100 x 19/20.
  Forecast r = ForecastYearEnd(Percentages({{9, 10}, {50, kNaN}, {10, 10}}, 3));
  EXPECT_NEAR(r.value, 95, 1e-9);
}

TEST(ForecastTest, YearsListedWhenNotConsecutive) {
  std::vector<double> gappy = Repeat(kProfile, 3);
  gappy[12 + 4] = kNaN;  // 2023-24 incomplete
  gappy.insert(gappy.end(), kProfile.begin(), kProfile.begin() + 7);
  IndicatorHistory h = Counts(gappy, 7);
  h.first_year = 2022;
  Forecast f = ForecastYearEnd(h);
  EXPECT_NEAR(f.value, 110, 1e-9);
  EXPECT_EQ(f.method_text, "Seasonal profile of 2022-23 and 2024-25 applied to 7 months to date");
}

// ---- Likelihood of meeting the target ----

Forecast Made(double value, double low, double high) {
  Forecast f;
  f.method = ForecastMethod::kRunRate;
  f.value = value;
  f.low = low;
  f.high = high;
  f.coverage = 0.8;
  return f;
}

TEST(LikelihoodTest, HigherIsBetterBoundaries) {
  // Target 80, tolerance 2: "target - tolerance" is 78.
  auto judge = [](double v, double lo, double hi) { return JudgeLikelihood(Made(v, lo, hi), 80, Better::kHigher, 2); };
  EXPECT_EQ(judge(80, 80, 80), Likelihood::kLikely);        // exactly on target
  EXPECT_EQ(judge(80, 78, 85), Likelihood::kLikely);        // low end exactly at target - tolerance
  EXPECT_EQ(judge(80, 77.9, 85), Likelihood::kMay);         // low end beyond it: target inside
  EXPECT_EQ(judge(90, 85, 95), Likelihood::kLikely);        // comfortably above
  EXPECT_EQ(judge(85, 70, 90), Likelihood::kMay);           // meets, but the interval reaches 70
  EXPECT_EQ(judge(78, 78, 78), Likelihood::kMay);           // forecast exactly at target - tolerance
  EXPECT_EQ(judge(79.99, 79.99, 79.99), Likelihood::kMay);  // just short, within tolerance
  EXPECT_EQ(judge(77.9, 77.9, 77.9), Likelihood::kUnlikely);
  EXPECT_EQ(judge(75, 70, 80), Likelihood::kMay);           // misses by 5, target at the high end
  EXPECT_EQ(judge(75, 70, 79.9), Likelihood::kUnlikely);    // misses by 5, target above the interval
}

TEST(LikelihoodTest, LowerIsBetterBoundaries) {
  // Target 20, tolerance 2: worse is higher, so the unfavourable end is `high`.
  auto judge = [](double v, double lo, double hi) { return JudgeLikelihood(Made(v, lo, hi), 20, Better::kLower, 2); };
  EXPECT_EQ(judge(20, 20, 20), Likelihood::kLikely);
  EXPECT_EQ(judge(20, 15, 22), Likelihood::kLikely);
  EXPECT_EQ(judge(20, 15, 22.1), Likelihood::kMay);
  EXPECT_EQ(judge(22, 22, 22), Likelihood::kMay);
  EXPECT_EQ(judge(22.1, 22.1, 22.1), Likelihood::kUnlikely);
  EXPECT_EQ(judge(25, 19, 30), Likelihood::kMay);
  EXPECT_EQ(judge(25, 20.1, 30), Likelihood::kUnlikely);
  EXPECT_EQ(judge(10, 5, 15), Likelihood::kLikely);
}

TEST(LikelihoodTest, NoJudgementWithoutTargetPolarityOrForecast) {
  Forecast f = Made(80, 75, 85);
  EXPECT_EQ(JudgeLikelihood(f, 80, Better::kNeither, 2), Likelihood::kNone);
  EXPECT_EQ(JudgeLikelihood(f, std::nullopt, Better::kHigher, 2), Likelihood::kNone);
  EXPECT_EQ(JudgeLikelihood(f, kNaN, Better::kHigher, 2), Likelihood::kNone);
  EXPECT_EQ(JudgeLikelihood(Forecast{}, 80, Better::kHigher, 2), Likelihood::kNone);
}

TEST(LikelihoodTest, ZeroNegativeOrMissingToleranceGivesNoSlack) {
  EXPECT_EQ(JudgeLikelihood(Made(80, 80, 80), 80, Better::kHigher, 0), Likelihood::kLikely);
  EXPECT_EQ(JudgeLikelihood(Made(80, 79, 81), 80, Better::kHigher, 0), Likelihood::kMay);
  EXPECT_EQ(JudgeLikelihood(Made(79.99, 79.99, 79.99), 80, Better::kHigher, 0), Likelihood::kUnlikely);
  EXPECT_EQ(JudgeLikelihood(Made(79.99, 79.99, 79.99), 80, Better::kHigher, -5), Likelihood::kUnlikely);
  EXPECT_EQ(JudgeLikelihood(Made(79.99, 79.99, 79.99), 80, Better::kHigher, kNaN), Likelihood::kUnlikely);
}

TEST(LikelihoodTest, AnActualIsJudgedLikeARating) {
  // A complete year: zero width, so likely = met, may = within tolerance.
  Forecast f = ForecastYearEnd(Counts(std::vector<double>(12, 10), 12));  // 120
  EXPECT_EQ(JudgeLikelihood(f, 120, Better::kHigher, 5), Likelihood::kLikely);
  EXPECT_EQ(JudgeLikelihood(f, 125, Better::kHigher, 5), Likelihood::kMay);
  EXPECT_EQ(JudgeLikelihood(f, 126, Better::kHigher, 5), Likelihood::kUnlikely);
  EXPECT_EQ(JudgeLikelihood(f, 115, Better::kLower, 5), Likelihood::kMay);
}

TEST(LikelihoodTest, NamesAndWords) {
  EXPECT_EQ(LikelihoodName(Likelihood::kLikely), "likely");
  EXPECT_EQ(LikelihoodName(Likelihood::kMay), "may");
  EXPECT_EQ(LikelihoodName(Likelihood::kUnlikely), "unlikely");
  EXPECT_EQ(LikelihoodName(Likelihood::kNone), "none");
  EXPECT_EQ(LikelihoodWords(Likelihood::kLikely), "likely to meet the target");
  EXPECT_EQ(LikelihoodWords(Likelihood::kMay), "may meet the target");
  EXPECT_EQ(LikelihoodWords(Likelihood::kUnlikely), "unlikely to meet the target");
  EXPECT_EQ(LikelihoodWords(Likelihood::kNone), "no forecast against a target");
  EXPECT_EQ(ForecastMethodName(ForecastMethod::kNone), "none");
  EXPECT_EQ(ForecastMethodName(ForecastMethod::kActual), "actual");
  EXPECT_EQ(ForecastMethodName(ForecastMethod::kRunRate), "run_rate");
  EXPECT_EQ(ForecastMethodName(ForecastMethod::kSeasonal), "seasonal");
  EXPECT_EQ(ForecastMethodName(ForecastMethod::kTrend), "trend");
}

// ---- Back-test ----

TEST(BackTestTest, RunRateOnAStepUpWorkedByHand) {
  // One year, 6 x 10 then 6 x 20: actual 180. Replayed from the first year,
  // so only the run rate (k = 3) is available:
  //   m = 1      no forecast (one month: no spread)
  //   m = 2..6   10m + (12 - m) x 10 = 120, error 60, zero width: outside
  //   m = 7      70 + 5 x 40/3 = 146.67, error 33.33; half-width t(6) 1.4398 x
  //              sd 3.780 x sqrt(5 + 25/3) = 19.87: top 166.5, outside
  //   m = 8      YTD 100 + 4 x 50/3 = 166.67, error 13.33; half-width t(7)
  //              1.4149 x sd 4.629 x sqrt(4 + 16/3) = 20.01: top 186.7, inside
  //   m = 9..11  YTD + (12 - m) x 20 = 180 exactly, inside
  // 10 forecasts: MAE (5 x 60 + 33.33 + 13.33) / 10 = 34.67; MAPE 34.67/180 =
  // 19.26%; coverage 4/10.
  IndicatorHistory h = Counts(Concat(std::vector<double>(6, 10), std::vector<double>(6, 20)), 12);
  BackTest b = RunBackTest(h, {}, 0);
  EXPECT_EQ(b.years, 1);
  EXPECT_EQ(b.overall.forecasts, 10);
  EXPECT_EQ(b.overall.no_forecast, 1);
  EXPECT_NEAR(b.overall.mean_absolute_error, (300 + 100.0 / 3 + 40.0 / 3) / 10, 1e-9);
  EXPECT_NEAR(b.overall.mean_absolute_percentage_error, (300 + 100.0 / 3 + 40.0 / 3) / 10 / 180 * 100, 1e-9);
  EXPECT_NEAR(b.overall.coverage, 0.4, 1e-12);
  EXPECT_EQ(b.by_month[0].forecasts, 0);
  EXPECT_EQ(b.by_month[0].no_forecast, 1);
  EXPECT_TRUE(std::isnan(b.by_month[0].mean_absolute_error));
  EXPECT_NEAR(b.by_month[1].mean_absolute_error, 60, 1e-9);
  EXPECT_NEAR(b.by_month[6].mean_absolute_error, 100.0 / 3, 1e-9);
  EXPECT_NEAR(b.by_month[7].mean_absolute_error, 40.0 / 3, 1e-9);
  EXPECT_NEAR(b.by_month[8].mean_absolute_error, 0, 1e-9);
  EXPECT_DOUBLE_EQ(b.by_month[6].coverage, 0);
  EXPECT_DOUBLE_EQ(b.by_month[7].coverage, 1);
}

TEST(BackTestTest, SeasonalOnAStepUpWorkedByHand) {
  // Year 0: 12 x 10 (120). Year 1: 6 x 10 then 6 x 20 (180), replayed with
  // year 0's profile (ratio 12/m while the year to date is 10m):
  //   m = 1..6   10m x 12/m = 120, error 60
  //   m = 7..11  YTD x 12/m: 80 x 12/7 = 137.14, 100 x 12/8 = 150, 120 x
  //              12/9 = 160, 140 x 12/10 = 168, 160 x 12/11 = 174.55; errors
  //              42.86, 30, 20, 12, 5.45
  // MAE (360 + 42.857 + 30 + 20 + 12 + 5.455) / 11 = 42.76, MAPE 23.75%.
  // Coverage: only m = 11 (half-width t(11) x sd 5.149 of the last 12 months
  // x sqrt(1 + 1/11) = 7.33 reaches 181.9): 1/11.
  std::vector<double> counts = Concat(std::vector<double>(18, 10), std::vector<double>(6, 20));
  BackTest b = RunBackTest(Counts(counts, 12));
  double errors = 360 + (180 - 80 * 12.0 / 7) + 30 + 20 + 12 + (180 - 160 * 12.0 / 11);
  EXPECT_EQ(b.years, 1);
  EXPECT_EQ(b.overall.forecasts, 11);
  EXPECT_EQ(b.overall.no_forecast, 0);
  EXPECT_NEAR(b.overall.mean_absolute_error, errors / 11, 1e-9);
  EXPECT_NEAR(b.overall.mean_absolute_error, 42.76, 0.01);
  EXPECT_NEAR(b.overall.mean_absolute_percentage_error, errors / 11 / 180 * 100, 1e-9);
  EXPECT_NEAR(b.overall.coverage, 1.0 / 11, 1e-12);
  EXPECT_DOUBLE_EQ(b.by_month[10].coverage, 1);
  EXPECT_NEAR(b.by_month[9].mean_absolute_error, 12, 1e-9);
}

TEST(BackTestTest, RepeatingSeasonalSeriesHasNoError) {
  // Four identical years; years 1..3 replayed, 11 months each: every
  // forecast is exact and inside its interval.
  BackTest b = RunBackTest(Counts(Repeat(kProfile, 4), 12));
  EXPECT_EQ(b.years, 3);
  EXPECT_EQ(b.overall.forecasts, 33);
  EXPECT_NEAR(b.overall.mean_absolute_error, 0, 1e-9);
  EXPECT_NEAR(b.overall.mean_absolute_percentage_error, 0, 1e-9);
  EXPECT_DOUBLE_EQ(b.overall.coverage, 1);

  // A trailing part year and a year with a missing month are not replayed.
  std::vector<double> counts = Repeat(kProfile, 4);
  counts[12 * 2 + 3] = kNaN;
  counts.insert(counts.end(), {1, 2, 3});
  EXPECT_EQ(RunBackTest(Counts(counts, 3)).years, 2);
}

}  // namespace
}  // namespace scrutiny
