#include "assess/spc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>

// Worked examples and test vectors from /work/shared/reference/
// performance-methods.md section 1 (MDC "SPC Charts XmR Testing" document,
// NHSE SQL v2.6a, NHSRplotthedots and PowerBI-SPC tests). Positions in the
// comments and expectations are 1-based, as in the sources.

namespace scrutiny {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double Rounded(double x, int places) {
  const double f = std::pow(10.0, places);
  return std::round(x * f) / f;
}

// The 1-based positions whose point satisfies `has`.
template <typename Has>
std::vector<int> PositionsWhere(const SpcChart& chart, Has has, size_t skip = 0) {
  std::vector<int> positions;
  for (size_t i = skip; i < chart.points.size(); ++i) {
    if (has(chart.points[i])) positions.push_back(static_cast<int>(i - skip + 1));
  }
  return positions;
}

std::vector<int> Flagged(const SpcChart& chart, bool SpcPoint::*rule, size_t skip = 0) {
  return PositionsWhere(chart, [rule](const SpcPoint& p) { return p.*rule; }, skip);
}

std::vector<int> Showing(const SpcChart& chart, Variation variation) {
  return PositionsWhere(chart, [variation](const SpcPoint& p) { return p.variation == variation; });
}

// first..last inclusive.
std::vector<int> Span(int first, int last) {
  std::vector<int> v(last - first + 1);
  std::iota(v.begin(), v.end(), first);
  return v;
}

std::vector<int> Join(std::vector<int> a, const std::vector<int>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::vector<double> Ascending(int from, int to) {
  std::vector<double> v;
  for (int x = from; x <= to; ++x) v.push_back(x);
  return v;
}

std::vector<double> Descending(int from, int to) {
  std::vector<double> v;
  for (int x = from; x >= to; --x) v.push_back(x);
  return v;
}

// Limits for any number of points, to test the rules on short vectors.
SpcSettings NoMinimum() {
  SpcSettings s;
  s.minimum_points = 2;
  return s;
}

// A frozen baseline of 14 points alternating 10 and 12: mean 11, MRbar 2,
// limits 5.68 and 16.32, two-sigma lines 7.4533 and 14.5467. The tail after
// it is a separate partition, so runs there start afresh.
constexpr size_t kFrame = 14;

SpcChart Framed(const std::vector<double>& tail, const SpcSettings& settings = {},
                Improvement improvement = Improvement::kUp) {
  std::vector<double> values;
  for (size_t i = 0; i < kFrame; ++i) values.push_back(i % 2 == 0 ? 10 : 12);
  values.insert(values.end(), tail.begin(), tail.end());
  return ComputeSpc(values, improvement, std::nullopt, settings, {}, kFrame);
}

// The MDC testing-document datasets.
const std::vector<double> kProcessLimits{20, 24, 20, 26, 22, 16, 18, 16, 31, 28, 34, 26, 30, 19, 18};
const std::vector<double> kConflict{43, 41, 37, 36, 31, 23, 15, 13, 15, 18,
                                    23, 27, 31, 36, 27, 19, 17, 27, 15, 22};
const std::vector<double> kShiftL{31, 35, 34, 29, 29, 32, 26, 26, 32, 35,
                                  30, 18, 31, 25, 27, 22, 18, 25, 25, 17};
const std::vector<double> kTrendL{11, 14, 18, 20, 22, 23, 18, 21, 17, 23,
                                  26, 20, 16, 25, 23, 22, 19, 16, 15, 12};
const std::vector<double> kTwoSigmaB{42, 40, 39, 26, 39, 24, 22, 29, 32, 22, 20, 23,
                                     25, 26, 22, 24, 27, 7,  19, 24, 7,  2,  32};
const std::vector<double> kAssurance{16, 24, 22, 19, 19, 18, 24, 25, 18, 17, 16, 25, 15, 23, 19,
                                     35, 32, 35, 31, 27, 33, 28, 38, 35, 30, 28, 29, 27, 24, 23};

// --- XmR construction ---------------------------------------------------------

TEST(SpcLimitsTest, FifteenPointExampleFromMdcTestingDoc) {
  SpcChart chart = ComputeSpc(kProcessLimits, Improvement::kUp, std::nullopt);
  ASSERT_FALSE(chart.run_chart);
  ASSERT_EQ(chart.points.size(), 15u);
  const SpcPoint& p = chart.points[0];
  EXPECT_EQ(Rounded(p.average_moving_range, 2), 5.43);
  EXPECT_EQ(Rounded((p.upper_limit - p.mean) / 3, 2), 4.81);  // sigma
  EXPECT_EQ(Rounded(p.upper_limit - p.mean, 2), 14.44);        // 3 sigma
  EXPECT_EQ(Rounded(p.mean, 2), 23.20);
  EXPECT_EQ(Rounded(p.upper_limit, 2), 37.64);
  EXPECT_EQ(Rounded(p.lower_limit, 2), 8.76);
  EXPECT_NEAR(p.upper_two_sigma, p.mean + 2.66 * 2 / 3 * p.average_moving_range, 1e-9);
  EXPECT_NEAR(p.lower_two_sigma, p.mean - 2.66 * 2 / 3 * p.average_moving_range, 1e-9);
  EXPECT_NEAR(p.upper_one_sigma, p.mean + 2.66 / 3 * p.average_moving_range, 1e-9);
  EXPECT_NEAR(p.lower_one_sigma, p.mean - 2.66 / 3 * p.average_moving_range, 1e-9);
  for (const SpcPoint& q : chart.points) {
    EXPECT_EQ(q.partition, 0);
    EXPECT_EQ(q.upper_limit, p.upper_limit);
    EXPECT_EQ(q.lower_limit, p.lower_limit);
  }
  EXPECT_TRUE(std::isnan(chart.points[0].moving_range));
  EXPECT_EQ(chart.points[1].moving_range, 4);
  EXPECT_EQ(chart.points[8].moving_range, 15);
}

TEST(SpcLimitsTest, MovingRangeScreeningOnTheEighteenPointExample) {
  const std::vector<double> values{1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1};
  // Unscreened, as the MDC Excel tool (and this module by default).
  SpcChart plain = ComputeSpc(values, Improvement::kUp, std::nullopt);
  EXPECT_EQ(Rounded(plain.points[0].upper_limit, 2), 6.95);
  EXPECT_EQ(Rounded(plain.points[0].mean, 2), 1.94);
  EXPECT_EQ(Rounded(plain.points[0].lower_limit, 2), -3.06);
  // Screened, as NHSRplotthedots: the ranges 8 and 9 go; the mean stays.
  SpcSettings screen;
  screen.screen_moving_ranges = true;
  SpcChart screened = ComputeSpc(values, Improvement::kUp, std::nullopt, screen);
  EXPECT_EQ(Rounded(screened.points[0].upper_limit, 2), 4.60);
  EXPECT_EQ(Rounded(screened.points[0].lower_limit, 2), -0.72);
  EXPECT_EQ(Rounded(screened.points[0].mean, 2), 1.94);
  EXPECT_EQ(screened.points[0].average_moving_range, 1);
}

TEST(SpcLimitsTest, RatioValuesFromPowerBiSpc) {
  const std::vector<double> num{5, 7, 5, 7, 7, 5, 4, 9, 8, 13, 8, 7, 8, 7, 12, 11, 8};
  const std::vector<double> den{113, 132, 121, 134, 116, 131, 93, 138, 182,
                                157, 100, 103, 146, 108, 153, 141, 134};
  std::vector<double> values;
  for (size_t i = 0; i < num.size(); ++i) values.push_back(num[i] / den[i]);
  const SpcPoint p = ComputeSpc(values, Improvement::kUp, std::nullopt).points[0];
  EXPECT_EQ(Rounded(p.mean, 4), 0.0593);
  EXPECT_EQ(Rounded(p.upper_limit, 4), 0.0957);      // ul99
  EXPECT_EQ(Rounded(p.upper_two_sigma, 4), 0.0836);  // ul95
  EXPECT_EQ(Rounded(p.lower_two_sigma, 4), 0.0350);  // ll95
  EXPECT_EQ(Rounded(p.lower_limit, 4), 0.0229);      // ll99
}

// --- Minimum points -----------------------------------------------------------

TEST(SpcMinimumPointsTest, TwelvePointsMakeARunChartAndThirteenALimitChart) {
  std::vector<double> values{30, 31, 25, 35, 34, 15, 21, 23, 30, 26, 26, 22};
  SpcChart twelve = ComputeSpc(values, Improvement::kUp, 20.0);
  EXPECT_TRUE(twelve.run_chart);
  EXPECT_EQ(twelve.variation, Variation::kNone);
  EXPECT_EQ(twelve.assurance, Assurance::kNone);
  for (const SpcPoint& p : twelve.points) {
    EXPECT_DOUBLE_EQ(p.mean, 26.5);  // the mean line stays
    EXPECT_TRUE(std::isnan(p.upper_limit));
    EXPECT_TRUE(std::isnan(p.lower_limit));
    EXPECT_TRUE(std::isnan(p.upper_two_sigma));
    EXPECT_EQ(p.variation, Variation::kNone);
    EXPECT_FALSE(p.beyond_limit || p.shift || p.trend || p.two_of_three);
  }
  EXPECT_NE(twelve.Describe().find("run chart"), std::string::npos);

  values.push_back(25);
  SpcChart thirteen = ComputeSpc(values, Improvement::kUp, 20.0);
  EXPECT_FALSE(thirteen.run_chart);
  EXPECT_TRUE(std::isfinite(thirteen.points[0].upper_limit));
  EXPECT_TRUE(std::isfinite(thirteen.points[0].lower_limit));
  EXPECT_NE(thirteen.variation, Variation::kNone);
  EXPECT_NE(thirteen.assurance, Assurance::kNone);

  SpcSettings fifteen;  // "You may decide to require ... 15"
  fifteen.minimum_points = 15;
  EXPECT_TRUE(ComputeSpc(values, Improvement::kUp, 20.0, fifteen).run_chart);
}

TEST(SpcMinimumPointsTest, MissingPeriodsDoNotCount) {
  std::vector<double> values{30, 31, 25, 35, 34, 15, kMissing, 21, 23, 30, 26, 26, 22};
  EXPECT_TRUE(ComputeSpc(values, Improvement::kUp, std::nullopt).run_chart);
  values.push_back(25);
  EXPECT_FALSE(ComputeSpc(values, Improvement::kUp, std::nullopt).run_chart);
}

TEST(SpcMinimumPointsTest, EmptySeriesIsAnEmptyRunChart) {
  SpcChart chart = ComputeSpc({}, Improvement::kUp, 5.0);
  EXPECT_TRUE(chart.run_chart);
  EXPECT_TRUE(chart.points.empty());
  EXPECT_EQ(chart.variation, Variation::kNone);
  EXPECT_EQ(chart.assurance, Assurance::kNone);
}

// --- Trend --------------------------------------------------------------------

TEST(SpcTrendTest, NhsrPlotTheDotsSevenPointVectors) {
  SpcSettings seven = NoMinimum();
  seven.trend_points = 7;
  auto trend = [&](const std::vector<double>& v) {
    return Flagged(ComputeSpc(v, Improvement::kUp, std::nullopt, seven), &SpcPoint::trend);
  };
  EXPECT_EQ(trend(Ascending(1, 7)), Span(1, 7));  // crosses the mean (4 is on it)
  EXPECT_EQ(trend(Ascending(1, 6)), std::vector<int>{});
  EXPECT_EQ(trend({1, 2, 3, 3, 4, 5, 6}), std::vector<int>{});  // a tie breaks it
  EXPECT_EQ(trend(Descending(7, 1)), Span(1, 7));
  std::vector<double> up{2, 1, 2, 3, 4, 5, 6, 7, 3};
  EXPECT_EQ(trend(up), Span(2, 8));
  std::vector<double> down{2, 7, 6, 5, 4, 3, 2, 1, 3};
  EXPECT_EQ(trend(down), Span(2, 8));
}

TEST(SpcTrendTest, FallingTrendIsLowSide) {
  SpcSettings seven = NoMinimum();
  seven.trend_points = 7;
  seven.rule_primacy = true;
  SpcChart chart = ComputeSpc(Descending(7, 1), Improvement::kUp, std::nullopt, seven);
  // Every point is in the falling trend; 7 is also above the upper limit,
  // but with primacy the trend outranks a single point.
  EXPECT_EQ(Showing(chart, Variation::kConcernLow), Span(1, 7));
  EXPECT_EQ(chart.variation, Variation::kConcernLow);
}

TEST(SpcTrendTest, PowerBiSpcVectors) {
  SpcSettings five = NoMinimum();
  five.trend_points = 5;
  SpcChart chart = ComputeSpc({1, 2, 3, 4, 5, 6, 5}, Improvement::kUp, std::nullopt, five);
  EXPECT_EQ(Flagged(chart, &SpcPoint::trend), Span(1, 6));
  SpcChart flat = ComputeSpc({3, 3, 3, 3, 3, 3, 3}, Improvement::kUp, std::nullopt, five);
  EXPECT_EQ(Flagged(flat, &SpcPoint::trend), std::vector<int>{});
}

TEST(SpcTrendTest, SixPointsIncludingEndpointsByDefault) {
  SpcChart six = ComputeSpc(Ascending(1, 6), Improvement::kUp, std::nullopt, NoMinimum());
  EXPECT_EQ(Flagged(six, &SpcPoint::trend), Span(1, 6));
  SpcChart five = ComputeSpc(Ascending(1, 5), Improvement::kUp, std::nullopt, NoMinimum());
  EXPECT_EQ(Flagged(five, &SpcPoint::trend), std::vector<int>{});
}

// --- Shift --------------------------------------------------------------------

TEST(SpcShiftTest, NhsrPlotTheDotsSevenPointVectors) {
  SpcSettings seven = NoMinimum();
  seven.shift_points = 7;
  auto shift = [&](const std::vector<double>& v) {
    return Flagged(ComputeSpc(v, Improvement::kUp, std::nullopt, seven), &SpcPoint::shift);
  };
  EXPECT_EQ(shift({1, 1, 1, 1, 1, 1, 1, 1, -1}), Span(1, 8));
  EXPECT_EQ(shift({-1, -1, -1, -1, -1, -1, -1, -1, 1}), Span(1, 8));
  EXPECT_EQ(shift({1, 1, 1, 1, 1, 1, -1}), std::vector<int>{});
  EXPECT_EQ(shift({-1, 1, 1, 1, 1, 1, 1, 1, 1, -1}), Span(2, 9));
  EXPECT_EQ(shift({1, -1, -1, -1, -1, -1, -1, -1, -1, 1}), Span(2, 9));
}

TEST(SpcShiftTest, SixPointsByDefault) {
  SpcChart chart = ComputeSpc({1, 1, 1, 1, 1, 1, -1}, Improvement::kUp, std::nullopt, NoMinimum());
  EXPECT_EQ(Flagged(chart, &SpcPoint::shift), Span(1, 6));
}

TEST(SpcShiftTest, PointOnTheMeanBreaksTheRun) {
  EXPECT_EQ(Flagged(Framed({12, 12, 12, 12, 12, 12}), &SpcPoint::shift, kFrame), Span(1, 6));
  EXPECT_EQ(Flagged(Framed({12, 12, 12, 11, 12, 12, 12}), &SpcPoint::shift, kFrame),
            std::vector<int>{});
}

// --- Two of three beyond two sigma -------------------------------------------

TEST(SpcTwoOfThreeTest, NhsrPlotTheDotsVectors) {
  // In the frame, 15 is beyond the upper two-sigma line (14.55) but inside
  // the limit (16.32); 12 is above the mean but not beyond two sigma. The R
  // function marks every point of a qualifying window (0 0 1 1 1 0 0); the
  // flag then keeps only the points beyond two sigma, as the SQL does.
  auto flagged = [](const std::vector<double>& tail) {
    return Flagged(Framed(tail), &SpcPoint::two_of_three, kFrame);
  };
  EXPECT_EQ(flagged({12, 12, 15, 12, 15, 12, 12}), (std::vector<int>{3, 5}));
  EXPECT_EQ(flagged({12, 12, 15, 15, 12, 12, 12}), (std::vector<int>{3, 4}));
  EXPECT_EQ(flagged({15, 12, 15}), (std::vector<int>{1, 3}));
  EXPECT_EQ(flagged({12, 15, 15}), (std::vector<int>{2, 3}));
  EXPECT_EQ(flagged({15, 15, 12}), (std::vector<int>{1, 2}));
  EXPECT_EQ(flagged({15, 12, 12, 15}), std::vector<int>{});
  EXPECT_EQ(flagged({15, 12, 12, 15, 15}), (std::vector<int>{4, 5}));
  // The same pattern with the points alternating about the mean: nothing.
  EXPECT_EQ(flagged({12, 10, 15, 10, 15, 10, 12}), std::vector<int>{});
}

TEST(SpcTwoOfThreeTest, OppositeSidesAreCommonCause) {
  // Issue #143: one point beyond each two-sigma line, in succession.
  SpcChart chart = Framed({10, 15, 7, 12});
  EXPECT_EQ(Flagged(chart, &SpcPoint::two_of_three, kFrame), std::vector<int>{});
  EXPECT_EQ(chart.points[kFrame + 1].variation, Variation::kCommonCause);
  EXPECT_EQ(chart.points[kFrame + 2].variation, Variation::kCommonCause);
  EXPECT_EQ(Flagged(Framed({15, 7, 15}), &SpcPoint::two_of_three, kFrame), std::vector<int>{});
}

TEST(SpcTwoOfThreeTest, PointBeyondThreeSigmaCountsOnlyUnderSqlSetting) {
  // 17 is beyond the upper limit (16.32); 15 beyond two sigma only.
  EXPECT_EQ(Flagged(Framed({17, 15, 12}), &SpcPoint::two_of_three, kFrame),
            (std::vector<int>{1, 2}));
  SpcSettings tool;
  tool.two_sigma_counts_beyond_three = false;
  SpcChart chart = Framed({17, 15, 12}, tool);
  EXPECT_EQ(Flagged(chart, &SpcPoint::two_of_three, kFrame), std::vector<int>{});
  EXPECT_EQ(Flagged(chart, &SpcPoint::beyond_limit, kFrame), std::vector<int>{1});
}

TEST(SpcTwoOfThreeTest, TwoSigmaDatasetBUnderBothSettings) {
  // SQL v2.6: p21 (7) and p22 (2) flagged. Single Chart Tool v5.0: p22 is
  // beyond three sigma so does not count, leaving it a single point only.
  // (p1-p3 and p5 are beyond the upper two-sigma line under both.)
  SpcChart sql = ComputeSpc(kTwoSigmaB, Improvement::kUp, std::nullopt);
  EXPECT_EQ(Flagged(sql, &SpcPoint::two_of_three), (std::vector<int>{1, 2, 3, 5, 21, 22}));
  EXPECT_EQ(Flagged(sql, &SpcPoint::beyond_limit), std::vector<int>{22});
  EXPECT_EQ(Showing(sql, Variation::kConcernLow), (std::vector<int>{21, 22}));

  SpcSettings tool;
  tool.two_sigma_counts_beyond_three = false;
  SpcChart v5 = ComputeSpc(kTwoSigmaB, Improvement::kUp, std::nullopt, tool);
  EXPECT_EQ(Flagged(v5, &SpcPoint::two_of_three), (std::vector<int>{1, 2, 3, 5}));
  EXPECT_EQ(Flagged(v5, &SpcPoint::beyond_limit), std::vector<int>{22});
  EXPECT_EQ(Showing(v5, Variation::kConcernLow), std::vector<int>{22});
}

// --- Single point ---------------------------------------------------------------

TEST(SpcSinglePointTest, OnALimitIsNotBeyondIt) {
  SpcChart chart = Framed({16.32, 10, 16.33, 10, 5.68, 12, 5.67});
  EXPECT_EQ(Flagged(chart, &SpcPoint::beyond_limit, kFrame), (std::vector<int>{3, 7}));
  EXPECT_TRUE(chart.points[kFrame + 2].high);
  EXPECT_FALSE(chart.points[kFrame + 6].high);
  EXPECT_EQ(chart.points[kFrame + 2].variation, Variation::kImprovementHigh);
  EXPECT_EQ(chart.points[kFrame + 6].variation, Variation::kConcernLow);
  EXPECT_EQ(chart.points[kFrame].variation, Variation::kCommonCause);
}

// --- MDC datasets, polarity and conflicts --------------------------------------

TEST(SpcConflictTest, MdcDocumentColoursByDefault) {
  // The MDC doc (Excel, blue wins): "only p5 to p7 are shown in orange".
  SpcSettings excel;
  SpcChart up = ComputeSpc(kConflict, Improvement::kUp, std::nullopt, excel);
  EXPECT_EQ(Showing(up, Variation::kConcernLow), Span(5, 7));
  EXPECT_EQ(Showing(up, Variation::kImprovementHigh), Join(Span(1, 4), Span(8, 14)));
  EXPECT_EQ(Showing(up, Variation::kCommonCause), Span(15, 20));
  SpcChart down = ComputeSpc(kConflict, Improvement::kDown, std::nullopt, excel);
  EXPECT_EQ(Showing(down, Variation::kConcernHigh), Span(12, 14));
  EXPECT_EQ(Showing(down, Variation::kImprovementLow), Span(1, 11));
  EXPECT_EQ(Showing(down, Variation::kCommonCause), Span(15, 20));
}

TEST(SpcConflictTest, RulePrimacyDecidesFirst) {
  // SQL v2.6a: p1-p4 are beyond two sigma (and p1-p2 the limit) but in a
  // falling trend, which outranks them; p8 ends a falling trend and starts a
  // rising one, a tie left to the conflict setting; p9-p11 rise (trend)
  // below the mean (shift), and the trend wins.
  SpcSettings primacy;
  primacy.rule_primacy = true;
  SpcChart up = ComputeSpc(kConflict, Improvement::kUp, std::nullopt, primacy);
  EXPECT_EQ(Showing(up, Variation::kConcernLow), Span(1, 7));
  EXPECT_EQ(Showing(up, Variation::kImprovementHigh), Span(8, 14));
  SpcChart down = ComputeSpc(kConflict, Improvement::kDown, std::nullopt, primacy);
  EXPECT_EQ(Showing(down, Variation::kImprovementLow), Span(1, 8));
  EXPECT_EQ(Showing(down, Variation::kConcernHigh), Span(9, 14));

  SpcSettings concern = primacy;
  concern.improvement_wins_conflict = false;
  SpcChart tie = ComputeSpc(kConflict, Improvement::kUp, std::nullopt, concern);
  EXPECT_EQ(Showing(tie, Variation::kConcernLow), Span(1, 8));
  EXPECT_EQ(Showing(tie, Variation::kImprovementHigh), Span(9, 14));
}

TEST(SpcConflictTest, ConcernWinsWithoutPrimacy) {
  SpcSettings settings;
  settings.rule_primacy = false;
  settings.improvement_wins_conflict = false;
  SpcChart up = ComputeSpc(kConflict, Improvement::kUp, std::nullopt, settings);
  EXPECT_EQ(Showing(up, Variation::kConcernLow), Span(1, 11));
  EXPECT_EQ(Showing(up, Variation::kImprovementHigh), Span(12, 14));
  // The rules that fired are all reported, whichever side won.
  EXPECT_TRUE(up.points[0].beyond_limit && up.points[0].trend && up.points[0].two_of_three);
  EXPECT_FALSE(up.points[0].high);
}

TEST(SpcDatasetTest, ShiftLUnderBothTwoSigmaSettings) {
  for (bool counts : {true, false}) {
    SpcSettings settings;
    settings.two_sigma_counts_beyond_three = counts;
    SpcChart chart = ComputeSpc(kShiftL, Improvement::kUp, std::nullopt, settings);
    EXPECT_EQ(Rounded(chart.points[0].mean, 2), 27.35);
    EXPECT_EQ(Rounded(chart.points[0].upper_limit, 2), 39.95);
    EXPECT_EQ(Rounded(chart.points[0].lower_limit, 2), 14.75);
    EXPECT_EQ(Showing(chart, Variation::kImprovementHigh), Span(1, 6));
    EXPECT_EQ(Showing(chart, Variation::kConcernLow), Span(14, 20));
    EXPECT_EQ(Flagged(chart, &SpcPoint::shift), Join(Span(1, 6), Span(14, 20)));
    EXPECT_EQ(chart.variation, Variation::kConcernLow);
  }
}

TEST(SpcDatasetTest, TrendLUnderBothTwoSigmaSettings) {
  for (bool counts : {true, false}) {
    SpcSettings settings;
    settings.two_sigma_counts_beyond_three = counts;
    SpcChart chart = ComputeSpc(kTrendL, Improvement::kUp, std::nullopt, settings);
    EXPECT_EQ(Showing(chart, Variation::kImprovementHigh), Span(1, 6));
    EXPECT_EQ(Showing(chart, Variation::kConcernLow), Span(14, 20));
    EXPECT_EQ(Flagged(chart, &SpcPoint::trend), Join(Span(1, 6), Span(14, 20)));
    EXPECT_EQ(chart.variation, Variation::kConcernLow);
  }
}

TEST(SpcPolarityTest, LowerIsBetterMirrorsTheColours) {
  SpcChart chart = ComputeSpc(kShiftL, Improvement::kDown, std::nullopt);
  EXPECT_EQ(Showing(chart, Variation::kConcernHigh), Span(1, 6));
  EXPECT_EQ(Showing(chart, Variation::kImprovementLow), Span(14, 20));
  EXPECT_EQ(chart.variation, Variation::kImprovementLow);
}

TEST(SpcPolarityTest, NeitherGivesNeutralVariationAndNoAssurance) {
  SpcChart chart = ComputeSpc(kShiftL, Improvement::kNeither, 30.0);
  EXPECT_EQ(Showing(chart, Variation::kNeitherHigh), Span(1, 6));
  EXPECT_EQ(Showing(chart, Variation::kNeitherLow), Span(14, 20));
  EXPECT_EQ(chart.variation, Variation::kNeitherLow);
  EXPECT_EQ(chart.assurance, Assurance::kNone);
  EXPECT_EQ(chart.Describe(),
            "Special cause variation (lower values), neither improvement nor concern");
  // A conflict under Neither is settled by primacy too.
  SpcSettings primacy;
  primacy.rule_primacy = true;
  SpcChart conflict = ComputeSpc(kConflict, Improvement::kNeither, std::nullopt, primacy);
  EXPECT_EQ(Showing(conflict, Variation::kNeitherLow), Span(1, 7));
  EXPECT_EQ(Showing(conflict, Variation::kNeitherHigh), Span(8, 14));
}

TEST(SpcIconTest, LastPointDecidesTheVariationIcon) {
  SpcChart chart = ComputeSpc(kAssurance, Improvement::kUp, std::nullopt);
  EXPECT_FALSE(Showing(chart, Variation::kImprovementHigh).empty());
  EXPECT_EQ(chart.points.back().variation, Variation::kCommonCause);
  EXPECT_EQ(chart.variation, Variation::kCommonCause);
}

// --- Assurance ------------------------------------------------------------------

TEST(SpcAssuranceTest, AssuranceDatasetWithTargets) {
  SpcChart base = ComputeSpc(kAssurance, Improvement::kUp, std::nullopt);
  EXPECT_EQ(Rounded(base.points[0].mean, 2), 25.17);
  EXPECT_EQ(Rounded(base.points[0].upper_limit, 2), 37.00);
  EXPECT_EQ(Rounded(base.points[0].lower_limit, 2), 13.33);
  EXPECT_EQ(base.assurance, Assurance::kNone);  // no target
  auto assurance = [](Improvement improvement, double target) {
    return ComputeSpc(kAssurance, improvement, target).assurance;
  };
  EXPECT_EQ(assurance(Improvement::kUp, 40), Assurance::kFail);
  EXPECT_EQ(assurance(Improvement::kDown, 40), Assurance::kPass);
  EXPECT_EQ(assurance(Improvement::kUp, 30), Assurance::kHitOrMiss);
  EXPECT_EQ(assurance(Improvement::kDown, 30), Assurance::kHitOrMiss);
  EXPECT_EQ(assurance(Improvement::kUp, 10), Assurance::kPass);
  EXPECT_EQ(assurance(Improvement::kDown, 10), Assurance::kFail);
  EXPECT_EQ(assurance(Improvement::kNeither, 10), Assurance::kNone);
  EXPECT_EQ(assurance(Improvement::kUp, kMissing), Assurance::kNone);
}

TEST(SpcAssuranceTest, NhsrPlotTheDotsLimitVectors) {
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 4, 1, 3), Assurance::kFail);
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 4, 5, 7), Assurance::kPass);
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 4, 1, 5), Assurance::kHitOrMiss);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 4, 1, 3), Assurance::kPass);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 4, 5, 7), Assurance::kFail);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 4, 1, 5), Assurance::kHitOrMiss);
  for (bool decides : {true, false}) {  // off the limits, the setting does not matter
    EXPECT_EQ(AssuranceOf(Improvement::kUp, 4, 1, 3, decides), Assurance::kFail);
    EXPECT_EQ(AssuranceOf(Improvement::kUp, 4, 5, 7, decides), Assurance::kPass);
    EXPECT_EQ(AssuranceOf(Improvement::kUp, 4, 1, 5, decides), Assurance::kHitOrMiss);
  }
  EXPECT_EQ(AssuranceOf(Improvement::kNeither, 4, 1, 3), Assurance::kNone);
}

TEST(SpcAssuranceTest, TargetOnALimitUnderBothSettings) {
  // SQL v2.1+: on a limit passes or fails; NHSRplotthedots/PowerBI-SPC: hit or miss.
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 3, 1, 3, true), Assurance::kFail);
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 1, 1, 3, true), Assurance::kPass);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 3, 1, 3, true), Assurance::kPass);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 1, 1, 3, true), Assurance::kFail);
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 3, 1, 3, false), Assurance::kHitOrMiss);
  EXPECT_EQ(AssuranceOf(Improvement::kUp, 1, 1, 3, false), Assurance::kHitOrMiss);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 3, 1, 3, false), Assurance::kHitOrMiss);
  EXPECT_EQ(AssuranceOf(Improvement::kDown, 1, 1, 3, false), Assurance::kHitOrMiss);

  // On a chart, the upper limit of Shift L is 39.95 in decimal arithmetic.
  SpcSettings strict;
  strict.target_on_limit_decides = false;
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kUp, 39.95).assurance, Assurance::kFail);
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kDown, 39.95).assurance, Assurance::kPass);
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kUp, 39.95, strict).assurance, Assurance::kHitOrMiss);
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kUp, 14.75).assurance, Assurance::kPass);
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kUp, 14.75, strict).assurance, Assurance::kHitOrMiss);
}

// --- Missing periods, baselines, recalculation --------------------------------

TEST(SpcMissingTest, MissingPeriodIsGhosted) {
  std::vector<double> values = kProcessLimits;
  values.insert(values.begin() + 8, kMissing);  // between 16 and 31
  SpcChart chart = ComputeSpc(values, Improvement::kUp, std::nullopt);
  ASSERT_EQ(chart.points.size(), 16u);
  const SpcPoint& gap = chart.points[8];
  EXPECT_TRUE(std::isnan(gap.value));
  EXPECT_TRUE(std::isnan(gap.moving_range));
  EXPECT_EQ(gap.variation, Variation::kNone);
  EXPECT_FALSE(gap.beyond_limit || gap.shift || gap.trend || gap.two_of_three);
  EXPECT_TRUE(std::isfinite(gap.mean) && std::isfinite(gap.upper_limit));  // lines carry on
  // No range is taken across the gap: the MR of 15 (16 to 31) is gone.
  EXPECT_TRUE(std::isnan(chart.points[9].moving_range));
  EXPECT_EQ(chart.points[10].moving_range, 3);
  EXPECT_EQ(Rounded(chart.points[0].mean, 2), 23.20);
  EXPECT_NEAR(chart.points[0].average_moving_range, 61.0 / 13, 1e-12);
}

TEST(SpcMissingTest, RulesRunOverThePresentPoints) {
  // As the SQL's ghosting: a run continues across a missing period.
  std::vector<double> values = kShiftL;
  values.insert(values.begin() + 3, kMissing);
  values.push_back(kMissing);
  values.push_back(std::numeric_limits<double>::infinity());  // not finite: missing too
  SpcChart chart = ComputeSpc(values, Improvement::kUp, std::nullopt);
  EXPECT_EQ(Flagged(chart, &SpcPoint::shift), Join(Span(1, 3), Join(Span(5, 7), Span(15, 21))));
  EXPECT_EQ(chart.variation, Variation::kConcernLow);  // from the last present point
  EXPECT_TRUE(std::isnan(chart.points.back().value));
}

TEST(SpcBaselineTest, LimitsAreFrozenAndExtended) {
  const std::vector<double> first(kAssurance.begin(), kAssurance.begin() + 15);
  const SpcPoint base = ComputeSpc(first, Improvement::kUp, std::nullopt).points[0];
  EXPECT_DOUBLE_EQ(base.mean, 20);
  SpcChart chart = ComputeSpc(kAssurance, Improvement::kUp, 30.0, {}, {}, size_t{15});
  for (size_t i = 0; i < chart.points.size(); ++i) {
    const SpcPoint& p = chart.points[i];
    EXPECT_EQ(p.partition, i < 15 ? 0 : 1);
    EXPECT_DOUBLE_EQ(p.mean, base.mean);
    EXPECT_DOUBLE_EQ(p.upper_limit, base.upper_limit);
    EXPECT_DOUBLE_EQ(p.lower_limit, base.lower_limit);
  }
  EXPECT_TRUE(std::isnan(chart.points[15].moving_range));
  EXPECT_EQ(Flagged(chart, &SpcPoint::beyond_limit), (std::vector<int>{16, 17, 18, 21, 23, 24}));
  EXPECT_EQ(Flagged(chart, &SpcPoint::shift, 15), Span(1, 15));
  EXPECT_EQ(chart.variation, Variation::kImprovementHigh);
  // 30 lies between the baseline's limits (8.41 and 31.59).
  EXPECT_EQ(chart.assurance, Assurance::kHitOrMiss);
}

TEST(SpcBaselineTest, BaselineOverridesRecalculation) {
  SpcChart baseline = ComputeSpc(kAssurance, Improvement::kUp, std::nullopt, {}, {}, size_t{15});
  SpcChart both = ComputeSpc(kAssurance, Improvement::kUp, std::nullopt, {}, {5, 20}, size_t{15});
  for (size_t i = 0; i < both.points.size(); ++i) {
    EXPECT_EQ(both.points[i].partition, baseline.points[i].partition);
    EXPECT_EQ(both.points[i].upper_limit, baseline.points[i].upper_limit);
    EXPECT_EQ(both.points[i].variation, baseline.points[i].variation);
  }
}

TEST(SpcBaselineTest, BaselineCoveringTheSeriesIsNoBaseline) {
  SpcChart plain = ComputeSpc(kAssurance, Improvement::kUp, std::nullopt);
  SpcChart whole = ComputeSpc(kAssurance, Improvement::kUp, std::nullopt, {}, {}, size_t{30});
  EXPECT_EQ(whole.points.back().partition, 0);
  EXPECT_EQ(whole.points[0].upper_limit, plain.points[0].upper_limit);
}

TEST(SpcRecalculationTest, EachPartitionHasItsOwnLimits) {
  const std::vector<double> first(kAssurance.begin(), kAssurance.begin() + 15);
  const std::vector<double> second(kAssurance.begin() + 15, kAssurance.end());
  const SpcPoint a = ComputeSpc(first, Improvement::kUp, std::nullopt).points[0];
  const SpcPoint b = ComputeSpc(second, Improvement::kUp, std::nullopt).points[0];
  SpcChart chart = ComputeSpc(kAssurance, Improvement::kUp, 30.0, {}, {15});
  for (size_t i = 0; i < chart.points.size(); ++i) {
    const SpcPoint& want = i < 15 ? a : b;
    EXPECT_EQ(chart.points[i].partition, i < 15 ? 0 : 1);
    EXPECT_DOUBLE_EQ(chart.points[i].mean, want.mean);
    EXPECT_DOUBLE_EQ(chart.points[i].average_moving_range, want.average_moving_range);
    EXPECT_DOUBLE_EQ(chart.points[i].upper_limit, want.upper_limit);
    EXPECT_DOUBLE_EQ(chart.points[i].lower_two_sigma, want.lower_two_sigma);
  }
  EXPECT_NEAR(b.mean, 455.0 / 15, 1e-12);
  EXPECT_TRUE(std::isnan(chart.points[15].moving_range));
  // Assurance uses the last partition: 30 against about 30.33 +/- 9.88.
  EXPECT_EQ(chart.assurance, Assurance::kHitOrMiss);
  EXPECT_EQ(ComputeSpc(kAssurance, Improvement::kUp, 44.0, {}, {15}).assurance, Assurance::kFail);
  EXPECT_EQ(ComputeSpc(kAssurance, Improvement::kUp, 44.0).assurance, Assurance::kFail);
  EXPECT_EQ(ComputeSpc(kAssurance, Improvement::kUp, 36.0).assurance, Assurance::kHitOrMiss);
}

TEST(SpcRecalculationTest, OnlyTheTrendCrossesARecalculation) {
  // Partition A (mean 12.62) ends 13 14 15; partition B (mean 12.38) starts 16 17 18.
  const std::vector<double> values{16, 8, 16, 8, 16, 8, 16, 8, 12, 14, 13, 14, 15,
                                   16, 17, 18, 8, 14, 8, 14, 8, 14, 8, 14, 8, 14};
  SpcChart split = ComputeSpc(values, Improvement::kUp, std::nullopt, {}, {13});
  EXPECT_EQ(Flagged(split, &SpcPoint::trend), Span(11, 16));
  EXPECT_EQ(Flagged(split, &SpcPoint::shift), std::vector<int>{});
  // Without the recalculation, p10-p16 are seven above the single mean (12.5).
  SpcChart whole = ComputeSpc(values, Improvement::kUp, std::nullopt);
  EXPECT_EQ(Flagged(whole, &SpcPoint::shift), Span(10, 16));
  EXPECT_EQ(Flagged(whole, &SpcPoint::trend), Span(11, 16));
}

TEST(SpcRecalculationTest, OutOfRangeIndicesAndTinyPartitions) {
  SpcChart ignored = ComputeSpc(kProcessLimits, Improvement::kUp, std::nullopt, {}, {0, 15, 99});
  EXPECT_EQ(ignored.points.back().partition, 0);
  // A partition of one point has no moving range: its limits sit on its mean.
  SpcChart tiny = ComputeSpc(kProcessLimits, Improvement::kUp, std::nullopt, {}, {14});
  const SpcPoint& last = tiny.points.back();
  EXPECT_EQ(last.partition, 1);
  EXPECT_EQ(last.average_moving_range, 0);
  EXPECT_EQ(last.mean, 18);
  EXPECT_EQ(last.upper_limit, 18);
  EXPECT_EQ(last.lower_limit, 18);
  EXPECT_EQ(last.variation, Variation::kCommonCause);
}

// --- Degenerate data ------------------------------------------------------------

TEST(SpcDegenerateTest, AllEqualValues) {
  const std::vector<double> values(15, 0.1);  // 0.1 has no exact binary form
  SpcChart chart = ComputeSpc(values, Improvement::kUp, std::nullopt);
  ASSERT_FALSE(chart.run_chart);
  for (const SpcPoint& p : chart.points) {
    EXPECT_EQ(p.average_moving_range, 0);
    EXPECT_EQ(p.mean, 0.1);
    EXPECT_EQ(p.upper_limit, 0.1);
    EXPECT_EQ(p.lower_limit, 0.1);
    EXPECT_EQ(p.upper_two_sigma, 0.1);
    EXPECT_EQ(p.lower_one_sigma, 0.1);
    EXPECT_EQ(p.variation, Variation::kCommonCause);
  }
  EXPECT_EQ(chart.variation, Variation::kCommonCause);
  EXPECT_EQ(ComputeSpc(values, Improvement::kUp, 0.1).assurance, Assurance::kPass);
  SpcSettings strict;
  strict.target_on_limit_decides = false;
  EXPECT_EQ(ComputeSpc(values, Improvement::kUp, 0.1, strict).assurance, Assurance::kHitOrMiss);
  EXPECT_EQ(ComputeSpc(values, Improvement::kUp, 0.2).assurance, Assurance::kFail);
  EXPECT_EQ(ComputeSpc(values, Improvement::kDown, 0.2).assurance, Assurance::kPass);
}

TEST(SpcDegenerateTest, DecimalMeanIsNotMissedByRounding) {
  // The mean is 0.3 in decimal but a hair above 0.3 in binary, which would
  // put the last six points in a run below it.
  std::vector<double> values;
  for (int i = 0; i < 5; ++i) {
    values.insert(values.end(), {0.1, 0.3, 0.5});
  }
  values.insert(values.end(), {0.3, 0.3, 0.3, 0.3, 0.3, 0.3});
  SpcChart chart = ComputeSpc(values, Improvement::kUp, std::nullopt);
  EXPECT_EQ(Flagged(chart, &SpcPoint::shift), std::vector<int>{});
}

// --- Names and text ------------------------------------------------------------

TEST(SpcNamesTest, StableIdentifiers) {
  EXPECT_EQ(VariationName(Variation::kNone), "none");
  EXPECT_EQ(VariationName(Variation::kCommonCause), "common_cause");
  EXPECT_EQ(VariationName(Variation::kImprovementHigh), "improvement_high");
  EXPECT_EQ(VariationName(Variation::kImprovementLow), "improvement_low");
  EXPECT_EQ(VariationName(Variation::kConcernHigh), "concern_high");
  EXPECT_EQ(VariationName(Variation::kConcernLow), "concern_low");
  EXPECT_EQ(VariationName(Variation::kNeitherHigh), "neither_high");
  EXPECT_EQ(VariationName(Variation::kNeitherLow), "neither_low");
  EXPECT_EQ(AssuranceName(Assurance::kNone), "none");
  EXPECT_EQ(AssuranceName(Assurance::kPass), "pass");
  EXPECT_EQ(AssuranceName(Assurance::kHitOrMiss), "hit_or_miss");
  EXPECT_EQ(AssuranceName(Assurance::kFail), "fail");
}

TEST(SpcDescribeTest, TextAlternativeForTheIcons) {
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kUp, 40.0).Describe(),
            "Special cause of concern (lower values); the target is consistently missed");
  EXPECT_EQ(ComputeSpc(kShiftL, Improvement::kDown, 40.0).Describe(),
            "Special cause of improvement (lower values); the target is consistently met");
  EXPECT_EQ(ComputeSpc(kAssurance, Improvement::kUp, 30.0).Describe(),
            "Common cause variation: no significant change; "
            "the target may be met or missed by common cause variation");
  EXPECT_EQ(ComputeSpc(kAssurance, Improvement::kUp, std::nullopt).Describe(),
            "Common cause variation: no significant change");
}

}  // namespace
}  // namespace scrutiny
