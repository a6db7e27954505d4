#include "assess/scorecard.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "indicators/breakdown.h"
#include "indicators/value_format.h"

namespace scrutiny {

namespace {

Improvement ImprovementOf(Polarity p) {
  return p == Polarity::kHigher ? Improvement::kUp : p == Polarity::kLower ? Improvement::kDown : Improvement::kNeither;
}

Better BetterOf(Polarity p) {
  return p == Polarity::kHigher ? Better::kHigher : p == Polarity::kLower ? Better::kLower : Better::kNeither;
}

bool CountsEvents(const Indicator& ind) {
  Measure m = ind.population.measure;
  return m == Measure::kEvents || m == Measure::kYearToDate;
}

// The share of a year's target that a period's count of events carries.
double ProRata(const Indicator& ind, const Period& p) {
  if (!CountsEvents(ind) || ind.unit != Unit::kCount) return 1;
  if (p.kind == PeriodKind::kYear) return 1;
  return p.months() > 0 ? p.months() / 12.0 : 1 / 365.25;
}

IndicatorKind KindOf(const Indicator& ind) {
  if (!CountsEvents(ind) || !ind.per.empty()) return IndicatorKind::kSnapshot;
  if (ind.unit == Unit::kCount) return IndicatorKind::kEventCount;
  if (ind.unit == Unit::kRate) return IndicatorKind::kSnapshot;
  return IndicatorKind::kEventRatio;
}

// A month's figures for forecasting: counts, or numerator and denominator
// (of the percentage as reported, so complements are turned round).
MonthFigures FiguresOf(const Indicator& ind, IndicatorKind kind, const Cell& c) {
  if (std::isnan(c.value)) return {};
  if (kind == IndicatorKind::kEventCount) return {c.value, kNoMonthFigure};
  if (kind == IndicatorKind::kSnapshot) return {c.value, kNoMonthFigure};
  double numerator = ind.complement ? c.denominator - c.numerator : c.numerator;
  return {numerator, c.denominator};
}

// The target's likelihood: for a range, the worse of its two edges.
Likelihood LikelihoodFor(const Forecast& f, const Target& t, Polarity p) {
  if (t.value) return JudgeLikelihood(f, *t.value, BetterOf(p), t.ToleranceAt(*t.value));
  Likelihood above = JudgeLikelihood(f, *t.lower, Better::kHigher, t.ToleranceAt(*t.lower));
  Likelihood below = JudgeLikelihood(f, *t.upper, Better::kLower, t.ToleranceAt(*t.upper));
  return static_cast<int>(above) > static_cast<int>(below) ? above : below;
}

// Monthly cells (from an April) as the forecaster reads them.
IndicatorHistory HistoryOf(const Indicator& ind, int first_year, int months_to_date, const std::vector<Cell>& cells) {
  IndicatorHistory h;
  h.kind = KindOf(ind);
  h.months_to_date = months_to_date;
  h.scale = ind.unit == Unit::kPercentage ? 100 : 1;
  h.percentage = ind.unit == Unit::kPercentage;
  h.first_year = first_year;
  for (const Cell& c : cells) h.months.push_back(FiguresOf(ind, h.kind, c));
  return h;
}

ForecastOptions OptionsOf(const Judging& j) {
  ForecastOptions o;
  o.recent_months = j.forecast_recent_months;
  return o;
}

SpcSettings SpcSettingsOf(const Judging& j) {
  SpcSettings s;
  s.shift_points = j.spc_shift_points;
  s.trend_points = j.spc_trend_points;
  s.minimum_points = j.spc_minimum_points;
  s.two_sigma_counts_beyond_three = j.spc_two_sigma_counts_beyond_three;
  s.rule_primacy = j.spc_rule_primacy;
  s.target_on_limit_decides = j.spc_target_on_limit_decides;
  return s;
}

}  // namespace

ScorecardBuilder::ScorecardBuilder(const Dataset& data, ScorecardInputs inputs)
    : data_(data), in_(inputs), evaluator_(data) {
  const Table& councils = data.table("councils");
  const RecordType& t = councils.type();
  int code = t.IndexOf("la_code"), region = t.IndexOf("region");
  for (size_t r = 0; r < councils.size(); ++r)
    regions_.emplace_back(councils.Text(code, r), region >= 0 && !councils.IsNull(region, r) ? councils.Text(region, r) : "");
  several_councils_ = regions_.size() > 1;
}

Result<std::vector<Cell>> ScorecardBuilder::CouncilCells(const Indicator& ind, const std::vector<Period>& periods) {
  if (!several_councils_) {
    auto s = evaluator_.Compute(ind, periods);
    if (!s.ok()) return s.status();
    return s->cells[0];
  }
  auto s = evaluator_.Compute(ind, periods, "council");
  if (!s.ok()) return s.status();
  for (size_t g = 0; g < s->groups.size(); ++g)
    if (s->groups[g] == council_) return s->cells[g];
  return std::vector<Cell>(periods.size(), Cell{NAN, NAN, NAN});
}

Status ScorecardBuilder::ChooseCouncil(const std::string& council) {
  if (regions_.empty()) return Status::InvalidInput("the store holds no council");
  if (council.empty() && several_councils_)
    return Status::InvalidInput(fmt::format("the store holds {} councils: choose one with --council", regions_.size()));
  council_ = council.empty() ? regions_.front().first : council;
  auto it = std::find_if(regions_.begin(), regions_.end(), [&](const auto& c) { return c.first == council_; });
  if (it == regions_.end()) return Status::InvalidInput(fmt::format("the store holds no council '{}'", council_));
  region_ = it->second;
  return Status::Ok();
}

Result<Scorecard> ScorecardBuilder::Build(const std::string& council, const Period& period,
                                          const std::vector<const Indicator*>& chosen) {
  Scorecard card;
  card.period = period;
  if (Status s = ChooseCouncil(council); !s.ok()) return s;
  auto it = std::find_if(regions_.begin(), regions_.end(), [&](const auto& c) { return c.first == council_; });
  const Table& councils = data_.table("councils");
  card.council = council_;
  card.council_name = std::string(councils.Text(councils.type().IndexOf("name"), static_cast<size_t>(it - regions_.begin())));
  card.region = region_;
  for (const Indicator* ind : chosen) {
    auto line = Line(*ind, period);
    if (!line.ok()) return Status::InvalidInput(fmt::format("indicator {}: {}", ind->number, line.status().message()));
    card.lines.push_back(std::move(*line));
  }
  return card;
}

Result<ScorecardLine> ScorecardBuilder::Line(const Indicator& ind, const Period& period) {
  ScorecardLine line;
  line.indicator = &ind;
  Judging judging = in_.targets->JudgingOf(ind.number);
  int year = FinancialYear::Of(period.last).start_year;

  // The value, the previous period and the same period last year.
  std::vector<Period> around = {period.YearEarlier(), period.Previous(), period};
  auto cells = CouncilCells(ind, around);
  if (!cells.ok()) return cells.status();
  line.cell = (*cells)[2];
  line.last_year = {around[0], (*cells)[0], {}};
  line.previous = {around[1], (*cells)[1], {}};
  for (Comparison* c : {&line.previous, &line.last_year})
    c->direction = JudgeDirection(line.cell.value, c->cell.value, ind.polarity, ind.unit, judging, &FormatValue);
  if (std::isnan(line.cell.value)) line.note = ind.first_year > year || ind.last_year < year ? "does not apply to the year" : "no records to count";

  // Target and RAG.
  line.target = in_.targets->For(ind.number, year);
  if (line.target) {
    line.pro_rata = ProRata(ind, period);
    line.rag = JudgeRag(line.cell.value, *line.target, ind.polarity, ind.unit, line.pro_rata);
  }

  // Monthly history for SPC and the forecast.
  Period month = period.LastMonth();
  int to_date = (month.first.month() + 8) % 12 + 1;  // months of the financial year to date: April = 1
  int forecast_months = 36 + to_date;
  int span = std::max(judging.spc_months, forecast_months);
  std::vector<Period> months = History(month, span);
  auto monthly = CouncilCells(ind, months);
  if (!monthly.ok()) return monthly.status();

  size_t spc_first = months.size() - static_cast<size_t>(judging.spc_months);
  std::vector<double> values;
  std::vector<size_t> recalculate;
  std::optional<size_t> baseline;
  for (size_t i = spc_first; i < months.size(); ++i) {
    line.spc_months.push_back(months[i]);
    line.spc_cells.push_back((*monthly)[i]);
    values.push_back((*monthly)[i].value);
    size_t at = i - spc_first;
    for (const std::string& m : judging.spc_recalculate)
      if (months[i].label == m && at > 0) recalculate.push_back(at);
    if (months[i].label == judging.spc_baseline_end) baseline = at + 1;
  }
  std::optional<double> spc_target;
  bool yearly_count = CountsEvents(ind) && ind.unit == Unit::kCount;  // months against a year's count would mislead
  if (line.target && line.target->value && !yearly_count) spc_target = *line.target->value;
  line.spc = ComputeSpc(values, ImprovementOf(ind.polarity), spc_target, SpcSettingsOf(judging), recalculate, baseline);

  // Year-end forecast.
  IndicatorHistory history = HistoryOf(ind, year - 3, to_date,
                                       std::vector<Cell>(monthly->end() - forecast_months, monthly->end()));
  line.forecast = ForecastYearEnd(history, OptionsOf(judging));
  if (line.target) line.likelihood = LikelihoodFor(line.forecast, *line.target, ind.polarity);

  // Trajectory: the quarters of the year against the values expected.
  if (line.target && !line.target->trajectory.empty()) {
    std::vector<Period> quarters;
    for (int q = 1; q <= 4; ++q) quarters.push_back(Period::Quarter(year, q));
    auto actual = CouncilCells(ind, quarters);
    if (!actual.ok()) return actual.status();
    for (size_t q = 0; q < 4; ++q)
      line.trajectory.push_back({quarters[q], line.target->trajectory[q],
                                 quarters[q].last <= period.last ? (*actual)[q].value : NAN});
  }
  if (Status s = AddBenchmarks(ind, period, line); !s.ok()) return s;
  return line;
}

Result<BackTest> ScorecardBuilder::BackTestOf(const std::string& council, const Indicator& ind, int last_year, int years) {
  if (Status s = ChooseCouncil(council); !s.ok()) return s;
  std::vector<Period> months = History(Period::Month(last_year + 1, 3), years * 12);
  auto cells = CouncilCells(ind, months);
  if (!cells.ok()) return cells.status();
  Judging judging = in_.targets->JudgingOf(ind.number);
  return RunBackTest(HistoryOf(ind, last_year - years + 1, 12, *cells), OptionsOf(judging));
}

Status ScorecardBuilder::AddBenchmarks(const Indicator& ind, const Period& period, ScorecardLine& line) {
  int year = FinancialYear::Of(period.last).start_year;
  bool annualise = CountsEvents(ind) && period.kind != PeriodKind::kYear;
  Period basis = annualise ? Period::Rolling12(period.last.year(), period.last.month()) : period;
  line.benchmark_period = basis;
  std::map<std::string, double> by_council;
  auto offered = Breakdown::Available(ind);
  if (several_councils_ && std::find(offered.begin(), offered.end(), "council") != offered.end()) {
    auto s = evaluator_.Compute(ind, {basis}, "council");
    if (!s.ok()) return s.status();
    for (size_t g = 1; g < s->groups.size(); ++g) by_council[s->groups[g]] = s->cells[g][0].value;
  } else if (!annualise) {
    by_council[council_] = line.cell.value;  // the period itself
  } else {
    auto own = CouncilCells(ind, {basis});
    if (!own.ok()) return own.status();
    by_council[council_] = (*own)[0].value;
  }
  double value = by_council.count(council_) ? by_council[council_] : NAN;
  line.benchmark_value = value;
  for (const PublishedFigure* f : in_.benchmarks->Latest(ind.number, year))
    line.benchmarks.push_back({"published", f->area_code, f->area_name, FinancialYear{f->year}.Label(), f->value,
                               value - f->value, 0, f->source, f->note});
  if (by_council.size() < 2) return Status::Ok();
  std::vector<double> all;
  for (const auto& [code, v] : by_council) all.push_back(v);
  line.standing = StandingAmong(value, all, ind.polarity);
  auto add_mean = [&](std::string kind, std::string code, std::string name, auto member) {
    double sum = 0;
    int n = 0;
    for (const auto& [c, v] : by_council)
      if (member(c) && !std::isnan(v)) sum += v, ++n;
    if (n > 0) line.benchmarks.push_back({std::move(kind), std::move(code), std::move(name), "", sum / n, value - sum / n, n, "councils in this store", ""});
  };
  if (!region_.empty())
    add_mean("region", region_, "Region " + region_, [&](const std::string& c) {
      auto it = std::find_if(regions_.begin(), regions_.end(), [&](const auto& r) { return r.first == c; });
      return it != regions_.end() && it->second == region_;
    });
  for (const BenchmarkGroup& g : in_.benchmarks->groups()) {
    bool mine = g.for_council == council_ || std::find(g.councils.begin(), g.councils.end(), council_) != g.councils.end();
    if (!mine) continue;
    add_mean("group", g.code, g.name, [&](const std::string& c) {
      return c != council_ && std::find(g.councils.begin(), g.councils.end(), c) != g.councils.end();
    });
  }
  return Status::Ok();
}

}  // namespace scrutiny
