#include "indicators/suite_doc.h"

#include <fmt/format.h>

#include "indicators/breakdown.h"

namespace scrutiny {
namespace {

constexpr const char* kVocabulary = R"(## How an indicator is defined

Each `[[indicator]]` table in the suite file has:

| key | meaning |
|---|---|
| `number` | its number in the suite, e.g. `4.3` |
| `title`, `area` | what it is called and the service area it belongs to |
| `unit` | `count`, `percentage`, `rate` (per 10,000 children aged 0 to 17), `days` (an average number of days) or `average` |
| `polarity` | `higher` or `lower` (is better), or `neither` |
| `records` | the record type counted (see docs/formats.md) |
| `measure` | which records count for a period (below) |
| `date` | for event measures: the date that places a record in a period |
| `start`, `end` | for snapshot and cohort measures: when a record opens and closes (default: the record type's own, e.g. `decom` and `dec`) |
| `cohort_months` | for `cohort`: how long a record must have been open |
| `where` | conditions every counted record meets |
| `count` | `records` (default), `children` (each child once per period and group) or `sum FIELD` (e.g. `sum fte`) |
| `numerator` | percentages: the conditions a counted record meets to be in the numerator |
| `[indicator.denominator]` | percentages whose denominator is other records: a table with its own `records`, `measure`, `date`, `where` and `count`; the records above (meeting `numerator`, if given) are then the numerator |
| `complement` | `true` to report 100 minus the percentage (a vacancy rate from posts filled) |
| `value` | `days` and `average`: the value averaged over the counted records; with `count = "sum FIELD"`, summed and divided by the sum of FIELD (cases per FTE) |
| `per`, `statistic` | `average` per value of a field, e.g. children per `worker_id`: the `mean`, `median`, `min` or `max` of the counts |
| `bands` | breakdowns by bands of a value: `{ name, value, edges, labels }`; band *i* holds values from edge *i-1* up to but not including edge *i* |
| `breakdowns` | the breakdowns offered, if not every one that applies |
| `years` | financial years it applies to, by starting year: `2023-` or `2019-2022`; other periods show no value |
| `definition`, `source` | the definition in words and where it comes from |

### Measures

| measure | a record counts in a period when |
|---|---|
| `events` | its `date` falls in the period |
| `rolling12` | its `date` falls in the 12 months ending on the period's last day |
| `rolling36` | its `date` falls in the 36 months ending on the period's last day |
| `ytd` | its `date` falls between 1 April and the period's last day |
| `snapshot` | it is open on the period's last day (the as-at date): `start` on or before it, `end` empty or after it |
| `cohort` | it is open on the as-at date and its `start` is at least `cohort_months` months before it |
| `all` | always (records without dates, such as teams) |

Periods are months (`2021-10`), financial quarters (`2021-22-Q3`) and years (`2021-22`),
years to date (`2021-10-YTD`), rolling 12 months (`2021-10-R12`) and dates (`2021-10-15`).

### Conditions and values

Conditions are text, joined with `and`, `or`, `not` and brackets:

| form | example |
|---|---|
| field compared with a code or flag | `nfa = Y`, `outcome = REF`, `rec != X1` |
| field in a list of codes | `ls not in (V3, V4)`, `place in (U1, U4)` |
| field with or without a value | `placement_distance_miles is set`, `end_date is missing` |
| a field of several codes containing one | `child.disability has AUT` |
| numbers and dates compared | `placement_distance_miles > 20`, `icpc_date >= strategy_discussion_date` |
| a field of a linked record | `child.sex = F`, `worker.agency = Y`, `child.la_code` (through a field such as `child_id` or `worker_id`; `council` for `la_code`) |
| an earlier record of the same child | `previous referrals within 12 months`, `previous cp_plans` (dated before this record's own date) |

Values:

| value | meaning |
|---|---|
| `days(a, b)` | calendar days from date a to date b |
| `working_days(a, b)` | working days after a up to and including b (England and Wales bank holidays excluded); same day = 0 |
| `months(a, b)`, `years(a, b)` | whole months or years from a to b |
| `age`, `age(date)` | the child's age in whole years at the record's date (events) or the as-at date (snapshots), or at a date |
| `as_at`, `period_start` | the last and first day of the counting window |
| `date + N unit`, `date - N unit` | a date moved by `days`, `working_days`, `months` or `years` |
| `latest TYPE[condition].date_field` | the latest related record on or before the as-at date, e.g. `latest visits[plan = CP].visit_date`; related means linked to this record (a review to its plan, a supervision to its worker) or else about the same child |
| `count TYPE[condition] from date` | related records on or before the as-at date and after `date` (records with an end date: open at any time since `date`) |

The `[condition]` and `.date_field` parts are optional; the date is the record type's main date.
Derived dates of `looked_after_episodes`: `care_start`, the first day of the period of care
the episode belongs to, and `placement_start`, the first day of its placement (an episode with
RNE L continues the placement before it).

Any comparison with a missing value is false, so a record with a missing date is never in a
numerator that tests that date, but stays in the denominator.

### Breakdowns

`council`, `team`, `worker` (the record's own, else its worker's), `age_band` (under 1, 1 to 4,
5 to 9, 10 to 15, 16 to 17, 18 and over, at the record's date or the as-at date), `sex`,
`ethnic_group`, `disability` (disabled or not), `uasc`, every coded field of the record type
(`source`, `outcome`, `place`, `ls`...), and the indicator's `bands`. A rate has a value only
for all records and for councils, whose population is known.
)";

std::string Code(const std::string& s) { return s.empty() ? "" : fmt::format("`{}`", s); }

std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : "; ") + Code(i);
  return out;
}

void WritePopulation(const Population& p, std::ostream& out) {
  out << fmt::format("| Records | `{}`, {} |\n", p.type->name, MeasureName(p.measure));
  if (!p.date.empty()) out << fmt::format("| Date | `{}` |\n", p.date);
  if (!p.start.empty()) out << fmt::format("| Open | from `{}`{} |\n", p.start, p.end.empty() ? "" : fmt::format(" until `{}`", p.end));
  if (p.cohort_months) out << fmt::format("| Cohort | open at least {} months |\n", p.cohort_months);
  if (!p.where.empty()) out << fmt::format("| Where | {} |\n", List(p.where));
  if (p.tally != Tally::kRecords) out << fmt::format("| Count | {} |\n", p.tally == Tally::kChildren ? "children" : "sum of `" + p.sum + "`");
}

}  // namespace

void WriteSuiteDoc(const Suite& suite, std::ostream& out) {
  out << "# Indicators\n\n<!-- Generated by `scrutiny indicators --doc`; do not edit by hand. -->\n\n";
  out << fmt::format("The default suite, `config/suites/scrutiny-dataset.toml`: {}. {}\n\n", suite.name, suite.description);
  out << kVocabulary << "\n## The indicators\n\n";
  std::string area;
  for (const Indicator& ind : suite.indicators) {
    if (ind.area != area) {
      area = ind.area;
      out << fmt::format("- **{}**: ", area);
      bool first = true;
      for (const Indicator& i : suite.indicators)
        if (i.area == area) {
          out << fmt::format("{}[{} {}](#{})", first ? "" : ", ", i.number, i.title, "i-" + i.number);
          first = false;
        }
      out << "\n";
    }
  }
  for (const Indicator& ind : suite.indicators) {
    std::string anchor = ind.number;
    out << fmt::format("\n### <a id=\"i-{}\"></a>{} {}\n\n{}\n\n| | |\n|---|---|\n", anchor, ind.number, ind.title, ind.definition);
    out << fmt::format("| Area | {} |\n| Unit | {} |\n| Polarity | {} |\n", ind.area, UnitName(ind.unit), PolarityName(ind.polarity));
    WritePopulation(ind.population, out);
    if (!ind.numerator.empty()) out << fmt::format("| Numerator | {} |\n", List(ind.numerator));
    if (ind.denominator) {
      out << "| Denominator | |\n";
      WritePopulation(*ind.denominator, out);
    }
    if (ind.complement) out << "| Reported | 100 minus the percentage |\n";
    if (!ind.value.empty()) out << fmt::format("| Value | average of `{}` |\n", ind.value);
    if (!ind.per.empty()) out << fmt::format("| Value | {} of records per `{}` |\n", ind.statistic, ind.per);
    if (ind.first_year > 0) out << fmt::format("| Years | from {}{} |\n", ind.first_year, ind.last_year < 9999 ? fmt::format(" to {}", ind.last_year) : "");
    out << fmt::format("| Breakdowns | {} |\n", fmt::join(Breakdown::Available(ind), ", "));
    out << fmt::format("| Source | {} |\n", ind.source);
  }
}

}  // namespace scrutiny
