#pragma once
// WorkingCalendar counts working days (Monday to Friday, less England and
// Wales bank holidays and any closure days a council adds) in constant time.

#include <cstdint>
#include <vector>

#include "core/date.h"

namespace scrutiny {

// How a working-day difference treats its first day.
enum class DayCount {
  kExcludeStart,  // DfE statistics: days after the start up to and including the end; same day = 0
  kIncludeStart,  // both ends counted, as Excel NETWORKDAYS; same working day = 1
};

class WorkingCalendar {
 public:
  // England and Wales bank holidays only; covers 1990 to 2060 in O(1), any date more slowly.
  WorkingCalendar();
  // Bank holidays plus a council's own closure days (e.g. 27-31 December).
  explicit WorkingCalendar(const std::vector<Date>& closures);

  bool IsWorkingDay(Date d) const;
  // Working days from start to end by the convention; negative if end is before start.
  int WorkingDaysBetween(Date start, Date end, DayCount count = DayCount::kExcludeStart) const;
  // The n-th working day after start (n >= 0; n = 0 is start itself).
  Date AddWorkingDays(Date start, int n) const;

 private:
  // Working days in [first_, d], for d inside the table.
  int64_t CountThrough(Date d) const;
  bool InTable(Date d) const { return d >= first_ && d <= last_; }

  Date first_, last_;
  std::vector<int32_t> through_;    // through_[i] = working days in [first_, first_ + i]
  std::vector<Date> extra_closures_;  // sorted; consulted only outside the table
};

}  // namespace scrutiny
