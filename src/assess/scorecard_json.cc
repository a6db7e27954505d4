// ScorecardJson: the scorecard as the JSON that packs and the dashboard read
// (documented in docs/assess.md).
#include <cmath>

#include <nlohmann/json.hpp>

#include "assess/scorecard.h"
#include "indicators/value_format.h"

namespace scrutiny {

namespace {

using nlohmann::json;

json Number(double v) { return std::isnan(v) || std::isinf(v) ? json(nullptr) : json(v); }

json PeriodJson(const Period& p) {
  return {{"label", p.label}, {"first_day", p.first.ToIso()}, {"last_day", p.last.ToIso()}};
}

json CellJson(const Indicator& ind, const Cell& c) {
  return {{"value", Number(c.value)}, {"shown", FormatValue(ind, c.value)}, {"numerator", Number(c.numerator)},
          {"denominator", Number(c.denominator)}};
}

json TargetJson(const ScorecardLine& l) {
  if (!l.target) return nullptr;
  const Target& t = *l.target;
  json j = {{"year", FinancialYear{t.year}.Label()}, {"basis", t.basis}, {"pro_rata", l.pro_rata},
            {"tolerance", t.tolerance}, {"tolerance_is_percent", t.tolerance_is_percent},
            {"rag", RagName(l.rag)}, {"rag_words", RagWords(l.rag)}};
  if (t.value) j["value"] = *t.value;
  else j["range"] = {*t.lower, *t.upper};
  return j;
}

json DirectionJson(const Indicator& ind, const Comparison& c) {
  json j = CellJson(ind, c.cell);
  j["period"] = PeriodJson(c.period);
  j["travel"] = TravelName(c.direction.travel);
  j["arrow"] = c.direction.arrow;
  j["words"] = c.direction.words;
  return j;
}

json SpcJson(const ScorecardLine& l) {
  json points = json::array();
  for (size_t i = 0; i < l.spc.points.size(); ++i) {
    const SpcPoint& p = l.spc.points[i];
    json rules = json::array();
    if (p.beyond_limit) rules.push_back("beyond_limit");
    if (p.shift) rules.push_back("shift");
    if (p.trend) rules.push_back("trend");
    if (p.two_of_three) rules.push_back("two_of_three");
    points.push_back({{"month", l.spc_months[i].label}, {"value", Number(p.value)}, {"partition", p.partition},
                      {"mean", Number(p.mean)}, {"upper_limit", Number(p.upper_limit)},
                      {"lower_limit", Number(p.lower_limit)}, {"rules", rules},
                      {"variation", VariationName(p.variation)}});
  }
  return {{"run_chart", l.spc.run_chart}, {"variation", VariationName(l.spc.variation)},
          {"assurance", AssuranceName(l.spc.assurance)}, {"description", l.spc.Describe()}, {"points", points}};
}

json ForecastJson(const ScorecardLine& l) {
  const Forecast& f = l.forecast;
  if (!f.ok()) return {{"method", "none"}, {"reason", f.reason}};
  return {{"method", ForecastMethodName(f.method)}, {"value", Number(f.value)}, {"low", Number(f.low)},
          {"high", Number(f.high)}, {"coverage", f.coverage}, {"shown", FormatValue(*l.indicator, RoundAsShown(f.value, l.indicator->unit))},
          {"method_text", f.method_text}, {"interval_text", f.interval_text},
          {"likelihood", LikelihoodName(l.likelihood)}, {"likelihood_words", LikelihoodWords(l.likelihood)}};
}

json BenchmarksJson(const ScorecardLine& l) {
  json list = json::array();
  for (const BenchmarkComparison& b : l.benchmarks)
    list.push_back({{"kind", b.kind}, {"code", b.code}, {"name", b.name}, {"year", b.year}, {"value", Number(b.value)},
                    {"difference", Number(b.difference)}, {"councils", b.councils}, {"source", b.source}, {"note", b.note}});
  json j = {{"period", PeriodJson(l.benchmark_period)}, {"value", Number(l.benchmark_value)}, {"comparisons", list}};
  if (l.standing.of > 0) {
    j["councils"] = {{"of", l.standing.of}, {"median", Number(l.standing.median)},
                     {"lower_quartile", Number(l.standing.lower_quartile)},
                     {"upper_quartile", Number(l.standing.upper_quartile)}};
    if (l.standing.rank > 0) j["councils"]["rank"] = l.standing.rank;
    if (l.standing.band) j["councils"]["band"] = std::string(1, l.standing.band);
  }
  return j;
}

}  // namespace

std::string ScorecardJson(const Scorecard& card, const std::vector<Comment>& commentary) {
  json lines = json::array();
  for (const ScorecardLine& l : card.lines) {
    const Indicator& ind = *l.indicator;
    json j = {{"number", ind.number}, {"title", ind.title}, {"area", ind.area}, {"unit", UnitName(ind.unit)},
              {"polarity", PolarityName(ind.polarity)}};
    j.update(CellJson(ind, l.cell));
    if (!l.note.empty()) j["note"] = l.note;
    j["target"] = TargetJson(l);
    j["previous"] = DirectionJson(ind, l.previous);
    j["last_year"] = DirectionJson(ind, l.last_year);
    j["spc"] = SpcJson(l);
    j["forecast"] = ForecastJson(l);
    json trajectory = json::array();
    for (const QuarterCheck& q : l.trajectory)
      trajectory.push_back({{"quarter", q.quarter.label}, {"expected", q.expected}, {"actual", Number(q.actual)}});
    j["trajectory"] = trajectory;
    j["benchmarks"] = BenchmarksJson(l);
    json comments = json::array();
    for (const Comment& c : commentary)
      if (c.indicator == ind.number)
        comments.push_back({{"text", c.text}, {"actions", c.actions}, {"author", c.author}, {"written_at", c.written_at}});
    j["commentary"] = comments;
    lines.push_back(j);
  }
  json doc = {{"council", card.council}, {"council_name", card.council_name}, {"region", card.region},
              {"period", PeriodJson(card.period)}, {"indicators", lines}};
  return doc.dump(1);
}

}  // namespace scrutiny
