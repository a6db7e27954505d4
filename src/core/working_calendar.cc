#include "core/working_calendar.h"

#include <algorithm>

#include "core/bank_holidays.h"

namespace scrutiny {
namespace {

constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2060;

bool IsHoliday(Date d, const std::vector<Date>& closures) {
  if (std::binary_search(closures.begin(), closures.end(), d)) return true;
  auto hols = EnglandWalesBankHolidays(d.year());
  return std::find(hols.begin(), hols.end(), d) != hols.end();
}

}  // namespace

WorkingCalendar::WorkingCalendar() : WorkingCalendar(std::vector<Date>{}) {}

WorkingCalendar::WorkingCalendar(const std::vector<Date>& closures)
    : first_(Date::FromCivil(kFirstYear, 1, 1)),
      last_(Date::FromCivil(kLastYear, 12, 31)),
      extra_closures_(closures) {
  std::sort(extra_closures_.begin(), extra_closures_.end());
  std::vector<uint8_t> closed(static_cast<size_t>(last_ - first_ + 1), 0);
  for (int y = kFirstYear; y <= kLastYear; ++y)
    for (Date h : EnglandWalesBankHolidays(y)) closed[static_cast<size_t>(h - first_)] = 1;
  for (Date c : extra_closures_)
    if (InTable(c)) closed[static_cast<size_t>(c - first_)] = 1;
  through_.resize(closed.size());
  int32_t running = 0;
  for (size_t i = 0; i < closed.size(); ++i) {
    Date d = first_.AddDays(static_cast<int>(i));
    if (!closed[i] && !d.is_weekend()) ++running;
    through_[i] = running;
  }
}

bool WorkingCalendar::IsWorkingDay(Date d) const {
  if (d.is_weekend()) return false;
  if (InTable(d)) {
    size_t i = static_cast<size_t>(d - first_);
    return through_[i] != (i == 0 ? 0 : through_[i - 1]);
  }
  return !IsHoliday(d, extra_closures_);
}

int64_t WorkingCalendar::CountThrough(Date d) const {
  return through_[static_cast<size_t>(d - first_)];
}

int WorkingCalendar::WorkingDaysBetween(Date start, Date end, DayCount count) const {
  if (end < start) return -WorkingDaysBetween(end, start, count);
  int n = 0;
  if (InTable(start) && InTable(end)) {
    n = static_cast<int>(CountThrough(end) - CountThrough(start));
  } else {
    for (Date d = start.AddDays(1); d <= end; d = d.AddDays(1)) n += IsWorkingDay(d);
  }
  if (count == DayCount::kIncludeStart && IsWorkingDay(start)) ++n;
  return n;
}

Date WorkingCalendar::AddWorkingDays(Date start, int n) const {
  Date d = start;
  while (n > 0) {
    d = d.AddDays(1);
    if (IsWorkingDay(d)) --n;
  }
  return d;
}

}  // namespace scrutiny
