#include "report/headlines.h"

#include <cctype>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "indicators/value_format.h"

namespace scrutiny {

namespace {

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

std::string MonthWords(Date d) { return fmt::format("{} {}", kMonths[d.month() - 1], d.year()); }

bool IsSnapshot(const Indicator& ind) {
  Measure m = ind.population.measure;
  return m == Measure::kSnapshot || m == Measure::kCohort || m == Measure::kAll;
}

// "about the same as", "slightly higher than", "much lower than" for counts.
std::string CountComparison(const Comparison& c, double now) {
  if (c.direction.travel == Travel::kNoChange) return "about the same as";
  double before = c.cell.value;
  double share = before != 0 ? std::fabs(now - before) / std::fabs(before) : 1;
  std::string way = now > before ? "higher than" : "lower than";
  if (share < 0.1) return "slightly " + way;
  return share > 0.5 ? "much " + way : way;
}

// "up from 83.7% in December 2025" for values other than counts.
std::string ValueComparison(const Indicator& ind, const Comparison& c) {
  std::string before = fmt::format("{} in {}", FormatValue(ind, c.cell.value), PeriodWords(c.period));
  if (c.direction.travel == Travel::kNoChange) return "about the same as " + before;
  return (c.direction.change > 0 ? "up from " : "down from ") + before;
}

std::string TargetClause(const ScorecardLine& l) {
  if (!l.target || l.rag == Rag::kNone) return "";
  const Indicator& ind = *l.indicator;
  const Target& t = *l.target;
  if (!t.value) {
    std::string range = fmt::format("{} to {}", FormatValue(ind, *t.lower * l.pro_rata), FormatValue(ind, *t.upper * l.pro_rata));
    return l.rag == Rag::kGreen ? "; within the expected range of " + range : "; outside the expected range of " + range;
  }
  std::string target = FormatValue(ind, *t.value * l.pro_rata);
  if (l.rag == Rag::kGreen) return fmt::format("; meeting the {} target", target);
  bool higher = ind.polarity == Polarity::kHigher;
  std::string side = higher ? "below" : "above";
  return fmt::format("; {}{} the {} target", l.rag == Rag::kAmber ? "just " : "", side, target);
}

}  // namespace

std::string InSentence(const std::string& title) {
  if (title.size() > 1 && std::isupper(static_cast<unsigned char>(title[0])) &&
      std::islower(static_cast<unsigned char>(title[1])))
    return static_cast<char>(std::tolower(static_cast<unsigned char>(title[0]))) + title.substr(1);
  return title;
}

std::string PeriodWords(const Period& p) {
  switch (p.kind) {
    case PeriodKind::kMonth: return MonthWords(p.last);
    case PeriodKind::kQuarter:
      return fmt::format("Q{} {}", FinancialYear::QuarterOf(p.first), FinancialYear::Of(p.first).Label());
    case PeriodKind::kYear: return FinancialYear::Of(p.first).Label();
    case PeriodKind::kYearToDate: return fmt::format("April to {}", MonthWords(p.last));
    case PeriodKind::kRolling12: return fmt::format("the 12 months to {}", MonthWords(p.last));
    case PeriodKind::kDate: return fmt::format("{} {}", p.last.day(), MonthWords(p.last));
  }
  return p.label;
}

std::string Headline(const ScorecardLine& l, const Period& period) {
  const Indicator& ind = *l.indicator;
  double now = l.cell.value;
  std::string when = (IsSnapshot(ind) && period.kind != PeriodKind::kDate ? "at the end of " : "in ") + PeriodWords(period);
  if (period.kind == PeriodKind::kDate) when = "on " + PeriodWords(period);
  if (std::isnan(now)) return fmt::format("{}: no value {}.", ind.title, when);
  std::vector<std::string> against;
  for (const Comparison* c : {&l.previous, &l.last_year}) {
    if (c->direction.travel == Travel::kNone) continue;
    against.push_back(ind.unit == Unit::kCount
                          ? fmt::format("{} {} ({})", CountComparison(*c, now), PeriodWords(c->period), FormatValue(ind, c->cell.value))
                          : ValueComparison(ind, *c));
  }
  std::string movement = against.empty() ? "" : ", " + against[0] + (against.size() > 1 ? " and " + against[1] : "");
  std::string start = ind.unit == Unit::kCount ? fmt::format("{} {} {}", FormatValue(ind, now), InSentence(ind.title), when)
                                               : fmt::format("{}: {} {}", ind.title, FormatValue(ind, now), when);
  return start + movement + TargetClause(l) + ".";
}

}  // namespace scrutiny
