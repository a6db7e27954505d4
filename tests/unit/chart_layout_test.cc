#include "report/chart_layout.h"

#include <gtest/gtest.h>

#include <cmath>

#include "sample_pack.h"

namespace scrutiny {
namespace {

using testing::Fig;
using testing::Suppressed;

PackChart ChartOf(const std::string& unit, std::vector<double> values) {
  PackChart c;
  c.unit = unit;
  for (size_t i = 0; i < values.size(); ++i) {
    c.labels.push_back("P" + std::to_string(i + 1));
    c.values.push_back(Fig(values[i], ""));
  }
  return c;
}

const ChartBox kBox{50, 20, 400, 200};

TEST(ChartLayoutTest, PercentagesFromNoneToAllTickByTwenty) {
  ChartLayout l = LayOutChart(ChartOf("percentage", {0, 35, 100}), kBox, 40);
  EXPECT_EQ(l.low, 0);
  EXPECT_EQ(l.high, 100);
  EXPECT_EQ(l.ticks, (std::vector<double>{0, 20, 40, 60, 80, 100}));
  EXPECT_EQ(l.tick_labels.front(), "0%");
  EXPECT_EQ(l.tick_labels[4], "80%");
}

TEST(ChartLayoutTest, SmallCountsTickByWholeNumbers) {
  ChartLayout l = LayOutChart(ChartOf("count", {0, 3, 7}), kBox, 40);
  EXPECT_EQ(l.ticks, (std::vector<double>{0, 2, 4, 6, 8}));
  EXPECT_EQ(l.tick_labels, (std::vector<std::string>{"0", "2", "4", "6", "8"}));
  for (double t : LayOutChart(ChartOf("count", {1, 2}), kBox, 40).ticks) EXPECT_EQ(t, std::floor(t));
}

TEST(ChartLayoutTest, LargeCountsHaveThousandsSeparators) {
  ChartLayout l = LayOutChart(ChartOf("count", {1234, 5678}), kBox, 40);
  EXPECT_LE(l.low, 1234);
  EXPECT_GE(l.high, 5678);
  EXPECT_EQ(l.ticks, (std::vector<double>{1000, 2000, 3000, 4000, 5000, 6000}));
  EXPECT_EQ(l.tick_labels.front(), "1,000");
  EXPECT_EQ(l.tick_labels.back(), "6,000");
}

TEST(ChartLayoutTest, StepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen) {
  for (auto values : std::vector<std::vector<double>>{{0.1, 0.9}, {12, 19}, {80.5, 90}, {150, 320}, {3, 40000}}) {
    ChartLayout l = LayOutChart(ChartOf("rate", values), kBox, 40);
    ASSERT_GE(l.ticks.size(), 3u);
    double step = l.ticks[1] - l.ticks[0];
    double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-6 || std::fabs(mantissa - 2) < 1e-6 || std::fabs(mantissa - 2.5) < 1e-6 ||
                std::fabs(mantissa - 5) < 1e-6)
        << "step " << step;
    EXPECT_LE(l.ticks.size(), 9u);
  }
}

TEST(ChartLayoutTest, RangeCoversLimitsAndTargetWithHeadroom) {
  PackChart c = testing::SamplePack(Audience::kPublic).sections[1].charts[0];
  ChartLayout l = LayOutChart(c, kBox, 40);
  EXPECT_LT(l.low, 80.5);   // lower process limit
  EXPECT_GT(l.high, 90);    // target
  EXPECT_LE(l.high, 100);
  EXPECT_EQ(l.tick_labels.front(), "80%");
}

TEST(ChartLayoutTest, SuppressedAndMissingValuesAreSkipped) {
  PackChart c = ChartOf("count", {40, 50});
  c.values.push_back(Suppressed());
  c.labels.push_back("P3");
  c.lower_limit = {NAN, NAN, NAN};
  ChartLayout l = LayOutChart(c, kBox, 40);
  EXPECT_TRUE(std::isfinite(l.low));
  EXPECT_TRUE(std::isfinite(l.high));
  EXPECT_GT(l.low, 0);
  EXPECT_EQ(l.x.size(), 3u);
}

TEST(ChartLayoutTest, ChartWithNoNumbersStillHasAnAxis) {
  PackChart c = ChartOf("percentage", {});
  c.values = {Suppressed(), Suppressed()};
  c.labels = {"A", "B"};
  ChartLayout l = LayOutChart(c, kBox, 40);
  EXPECT_EQ(l.low, 0);
  EXPECT_EQ(l.high, 100);
  EXPECT_GE(l.ticks.size(), 2u);
}

TEST(ChartLayoutTest, FlatSeriesGetsARange) {
  ChartLayout l = LayOutChart(ChartOf("count", {5, 5, 5}), kBox, 40);
  EXPECT_LT(l.low, 5);
  EXPECT_GT(l.high, 5);
}

TEST(ChartLayoutTest, PointsAreInsideTheBoxLeftToRight) {
  ChartLayout l = LayOutChart(ChartOf("count", {1, 2, 3, 4}), kBox, 40);
  ASSERT_EQ(l.x.size(), 4u);
  for (size_t i = 0; i < l.x.size(); ++i) {
    EXPECT_GT(l.x[i], kBox.left);
    EXPECT_LT(l.x[i], kBox.left + kBox.width);
    if (i > 0) {
      EXPECT_GT(l.x[i], l.x[i - 1]);
    }
  }
}

TEST(ChartLayoutTest, YFallsAsValueRisesAndStaysInTheBox) {
  ChartLayout l = LayOutChart(ChartOf("percentage", {62, 71, 93}), kBox, 40);
  EXPECT_DOUBLE_EQ(l.Y(l.low), kBox.top + kBox.height);
  EXPECT_DOUBLE_EQ(l.Y(l.high), kBox.top);
  double previous = l.Y(l.low);
  for (double v = l.low + 0.5; v <= l.high; v += 0.5) {
    EXPECT_LT(l.Y(v), previous);
    EXPECT_GE(l.Y(v), kBox.top);
    EXPECT_LE(l.Y(v), kBox.top + kBox.height);
    previous = l.Y(v);
  }
}

TEST(ChartLayoutTest, CrowdedLabelsAreThinnedKeepingTheLatest) {
  std::vector<double> values(24, 10);
  ChartLayout l = LayOutChart(ChartOf("count", values), kBox, 60);  // slots of 16.7 for labels of 60
  ASSERT_FALSE(l.label_every.empty());
  EXPECT_EQ(l.label_every.back(), 23u);
  EXPECT_LT(l.label_every.size(), 24u);
  for (size_t i = 1; i < l.label_every.size(); ++i)
    EXPECT_GE(l.x[l.label_every[i]] - l.x[l.label_every[i - 1]], 60.0);
}

TEST(ChartLayoutTest, RoomyLabelsAreAllPrinted) {
  ChartLayout l = LayOutChart(ChartOf("count", {1, 2, 3, 4, 5, 6}), kBox, 40);
  EXPECT_EQ(l.label_every, (std::vector<size_t>{0, 1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace scrutiny
