// Published benchmark figures, benchmark groups, ranks and quartile bands (src/assess/benchmarks).
#include <gtest/gtest.h>

#include <cmath>

#include "assess/benchmarks.h"
#include "default_suite.h"

namespace scrutiny {
namespace {

using testing::DefaultSuite;

const char* kHeader = "indicator,year,area_code,area_name,value,source,note\n";

std::string ErrorOf(const std::string& csv, const std::string& groups = "") {
  auto b = Benchmarks::Parse(csv, "p.csv", groups, "g.toml", DefaultSuite());
  return b.ok() ? "(no error)" : b.status().message();
}

TEST(BenchmarksTest, ShippedFiguresLoadEachWithYearAndSource) {
  auto b = Benchmarks::Load(SCRUTINY_SOURCE_DIR "/config/benchmarks/published.csv",
                            SCRUTINY_SOURCE_DIR "/config/benchmarks/groups.toml", DefaultSuite());
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_GE(b->figures().size(), 20u);
  for (const PublishedFigure& f : b->figures()) {
    EXPECT_GT(f.year, 2000) << f.line;
    EXPECT_EQ(f.source.rfind("https://", 0), 0u) << "line " << f.line << " needs a source address";
  }
  EXPECT_EQ(b->Series("6.2", "E92000001").size(), 5u);
  EXPECT_FALSE(b->groups().empty());
}

TEST(BenchmarksTest, LatestFigureInOrBeforeTheYear) {
  auto b = Benchmarks::Parse(std::string(kHeader) +
                                 "3.3,2021-22,E92000001,England,21.5,https://a,\n"
                                 "3.3,2023-24,E92000001,England,22.0,https://b,\n"
                                 "3.3,2022-23,E12000007,London,20.1,https://c,\n",
                             "p.csv", "", "", DefaultSuite());
  ASSERT_TRUE(b.ok()) << b.status().message();
  auto latest = b->Latest("3.3", 2022);
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0]->value, 21.5);  // 2023-24 is after 2022-23
  EXPECT_EQ(latest[1]->area_name, "London");
  EXPECT_EQ(b->Latest("3.3", 2025)[0]->value, 22.0);
  EXPECT_TRUE(b->Latest("3.3", 2020).empty());
  EXPECT_TRUE(b->Latest("4.3", 2025).empty());
}

TEST(BenchmarksTest, MistakesNameFileLineFieldAndRule) {
  EXPECT_EQ(ErrorOf("indicator,year\n"), "p.csv:1: the header must be: indicator,year,area_code,area_name,value,source,note");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "99.1,2021-22,E,England,1,https://a,\n"),
            "p.csv:2: indicator '99.1': the suite has no such indicator");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "3.3,2021-23,E,England,1,https://a,\n"),
            "p.csv:2: year '2021-23': must be a financial year such as 2022-23");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "3.3,2021-22,E,England,2O,https://a,\n"), "p.csv:2: value '2O': must be a number");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "3.3,2021-22,E,England,2,,\n"), "p.csv:2: source '': every figure needs its source");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "3.3,2021-22,E,England,2,https://a,\n3.3,2021-22,E,England,3,https://a,\n"),
            "p.csv:3: year '2021-22': repeats the figure on line 2");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "3.3,2021-22,E,England,2\n"), "p.csv:2: row '': has 5 fields, not 7");
  EXPECT_EQ(ErrorOf(kHeader, "[[group]]\ncode = \"G\"\nname = \"G\"\n"), "g.toml:1: [[group]]: a group needs its councils' codes");
}

TEST(BenchmarksTest, QuartilesAreRType7) {
  std::vector<double> v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(Quantile(v, 0.25), 3.25);
  EXPECT_DOUBLE_EQ(Quantile(v, 0.5), 5.5);
  EXPECT_DOUBLE_EQ(Quantile(v, 0.75), 7.75);
  EXPECT_DOUBLE_EQ(Quantile({4}, 0.75), 4);
}

TEST(BenchmarksTest, RankAndBandByPolarity) {
  std::vector<double> all = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  Standing high = StandingAmong(8, all, Polarity::kHigher);
  EXPECT_EQ(high.rank, 3);
  EXPECT_EQ(high.of, 10);
  EXPECT_EQ(high.band, 'A');  // 8 >= Q3 7.75
  Standing low = StandingAmong(8, all, Polarity::kLower);
  EXPECT_EQ(low.rank, 8);
  EXPECT_EQ(low.band, 'D');   // 8 > Q3
  EXPECT_EQ(StandingAmong(5.5, all, Polarity::kLower).band, 'B');   // exactly the median: (Q1, Q2]
  EXPECT_EQ(StandingAmong(3.25, all, Polarity::kLower).band, 'A');  // exactly Q1: [min, Q1]
  std::vector<double> ties = {5, 5, 7, 3};
  EXPECT_EQ(StandingAmong(5, ties, Polarity::kHigher).rank, 2);  // both 5s rank 2
  Standing neither = StandingAmong(5, ties, Polarity::kNeither);
  EXPECT_EQ(neither.rank, 0);
  EXPECT_EQ(neither.band, 0);
  EXPECT_DOUBLE_EQ(neither.median, 5);
  EXPECT_EQ(StandingAmong(NAN, ties, Polarity::kHigher).of, 0);
  EXPECT_EQ(StandingAmong(5, {NAN, 5}, Polarity::kHigher).of, 1);  // no value is not ranked
}

}  // namespace
}  // namespace scrutiny
