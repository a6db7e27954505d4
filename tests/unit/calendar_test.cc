#include <gtest/gtest.h>

#include <map>

#include "core/bank_holidays.h"
#include "core/working_calendar.h"

namespace scrutiny {
namespace {

Date D(const char* iso) { return *Date::ParseIso(iso); }

std::vector<std::string> Iso(const std::vector<Date>& days) {
  std::vector<std::string> out;
  for (Date d : days) out.push_back(d.ToIso());
  return out;
}

// The England and Wales lists published on GOV.UK (bank-holidays.json).
TEST(BankHolidays, MatchPublishedListFor2018To2026) {
  const std::map<int, std::vector<std::string>> published = {
      {2018, {"2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25", "2018-12-26"}},
      {2019, {"2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25", "2019-12-26"}},
      {2020, {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"}},
      {2021, {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"}},
      {2022, {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
              "2022-09-19", "2022-12-26", "2022-12-27"}},
      {2023, {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
              "2023-12-25", "2023-12-26"}},
      {2024, {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"}},
      {2025, {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"}},
      {2026, {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"}},
  };
  for (const auto& [year, days] : published) EXPECT_EQ(Iso(EnglandWalesBankHolidays(year)), days) << year;
}

TEST(BankHolidays, OneOffDaysOfEarlierYears) {
  auto y2002 = Iso(EnglandWalesBankHolidays(2002));
  EXPECT_NE(std::find(y2002.begin(), y2002.end(), "2002-06-03"), y2002.end());
  EXPECT_NE(std::find(y2002.begin(), y2002.end(), "2002-06-04"), y2002.end());
  EXPECT_EQ(std::find(y2002.begin(), y2002.end(), "2002-05-27"), y2002.end());
  auto y2011 = Iso(EnglandWalesBankHolidays(2011));
  EXPECT_NE(std::find(y2011.begin(), y2011.end(), "2011-04-29"), y2011.end());
  auto y2012 = Iso(EnglandWalesBankHolidays(2012));
  EXPECT_NE(std::find(y2012.begin(), y2012.end(), "2012-06-05"), y2012.end());
}

TEST(BankHolidays, EveryYearFrom2000To2040HasEightRegularDaysOnWeekdays) {
  for (int y = 2000; y <= 2040; ++y) {
    auto days = EnglandWalesBankHolidays(y);
    EXPECT_GE(days.size(), 8u) << y;
    for (Date d : days) EXPECT_FALSE(d.is_weekend()) << d.ToIso();
  }
}

TEST(BankHolidays, Easter) {
  EXPECT_EQ(EasterSunday(2000).ToIso(), "2000-04-23");
  EXPECT_EQ(EasterSunday(2024).ToIso(), "2024-03-31");
  EXPECT_EQ(EasterSunday(2038).ToIso(), "2038-04-25");
}

// Worked examples of the DfE convention (start day excluded).
TEST(WorkingCalendar, DfeConvention) {
  WorkingCalendar cal;
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-03-28"), D("2024-04-02")), 1);  // Good Friday and Easter Monday skipped
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-05-01"), D("2024-05-01")), 0);  // same day
  EXPECT_EQ(cal.AddWorkingDays(D("2024-03-21"), 45).ToIso(), "2024-05-29");
  EXPECT_EQ(cal.AddWorkingDays(D("2024-12-16"), 15).ToIso(), "2025-01-09");
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-03-21"), D("2024-05-29")), 45);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-03-21"), D("2024-05-30")), 46);
}

TEST(WorkingCalendar, WeekendsAndReversedDates) {
  WorkingCalendar cal;
  EXPECT_EQ(cal.WorkingDaysBetween(D("2025-11-21"), D("2025-11-24")), 1);  // Fri to Mon
  EXPECT_EQ(cal.WorkingDaysBetween(D("2025-11-22"), D("2025-11-23")), 0);  // Sat to Sun
  EXPECT_EQ(cal.WorkingDaysBetween(D("2025-11-24"), D("2025-11-21")), -1);
  EXPECT_FALSE(cal.IsWorkingDay(D("2025-12-25")));
  EXPECT_TRUE(cal.IsWorkingDay(D("2025-12-24")));
}

TEST(WorkingCalendar, InclusiveConvention) {
  WorkingCalendar cal;
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-05-01"), D("2024-05-01"), DayCount::kIncludeStart), 1);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-05-04"), D("2024-05-04"), DayCount::kIncludeStart), 0);  // Saturday
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-03-28"), D("2024-04-02"), DayCount::kIncludeStart), 2);
}

TEST(WorkingCalendar, CouncilClosureDays) {
  WorkingCalendar cal({D("2024-12-27"), D("2024-12-30"), D("2024-12-31")});
  EXPECT_EQ(cal.AddWorkingDays(D("2024-12-16"), 15).ToIso(), "2025-01-14");
  EXPECT_FALSE(cal.IsWorkingDay(D("2024-12-30")));
}

TEST(WorkingCalendar, LeapDayAndYearEnd) {
  WorkingCalendar cal;
  EXPECT_TRUE(cal.IsWorkingDay(D("2024-02-29")));
  EXPECT_EQ(cal.WorkingDaysBetween(D("2024-02-28"), D("2024-03-01")), 2);
  EXPECT_EQ(cal.WorkingDaysBetween(D("2023-12-22"), D("2024-01-02")), 4);  // 25, 26 Dec and 1 Jan closed
}

TEST(WorkingCalendar, DatesOutsideTheTableCountTheSameWay) {
  WorkingCalendar cal;
  EXPECT_EQ(cal.WorkingDaysBetween(D("2070-06-01"), D("2070-06-08")), 5);
  EXPECT_FALSE(cal.IsWorkingDay(D("2070-12-25")));
}

// Every difference agrees with counting one day at a time.
TEST(WorkingCalendar, FastCountAgreesWithDayByDay) {
  WorkingCalendar cal;
  Date start = D("2019-12-01");
  int running = 0;
  for (int i = 1; i < 1200; ++i) {
    Date d = start.AddDays(i);
    running += cal.IsWorkingDay(d);
    ASSERT_EQ(cal.WorkingDaysBetween(start, d), running) << d.ToIso();
  }
}

}  // namespace
}  // namespace scrutiny
