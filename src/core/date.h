#pragma once
// Date is a civil (proleptic Gregorian) calendar day with no time or zone,
// stored as a count of days since 1970-01-01 so that differences are cheap.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scrutiny {

enum class Weekday { kMonday = 0, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days) { Date d; d.days_ = days; return d; }
  // Builds a date; the caller guarantees month 1-12 and a day that exists.
  static Date FromCivil(int year, int month, int day);
  // True if year-month-day names a real day.
  static bool IsValid(int year, int month, int day);
  // Parses YYYY-MM-DD strictly (ISO 8601 calendar date).
  static std::optional<Date> ParseIso(std::string_view text);
  // Parses DD/MM/YYYY, the form of the SSDA903 and Annex A files.
  static std::optional<Date> ParseDmy(std::string_view text);

  int32_t days() const { return days_; }
  // Year, month and day at once (cheaper than year(), month() and day()).
  struct Parts { int year, month, day; };
  Parts parts() const;
  int year() const;
  int month() const;
  int day() const;
  Weekday weekday() const;
  bool is_weekend() const { return weekday() >= Weekday::kSaturday; }
  std::string ToIso() const;
  // DD/MM/YYYY, the form of the SSDA903 files.
  std::string ToDmy() const;

  Date AddDays(int n) const { return FromDays(days_ + n); }
  // Same day n months on, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }
  // Whole years from birth to this date (age on this date).
  int YearsSince(Date birth) const;

  friend constexpr auto operator<=>(Date, Date) = default;
  friend constexpr int operator-(Date a, Date b) { return a.days_ - b.days_; }

 private:
  int32_t days_ = 0;
};

int DaysInMonth(int year, int month);
bool IsLeapYear(int year);

// A financial year runs 1 April to 31 March; it is named by the year it starts
// (2021 = 2021-22).
struct FinancialYear {
  int start_year;
  static FinancialYear Of(Date d);
  Date first_day() const { return Date::FromCivil(start_year, 4, 1); }
  Date last_day() const { return Date::FromCivil(start_year + 1, 3, 31); }
  std::string Label() const;  // "2021-22"
  // Quarter 1 (Apr-Jun) to 4 (Jan-Mar) of a date inside this year.
  static int QuarterOf(Date d);
  Date QuarterFirstDay(int quarter) const;
  Date QuarterLastDay(int quarter) const;
};

}  // namespace scrutiny
