#pragma once
// Period is the span an indicator is reported for: a month, a financial
// quarter or year, a year to date, a rolling 12 months or a single as-at date.
// Events are counted inside [first, last]; snapshots are taken at last.

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace scrutiny {

enum class PeriodKind { kMonth, kQuarter, kYear, kYearToDate, kRolling12, kDate };

struct Period {
  PeriodKind kind;
  Date first;  // first day counted
  Date last;   // last day counted; the as-at date of snapshots
  std::string label;

  // Parses 2021-10 (month), 2021-22 (financial year), 2021-22-Q3 (quarter),
  // 2021-10-YTD (April to October 2021), 2021-10-R12 (Nov 2020 to Oct 2021),
  // 2021-10-15 (an as-at date). FY2010-11 names a financial year whose short
  // form would read as a month.
  static Result<Period> Parse(std::string_view text);
  static Period Month(int year, int month);
  static Period Quarter(int fy_start_year, int quarter);
  static Period Year(int fy_start_year);
  static Period YearToDate(int year, int month);
  static Period Rolling12(int year, int month);
  static Period AsAt(Date d);

  // The period of the same kind just before this one (a month earlier for
  // year to date and rolling 12 months, a day earlier for dates).
  Period Previous() const;
  // The period of the same kind a year before (the same month last year).
  Period YearEarlier() const;
  // The month that holds the last day.
  Period LastMonth() const { return Month(last.year(), last.month()); }
  // Whole months it spans (0 for an as-at date).
  int months() const;
};

// The n periods ending with `last`, oldest first.
std::vector<Period> History(const Period& last, int n);

// The window of `months` months ending on `last` (rolling 12, rolling 36).
Date MonthsBefore(Date last, int months);

}  // namespace scrutiny
