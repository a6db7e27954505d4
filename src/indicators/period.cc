#include "indicators/period.h"

#include <charconv>

#include <fmt/format.h>

namespace scrutiny {
namespace {

Date LastOfMonth(int year, int month) { return Date::FromCivil(year, month, DaysInMonth(year, month)); }

bool ParseInt(std::string_view s, int& out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size();
}

Status Bad(std::string_view text) {
  return Status::InvalidInput(fmt::format(
      "period '{}' is not one of YYYY-MM, YYYY-YY (financial year), YYYY-YY-Qn, YYYY-MM-YTD, YYYY-MM-R12 or YYYY-MM-DD", text));
}

}  // namespace

Date MonthsBefore(Date last, int months) {
  // The day after the same day `months` months earlier: 31 Mar -> 1 Apr a year before.
  Date next = last.AddDays(1);
  return Date::FromCivil(next.year(), next.month(), 1) == next ? next.AddMonths(-months)
                                                               : last.AddMonths(-months).AddDays(1);
}

Period Period::Month(int year, int month) {
  return {PeriodKind::kMonth, Date::FromCivil(year, month, 1), LastOfMonth(year, month),
          fmt::format("{:04}-{:02}", year, month)};
}

Period Period::Quarter(int fy, int q) {
  FinancialYear y{fy};
  return {PeriodKind::kQuarter, y.QuarterFirstDay(q), y.QuarterLastDay(q), fmt::format("{}-Q{}", y.Label(), q)};
}

Period Period::Year(int fy) {
  FinancialYear y{fy};
  return {PeriodKind::kYear, y.first_day(), y.last_day(), y.Label()};
}

Period Period::YearToDate(int year, int month) {
  Date last = LastOfMonth(year, month);
  return {PeriodKind::kYearToDate, FinancialYear::Of(last).first_day(), last, fmt::format("{:04}-{:02}-YTD", year, month)};
}

Period Period::Rolling12(int year, int month) {
  Date last = LastOfMonth(year, month);
  return {PeriodKind::kRolling12, MonthsBefore(last, 12), last, fmt::format("{:04}-{:02}-R12", year, month)};
}

Period Period::AsAt(Date d) { return {PeriodKind::kDate, d, d, d.ToIso()}; }

Result<Period> Period::Parse(std::string_view text) {
  bool fy_prefix = text.starts_with("FY");
  if (fy_prefix) text.remove_prefix(2);
  int year = 0, second = 0;
  if (text.size() < 7 || text[4] != '-' || !ParseInt(text.substr(0, 4), year) || year < 1990 || year > 2059 ||
      !ParseInt(text.substr(5, 2), second))
    return Bad(text);
  std::string_view rest = text.substr(7);
  bool fy = second == (year + 1) % 100;
  if (fy_prefix && !fy) return Bad(text);
  if (rest.empty()) {
    if (!fy_prefix && second >= 1 && second <= 12) return Month(year, second);
    if (fy) return Year(year);
    return Bad(text);
  }
  if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q' && fy && rest[2] >= '1' && rest[2] <= '4')
    return Quarter(year, rest[2] - '0');
  if (second < 1 || second > 12) return Bad(text);
  if (rest == "-YTD") return YearToDate(year, second);
  if (rest == "-R12") return Rolling12(year, second);
  if (auto d = Date::ParseIso(text)) return AsAt(*d);
  return Bad(text);
}

Period Period::Previous() const {
  Date before = first.AddDays(-1);
  switch (kind) {
    case PeriodKind::kMonth: return Month(before.year(), before.month());
    case PeriodKind::kQuarter: {
      FinancialYear y = FinancialYear::Of(before);
      return Quarter(y.start_year, FinancialYear::QuarterOf(before));
    }
    case PeriodKind::kYear: return Year(FinancialYear::Of(before).start_year);
    case PeriodKind::kYearToDate:
    case PeriodKind::kRolling12: {
      Date prev_month = Date::FromCivil(last.year(), last.month(), 1).AddDays(-1);
      return kind == PeriodKind::kYearToDate ? YearToDate(prev_month.year(), prev_month.month())
                                             : Rolling12(prev_month.year(), prev_month.month());
    }
    case PeriodKind::kDate: return AsAt(before);
  }
  return *this;
}

Period Period::YearEarlier() const {
  switch (kind) {
    case PeriodKind::kMonth: return Month(last.year() - 1, last.month());
    case PeriodKind::kQuarter: return Quarter(FinancialYear::Of(first).start_year - 1, FinancialYear::QuarterOf(first));
    case PeriodKind::kYear: return Year(FinancialYear::Of(first).start_year - 1);
    case PeriodKind::kYearToDate: return YearToDate(last.year() - 1, last.month());
    case PeriodKind::kRolling12: return Rolling12(last.year() - 1, last.month());
    case PeriodKind::kDate: return AsAt(last.AddMonths(-12));
  }
  return *this;
}

int Period::months() const {
  if (kind == PeriodKind::kDate) return 0;
  return (last.year() - first.year()) * 12 + last.month() - first.month() + 1;
}

std::vector<Period> History(const Period& last, int n) {
  std::vector<Period> out;
  Period p = last;
  for (int i = 0; i < n; ++i) {
    out.push_back(p);
    p = p.Previous();
  }
  return {out.rbegin(), out.rend()};
}

}  // namespace scrutiny
