#include "core/bank_holidays.h"

#include <algorithm>

namespace scrutiny {
namespace {

Date FirstMonday(int year, int month) {
  Date d = Date::FromCivil(year, month, 1);
  while (d.weekday() != Weekday::kMonday) d = d.AddDays(1);
  return d;
}

Date LastMonday(int year, int month) {
  Date d = Date::FromCivil(year, month, DaysInMonth(year, month));
  while (d.weekday() != Weekday::kMonday) d = d.AddDays(-1);
  return d;
}

// The next weekday on or after d that is not already taken.
Date Substitute(Date d, const std::vector<Date>& taken) {
  while (d.is_weekend() || std::find(taken.begin(), taken.end(), d) != taken.end()) d = d.AddDays(1);
  return d;
}

struct Move { int year, month, day, to_month, to_day; };
// Regular holidays moved by proclamation (early May and spring bank holidays).
constexpr Move kMoved[] = {
    {1995, 5, 1, 5, 8},   // VE Day 50th anniversary
    {2002, 5, 27, 6, 4},  // Golden Jubilee
    {2012, 5, 28, 6, 4},  // Diamond Jubilee
    {2020, 5, 4, 5, 8},   // VE Day 75th anniversary
    {2022, 5, 30, 6, 2},  // Platinum Jubilee
};

struct OneOff { int year, month, day; };
constexpr OneOff kOneOffs[] = {
    {1999, 12, 31},  // Millennium
    {2002, 6, 3},    // Golden Jubilee
    {2011, 4, 29},   // Royal wedding
    {2012, 6, 5},    // Diamond Jubilee
    {2022, 6, 3},    // Platinum Jubilee
    {2022, 9, 19},   // State funeral of Queen Elizabeth II
    {2023, 5, 8},    // Coronation of King Charles III
};

Date ApplyMoves(Date d) {
  for (const Move& m : kMoved)
    if (d == Date::FromCivil(m.year, m.month, m.day)) return Date::FromCivil(m.year, m.to_month, m.to_day);
  return d;
}

}  // namespace

Date EasterSunday(int y) {
  int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return Date::FromCivil(y, month, day);
}

std::vector<Date> EnglandWalesBankHolidays(int year) {
  std::vector<Date> days;
  days.push_back(Substitute(Date::FromCivil(year, 1, 1), days));
  Date easter = EasterSunday(year);
  days.push_back(easter.AddDays(-2));
  days.push_back(easter.AddDays(1));
  days.push_back(ApplyMoves(FirstMonday(year, 5)));
  days.push_back(ApplyMoves(LastMonday(year, 5)));
  days.push_back(LastMonday(year, 8));
  days.push_back(Substitute(Date::FromCivil(year, 12, 25), days));
  days.push_back(Substitute(Date::FromCivil(year, 12, 26), days));
  for (const OneOff& o : kOneOffs)
    if (o.year == year) days.push_back(Date::FromCivil(o.year, o.month, o.day));
  std::sort(days.begin(), days.end());
  return days;
}

}  // namespace scrutiny
