#include <gtest/gtest.h>

#include "core/date.h"

namespace scrutiny {
namespace {

TEST(Date, ParsesAndPrintsIso) {
  auto d = Date::ParseIso("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 29);
  EXPECT_EQ(d->ToIso(), "2024-02-29");
}

TEST(Date, RejectsWhatIsNotADay) {
  for (const char* bad : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "01/02/2024", "2024-01-32", "", "abcd-ef-gh", "2024-01-01x"})
    EXPECT_FALSE(Date::ParseIso(bad)) << bad;
}

TEST(Date, ParsesEveryDayOfTheTableYearsAndBeyondAlike) {
  for (const char* ok : {"1900-02-28", "2000-02-29", "2099-12-31", "2100-01-01", "1899-12-31", "0001-01-01"})
    EXPECT_EQ(Date::ParseIso(ok)->ToIso(), ok);
  for (const char* bad : {"1900-02-29", "2100-02-29", "2023-04-31", "1899-02-29"}) EXPECT_FALSE(Date::ParseIso(bad)) << bad;
  for (Date d = Date::FromCivil(1899, 12, 1); d <= Date::FromCivil(2100, 1, 31); d = d.AddDays(1))
    ASSERT_EQ(Date::ParseIso(d.ToIso()), d) << d.ToIso();
}

TEST(Date, ParsesDayMonthYear) {
  EXPECT_EQ(Date::ParseDmy("31/03/2025")->ToIso(), "2025-03-31");
  EXPECT_FALSE(Date::ParseDmy("31/02/2025"));
}

TEST(Date, Weekdays) {
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).weekday(), Weekday::kThursday);
  EXPECT_EQ(Date::FromCivil(2026, 11, 23).weekday(), Weekday::kMonday);
  EXPECT_EQ(Date::FromCivil(1969, 12, 28).weekday(), Weekday::kSunday);
}

TEST(Date, MonthArithmeticClampsToMonthEnd) {
  EXPECT_EQ(Date::FromCivil(2024, 1, 31).AddMonths(1).ToIso(), "2024-02-29");
  EXPECT_EQ(Date::FromCivil(2023, 1, 31).AddMonths(1).ToIso(), "2023-02-28");
  EXPECT_EQ(Date::FromCivil(2024, 2, 29).AddYears(1).ToIso(), "2025-02-28");
  EXPECT_EQ(Date::FromCivil(2024, 11, 15).AddMonths(-12).ToIso(), "2023-11-15");
}

TEST(Date, AgeInWholeYears) {
  Date birth = Date::FromCivil(2008, 2, 29);
  EXPECT_EQ(Date::FromCivil(2026, 2, 28).YearsSince(birth), 17);
  EXPECT_EQ(Date::FromCivil(2026, 3, 1).YearsSince(birth), 18);
}

TEST(FinancialYear, YearsAndQuarters) {
  FinancialYear fy = FinancialYear::Of(Date::FromCivil(2022, 3, 31));
  EXPECT_EQ(fy.start_year, 2021);
  EXPECT_EQ(fy.Label(), "2021-22");
  EXPECT_EQ(FinancialYear::Of(Date::FromCivil(2022, 4, 1)).start_year, 2022);
  EXPECT_EQ(FinancialYear::QuarterOf(Date::FromCivil(2021, 4, 1)), 1);
  EXPECT_EQ(FinancialYear::QuarterOf(Date::FromCivil(2021, 9, 30)), 2);
  EXPECT_EQ(FinancialYear::QuarterOf(Date::FromCivil(2021, 12, 31)), 3);
  EXPECT_EQ(FinancialYear::QuarterOf(Date::FromCivil(2022, 1, 1)), 4);
  EXPECT_EQ(fy.QuarterFirstDay(3).ToIso(), "2021-10-01");
  EXPECT_EQ(fy.QuarterLastDay(4).ToIso(), "2022-03-31");
}

}  // namespace
}  // namespace scrutiny
