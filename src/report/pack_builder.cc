#include "report/pack_builder.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "indicators/fault_effect.h"
#include "indicators/value_format.h"
#include "report/headlines.h"

namespace scrutiny {

namespace {

const char* const kShortMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

PackFigure FigureOf(Unit unit, double v) {
  PackFigure f;
  f.value = v;
  f.shown = FormatValue(unit, v);
  f.percentage = unit == Unit::kPercentage;
  return f;
}

// A figure of an indicator's cell, with what disclosure control needs to know of it.
PackFigure FigureOf(const Indicator& ind, const Cell& c, const std::string& period, const std::string& group) {
  PackFigure f = FigureOf(ind.unit, c.value);
  f.key = fmt::format("{}|{}|{}|value", ind.number, period, group);
  if (ind.unit != Unit::kCount) f.numerator = c.numerator, f.denominator = c.denominator;
  return f;
}

// The numerator or denominator count of a cell.
PackFigure CountOf(const Indicator& ind, double v, const std::string& period, const std::string& group, const char* role) {
  PackFigure f = FigureOf(Unit::kCount, v);
  f.key = fmt::format("{}|{}|{}|{}", ind.number, period, group, role);
  return f;
}

PackFigure CountOf(double v) { return FigureOf(Unit::kCount, v); }

std::string TargetText(const ScorecardLine& l) {
  if (!l.target) return "";
  const Indicator& ind = *l.indicator;
  const Target& t = *l.target;
  if (t.value) return FormatValue(ind, *t.value * l.pro_rata);
  return FormatValue(ind, *t.lower * l.pro_rata) + " to " + FormatValue(ind, *t.upper * l.pro_rata);
}

std::string ForecastText(const ScorecardLine& l) {
  const Forecast& f = l.forecast;
  if (!f.ok()) return "";
  const Indicator& ind = *l.indicator;
  auto shown = [&](double v) { return FormatValue(ind, RoundAsShown(v, ind.unit)); };
  if (f.method == ForecastMethod::kActual) return shown(f.value) + " (the year's actual)";
  return fmt::format("{} ({:.0f}%: {} to {})", shown(f.value), f.coverage * 100, shown(f.low), shown(f.high));
}

std::string BenchmarkText(const ScorecardLine& l) {
  std::vector<std::string> parts;
  for (const BenchmarkComparison& b : l.benchmarks) {
    std::string when = b.year.empty() ? "" : " " + b.year;
    parts.push_back(fmt::format("{}{}: {}", b.name, when, FormatValue(*l.indicator, b.value)));
  }
  if (l.standing.rank > 0) parts.push_back(fmt::format("rank {} of {} (band {})", l.standing.rank, l.standing.of, l.standing.band));
  return fmt::format("{}", fmt::join(parts, "; "));
}

bool BelowExpectation(const ScorecardLine& l) {
  return l.rag == Rag::kRed || l.likelihood == Likelihood::kUnlikely ||
         (l.rag == Rag::kAmber && l.previous.direction.travel == Travel::kDeclined);
}

bool GoodPerformance(const ScorecardLine& l) {
  bool improving = l.spc.variation == Variation::kImprovementHigh || l.spc.variation == Variation::kImprovementLow;
  return l.rag == Rag::kGreen && (improving || l.spc.assurance == Assurance::kPass);
}

std::string MonthLabel(const Period& p) { return fmt::format("{} {}", kShortMonths[p.last.month() - 1], p.last.year()); }

// An SPC chart of an indicator's recent months.
PackChart SpcChartOf(const ScorecardLine& l) {
  const Indicator& ind = *l.indicator;
  PackChart c;
  c.title = fmt::format("{} {}, by month", ind.number, ind.title);
  c.unit = std::string(UnitName(ind.unit));
  for (size_t i = 0; i < l.spc.points.size(); ++i) {
    const SpcPoint& p = l.spc.points[i];
    c.labels.push_back(MonthLabel(l.spc_months[i]));
    c.values.push_back(FigureOf(ind, l.spc_cells[i], l.spc_months[i].label, "All"));
    c.point_variation.emplace_back(p.variation == Variation::kNone ? "" : std::string(VariationName(p.variation)));
    if (l.spc.run_chart) continue;
    c.mean.push_back(p.mean);
    c.upper_limit.push_back(p.upper_limit);
    c.lower_limit.push_back(p.lower_limit);
  }
  bool yearly_count = ind.unit == Unit::kCount && l.pro_rata != 1;
  if (l.target && l.target->value && !yearly_count) c.target = *l.target->value;
  c.variation_text = l.spc.Describe();
  c.alt = fmt::format("Line chart of {} by month from {} to {}{}, where {}.", InSentence(ind.title),
                      c.labels.empty() ? "" : c.labels.front(), c.labels.empty() ? "" : c.labels.back(),
                      l.spc.run_chart ? "" : " with its mean and process limits", c.variation_text);
  return c;
}

}  // namespace

PackBuilder::PackBuilder(const Dataset& data, PackInputs inputs)
    : in_(std::move(inputs)), scorecard_(data, {in_.suite, in_.targets, in_.benchmarks}) {}

Result<Pack> PackBuilder::Build(const std::string& council, const Period& period) {
  std::vector<const Indicator*> all;
  for (const Indicator& ind : in_.suite->indicators) all.push_back(&ind);
  auto card = scorecard_.Build(council, period, all);
  if (!card.ok()) return card.status();
  Pack pack;
  pack.council = card->council;
  pack.council_name = card->council_name;
  pack.committee = in_.config->committee;
  pack.period_label = PeriodWords(period);
  pack.period_code = period.label;
  pack.as_at = period.last.ToIso();
  pack.generated = in_.generated;
  pack.audience = in_.audience;
  pack.suppression_note = in_.audience == Audience::kConfidential
                              ? "Every figure is shown. This pack identifies small groups of children and is not for publication."
                              : "";
  AddIndicators(*card, pack);
  if (Status s = AddSections(*card, pack); !s.ok()) return s;
  if (Status s = AddQualityNotes(*card, pack); !s.ok()) return s;
  for (const Indicator& ind : in_.suite->indicators)
    pack.definitions.push_back({ind.number, ind.title, ind.definition, ind.source});
  return pack;
}

void PackBuilder::AddIndicators(const Scorecard& card, Pack& pack) {
  for (const ScorecardLine& l : card.lines) {
    const Indicator& ind = *l.indicator;
    PackIndicator p;
    p.number = ind.number;
    p.title = ind.title;
    p.area = ind.area;
    p.unit = std::string(UnitName(ind.unit));
    p.polarity = std::string(PolarityName(ind.polarity));
    const std::string& when = card.period.label;
    p.value = FigureOf(ind, l.cell, when, "All");
    if (ind.unit == Unit::kPercentage) {
      p.numerator = CountOf(ind, l.cell.numerator, when, "All", "numerator");
      p.denominator = CountOf(ind, l.cell.denominator, when, "All", "denominator");
    }
    p.previous_value = FigureOf(ind, l.previous.cell, l.previous.period.label, "All");
    p.last_year_value = FigureOf(ind, l.last_year.cell, l.last_year.period.label, "All");
    p.target = TargetText(l);
    if (l.rag != Rag::kNone) p.rag = RagName(l.rag), p.rag_words = RagWords(l.rag);
    p.previous_arrow = l.previous.direction.arrow;
    p.previous_words = l.previous.direction.words;
    p.last_year_arrow = l.last_year.direction.arrow;
    p.last_year_words = l.last_year.direction.words;
    if (l.spc.variation != Variation::kNone) p.spc_variation = VariationName(l.spc.variation);
    if (l.spc.assurance != Assurance::kNone) p.spc_assurance = AssuranceName(l.spc.assurance);
    p.spc_text = l.spc.Describe();
    p.forecast = ForecastText(l);
    if (l.likelihood != Likelihood::kNone) p.likelihood = LikelihoodName(l.likelihood), p.likelihood_words = LikelihoodWords(l.likelihood);
    p.benchmark = BenchmarkText(l);
    p.headline = Headline(l, card.period);
    for (const Comment& c : in_.comments)
      if (c.indicator == ind.number) p.commentary.push_back({c.text, c.actions, c.author, c.written_at.substr(0, 10)});
    pack.indicators.push_back(std::move(p));
    size_t at = pack.indicators.size() - 1;
    if (BelowExpectation(l)) pack.below_expectation.push_back(at);
    else if (GoodPerformance(l)) pack.good_performance.push_back(at);
  }
  auto add = [&](const std::string& headline) {
    if (std::find(pack.headlines.begin(), pack.headlines.end(), headline) == pack.headlines.end())
      pack.headlines.push_back(headline);
  };
  for (size_t i : pack.below_expectation) add(pack.indicators[i].headline);
  for (const std::string& n : in_.config->trends)
    for (const PackIndicator& p : pack.indicators)
      if (p.number == n) add(p.headline);
}

Status PackBuilder::AddSections(const Scorecard& card, Pack& pack) {
  for (size_t i = 0; i < card.lines.size(); ++i) {
    const ScorecardLine& l = card.lines[i];
    const Indicator& ind = *l.indicator;
    auto section = std::find_if(pack.sections.begin(), pack.sections.end(), [&](const PackSection& s) { return s.area == ind.area; });
    if (section == pack.sections.end()) {
      pack.sections.push_back({ind.area, {}, {}, {}, {}});
      section = pack.sections.end() - 1;
    }
    section->indicators.push_back(i);
    if (std::find(in_.config->trends.begin(), in_.config->trends.end(), ind.number) != in_.config->trends.end()) {
      section->headlines.push_back(pack.indicators[i].headline);
      if (Status s = AddTrend(ind, card.period, *section); !s.ok()) return s;
    }
    if (l.target || in_.config->spc_for_all) {
      const std::string& headline = pack.indicators[i].headline;
      if (l.target && std::find(section->headlines.begin(), section->headlines.end(), headline) == section->headlines.end())
        section->headlines.push_back(headline);
      section->charts.push_back(SpcChartOf(l));
    }
    for (const PackTableSpec& spec : in_.config->tables)
      if (spec.indicator == ind.number)
        if (Status s = AddTable(spec, card.period, *section); !s.ok()) return s;
  }
  return Status::Ok();
}

Status PackBuilder::AddTrend(const Indicator& ind, const Period& period, PackSection& section) {
  std::vector<Period> years = History(Period::Year(FinancialYear::Of(period.last).start_year), in_.config->trend_years);
  auto series = scorecard_.CouncilCells(ind, years);
  if (!series.ok()) return series.status();
  PackChart c;
  c.title = fmt::format("{} {}, by financial year", ind.number, ind.title);
  c.unit = std::string(UnitName(ind.unit));
  for (size_t y = 0; y < years.size(); ++y) {
    bool to_date = years[y].last > period.last;
    c.labels.push_back(to_date ? years[y].label + " to date" : years[y].label);
    c.values.push_back(FigureOf(ind, (*series)[y], years[y].label, "All"));
  }
  c.alt = fmt::format("Line chart of {} by financial year from {} to {}, where the latest year{} was {}.",
                      InSentence(ind.title), c.labels.front(), c.labels.back(),
                      years.back().last > period.last ? " (to date)" : "", c.values.back().shown);
  section.charts.push_back(std::move(c));
  return Status::Ok();
}

Status PackBuilder::AddTable(const PackTableSpec& spec, const Period& period, PackSection& section) {
  const Indicator& ind = *in_.suite->Find(spec.indicator);
  auto series = scorecard_.evaluator().Compute(ind, {period}, spec.by);
  if (!series.ok()) return series.status();
  PackTable t;
  t.title = spec.title;
  t.caption = fmt::format("{} ({}), {}.", ind.title, ind.number, PeriodWords(period));
  bool ratio = ind.unit == Unit::kPercentage;
  bool average = ind.unit == Unit::kAverage || ind.unit == Unit::kDays;
  t.columns = {spec.by == "age_band" ? "Age" : spec.by == "team" ? "Team" : "Group"};
  if (ratio) t.columns.insert(t.columns.end(), {"Numerator", "Denominator", "Percentage"});
  else if (average) t.columns.insert(t.columns.end(), {"Value", "Counted"});
  else t.columns.push_back(ind.unit == Unit::kRate ? "Rate per 10,000" : "Number");
  for (size_t g = 0; g < series->groups.size(); ++g) {
    const Cell& cell = series->cells[g][0];
    PackTable::Row row;
    row.label = g == 0 ? "Total" : series->groups[g];
    row.total = g == 0;
    std::string group = g == 0 ? "All" : spec.by + ":" + series->groups[g];
    PackFigure value = FigureOf(ind, cell, period.label, group);
    if (ratio)
      row.cells = {CountOf(ind, cell.numerator, period.label, group, "numerator"),
                   CountOf(ind, cell.denominator, period.label, group, "denominator"), value};
    else if (average) row.cells = {value, CountOf(ind, cell.denominator, period.label, group, "denominator")};
    else row.cells = {value};
    t.rows.push_back(std::move(row));
  }
  std::rotate(t.rows.begin(), t.rows.begin() + 1, t.rows.end());  // the total last
  section.tables.push_back(std::move(t));
  return Status::Ok();
}

Status PackBuilder::AddQualityNotes(const Scorecard& card, Pack& pack) {
  for (const ScorecardLine& l : card.lines) {
    const Indicator& ind = *l.indicator;
    if (ind.unit != Unit::kPercentage || ind.numerator.empty() || std::isnan(l.cell.value)) continue;
    auto effect = EffectOfFaults(scorecard_.evaluator(), ind, card.period, MissingNumeratorDates(ind));
    if (!effect.ok()) return effect.status();
    if (effect->faulty == 0) continue;
    PackQualityNote note;
    note.indicator = ind.number;
    note.records = CountOf(effect->faulty);
    note.text = fmt::format("{} {} counted in {} ({}) have no {}; they count against it. With them left out, {} would be {} rather than {}.",
                            effect->faulty, InSentence(std::string(ind.population.type->title)), ind.number, ind.title,
                            fmt::join(effect->fields, " or "), ind.number, FormatValue(ind, effect->without),
                            FormatValue(ind, l.cell.value));
    pack.quality.push_back(std::move(note));
  }
  return Status::Ok();
}

}  // namespace scrutiny
