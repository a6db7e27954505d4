#include "core/date.h"

#include <vector>

#include <fmt/format.h>

namespace scrutiny {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil { int y; unsigned m, d; };

Civil ComputeCivil(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// Year, month and day of each day from 1900 to 2099, where nearly every date
// in the records falls, packed as year << 9 | month << 5 | day.
constexpr int kTableFirstYear = 1900, kTableEndYear = 2100;

const std::vector<uint32_t>& CivilTable() {
  static const std::vector<uint32_t> table = [] {
    int32_t first = DaysFromCivil(kTableFirstYear, 1, 1), end = DaysFromCivil(kTableEndYear, 1, 1);
    std::vector<uint32_t> t(static_cast<size_t>(end - first));
    for (int32_t z = first; z < end; ++z) {
      Civil c = ComputeCivil(z);
      t[static_cast<size_t>(z - first)] = static_cast<uint32_t>(c.y) << 9 | c.m << 5 | c.d;
    }
    return t;
  }();
  return table;
}

Civil CivilFromDays(int32_t z) {
  static const int32_t first = DaysFromCivil(kTableFirstYear, 1, 1);
  const std::vector<uint32_t>& table = CivilTable();
  size_t i = static_cast<size_t>(static_cast<int64_t>(z) - first);
  if (i >= table.size()) return ComputeCivil(z);
  uint32_t packed = table[i];
  return {static_cast<int>(packed >> 9), packed >> 5 & 15, packed & 31};
}

// Reads exactly n ASCII digits; -1 if any is not a digit.
int Digits(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// The day number of the first of each month from January 1900 to January 2100.
const std::vector<int32_t>& MonthStarts() {
  static const std::vector<int32_t> starts = [] {
    std::vector<int32_t> t;
    for (int y = kTableFirstYear; y < kTableEndYear; ++y)
      for (unsigned m = 1; m <= 12; ++m) t.push_back(DaysFromCivil(y, m, 1));
    t.push_back(DaysFromCivil(kTableEndYear, 1, 1));
    return t;
  }();
  return starts;
}

std::optional<Date> Checked(int y, int m, int d) {
  if (y >= kTableFirstYear && y < kTableEndYear && m >= 1 && m <= 12 && d >= 1) {
    const std::vector<int32_t>& starts = MonthStarts();
    size_t i = static_cast<size_t>((y - kTableFirstYear) * 12 + m - 1);
    if (d > starts[i + 1] - starts[i]) return std::nullopt;
    return Date::FromDays(starts[i] + d - 1);
  }
  if (y < 0 || m < 0 || d < 0 || !Date::IsValid(y, m, d)) return std::nullopt;
  return Date::FromCivil(y, m, d);
}

}  // namespace

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool Date::IsValid(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

Date Date::FromCivil(int y, int m, int d) {
  return FromDays(DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::optional<Date> Date::ParseIso(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  return Checked(Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2));
}

std::optional<Date> Date::ParseDmy(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  return Checked(Digits(s, 6, 4), Digits(s, 3, 2), Digits(s, 0, 2));
}

Date::Parts Date::parts() const {
  Civil c = CivilFromDays(days_);
  return {c.y, static_cast<int>(c.m), static_cast<int>(c.d)};
}

int Date::year() const { return CivilFromDays(days_).y; }
int Date::month() const { return static_cast<int>(CivilFromDays(days_).m); }
int Date::day() const { return static_cast<int>(CivilFromDays(days_).d); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday.
  int w = (days_ % 7 + 7 + 3) % 7;
  return static_cast<Weekday>(w);
}

std::string Date::ToDmy() const {
  Civil c = CivilFromDays(days_);
  return fmt::format("{:02}/{:02}/{:04}", c.d, c.m, c.y);
}

std::string Date::ToIso() const {
  Civil c = CivilFromDays(days_);
  if (c.y < 0 || c.y > 9999) return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
  char s[10] = {static_cast<char>('0' + c.y / 1000), static_cast<char>('0' + c.y / 100 % 10),
                static_cast<char>('0' + c.y / 10 % 10), static_cast<char>('0' + c.y % 10), '-',
                static_cast<char>('0' + c.m / 10), static_cast<char>('0' + c.m % 10), '-',
                static_cast<char>('0' + c.d / 10), static_cast<char>('0' + c.d % 10)};
  return std::string(s, sizeof s);
}

Date Date::AddMonths(int n) const {
  Civil c = CivilFromDays(days_);
  int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
  int y = total / 12, m = total % 12 + 1;
  int d = std::min(static_cast<int>(c.d), DaysInMonth(y, m));
  return FromCivil(y, m, d);
}

int Date::YearsSince(Date birth) const {
  Civil now = CivilFromDays(days_), b = CivilFromDays(birth.days_);
  int years = now.y - b.y;
  if (now.m < b.m || (now.m == b.m && now.d < b.d)) --years;
  return years;
}

FinancialYear FinancialYear::Of(Date d) { return {d.month() >= 4 ? d.year() : d.year() - 1}; }

std::string FinancialYear::Label() const {
  return fmt::format("{}-{:02}", start_year, (start_year + 1) % 100);
}

int FinancialYear::QuarterOf(Date d) { return (d.month() + 8) % 12 / 3 + 1; }

Date FinancialYear::QuarterFirstDay(int q) const {
  return first_day().AddMonths(3 * (q - 1));
}

Date FinancialYear::QuarterLastDay(int q) const {
  return QuarterFirstDay(q).AddMonths(3).AddDays(-1);
}

}  // namespace scrutiny
