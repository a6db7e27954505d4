#include "indicators/period.h"

#include <gtest/gtest.h>

namespace scrutiny {
namespace {

Date D(const char* iso) { return *Date::ParseIso(iso); }

TEST(PeriodTest, ParsesEveryKind) {
  auto month = Period::Parse("2024-02");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->first, D("2024-02-01"));
  EXPECT_EQ(month->last, D("2024-02-29"));  // leap year
  auto year = Period::Parse("2021-22");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->first, D("2021-04-01"));
  EXPECT_EQ(year->last, D("2022-03-31"));
  auto quarter = Period::Parse("2021-22-Q4");
  ASSERT_TRUE(quarter.ok());
  EXPECT_EQ(quarter->first, D("2022-01-01"));
  EXPECT_EQ(quarter->last, D("2022-03-31"));
  auto ytd = Period::Parse("2021-10-YTD");
  ASSERT_TRUE(ytd.ok());
  EXPECT_EQ(ytd->first, D("2021-04-01"));
  EXPECT_EQ(ytd->last, D("2021-10-31"));
  auto r12 = Period::Parse("2021-10-R12");
  ASSERT_TRUE(r12.ok());
  EXPECT_EQ(r12->first, D("2020-11-01"));
  EXPECT_EQ(r12->last, D("2021-10-31"));
  auto date = Period::Parse("2021-10-15");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->first, date->last);
}

TEST(PeriodTest, FinancialYearPrefixResolvesAmbiguity) {
  auto month = Period::Parse("2010-11");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->kind, PeriodKind::kMonth);
  auto year = Period::Parse("FY2010-11");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->kind, PeriodKind::kYear);
  EXPECT_EQ(year->first, D("2010-04-01"));
}

TEST(PeriodTest, RejectsNonsense) {
  for (const char* bad : {"", "2021", "2021-13", "2021-23", "2021-22-Q5", "2021-10-XYZ", "FY2021-10", "abcd-ef", "2021-02-30"})
    EXPECT_FALSE(Period::Parse(bad).ok()) << bad;
}

TEST(PeriodTest, HistoryStepsBackOneOfItsKind) {
  auto h = History(*Period::Parse("2021-03"), 3);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].label, "2021-01");
  EXPECT_EQ(h[2].label, "2021-03");
  auto q = History(*Period::Parse("2021-22-Q1"), 2);
  EXPECT_EQ(q[0].label, "2020-21-Q4");
  auto y = History(*Period::Parse("2021-22"), 5);
  EXPECT_EQ(y[0].label, "2017-18");
  auto r = History(*Period::Parse("2021-03-R12"), 2);
  EXPECT_EQ(r[0].label, "2021-02-R12");
  EXPECT_EQ(r[0].first, D("2020-03-01"));
}

TEST(PeriodTest, MonthsBeforeAMonthEnd) {
  EXPECT_EQ(MonthsBefore(D("2025-03-31"), 12), D("2024-04-01"));
  EXPECT_EQ(MonthsBefore(D("2024-02-29"), 12), D("2023-03-01"));
  EXPECT_EQ(MonthsBefore(D("2021-10-15"), 12), D("2020-10-16"));
}

}  // namespace
}  // namespace scrutiny

namespace scrutiny {
namespace {

TEST(PeriodYearEarlierTest, SameKindAYearBefore) {
  for (auto [now, before] : std::vector<std::pair<std::string, std::string>>{
           {"2025-10", "2024-10"}, {"2025-26-Q3", "2024-25-Q3"}, {"2025-26", "2024-25"},
           {"2025-10-YTD", "2024-10-YTD"}, {"2025-10-R12", "2024-10-R12"}, {"2024-02-29", "2023-02-28"}})
    EXPECT_EQ(Period::Parse(now)->YearEarlier().label, Period::Parse(before)->label) << now;
  EXPECT_EQ(Period::Parse("2025-10-YTD")->months(), 7);
  EXPECT_EQ(Period::Parse("2025-26")->months(), 12);
  EXPECT_EQ(Period::Parse("2025-10-15")->months(), 0);
  EXPECT_EQ(Period::Parse("2025-26-Q4")->LastMonth().label, "2026-03");
}

}  // namespace
}  // namespace scrutiny
