#include "check/check_report_writer.h"

#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "check/quality_rules.h"
#include "indicators/value_format.h"
#include "model/csv_writer.h"

namespace scrutiny {
namespace {

constexpr size_t kProblemsShown = 20;
constexpr const char* kNoTeam = "(no team recorded)";

// Problems and distinct children under one heading (a rule, a team).
struct Tally {
  size_t problems = 0;
  std::set<std::string> children;
};

std::map<std::string, Tally> TallyBy(const CheckReport& report, std::string QualityProblem::*heading) {
  std::map<std::string, Tally> out;
  for (const QualityProblem& p : report.problems) {
    Tally& t = out[p.*heading];
    ++t.problems;
    if (!p.child_id.empty()) t.children.insert(p.child_id);
  }
  return out;
}

std::string RuleWords(const std::string& id) {
  const QualityRule* rule = FindQualityRule(id);
  return rule ? std::string(rule->words) : "";
}

std::string Where(const QualityProblem& p) {
  if (!p.file.empty()) return p.row ? fmt::format("{}:{}", p.file, p.row) : p.file;
  return fmt::format("{} {}", p.record_type, p.key);
}

std::string EffectText(const IndicatorQuality& q) {
  const Indicator& ind = *q.indicator;
  const FaultEffect& e = q.effect;
  std::string text = fmt::format("{} {}: {}; {} of those counted {} problems in {}.", ind.number, ind.title,
                                 FormatValue(ind, e.cell.value), e.faulty, e.faulty == 1 ? "has" : "have",
                                 fmt::join(e.fields, " or "));
  if (!std::isnan(e.without)) text += fmt::format(" Without them: {}.", FormatValue(ind, e.without));
  if (!std::isnan(e.if_met)) text += fmt::format(" Had they met the standard: {}.", FormatValue(ind, e.if_met));
  return text;
}

nlohmann::json Number(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }

// A team as a reader knows it: its name and id, or the id alone if no team record names it.
std::string TeamText(const CheckReport& report, const std::string& team) {
  if (team.empty()) return kNoTeam;
  auto named = report.team_names.find(team);
  if (named == report.team_names.end() || named->second.empty()) return team;
  return fmt::format("{} ({})", named->second, team);
}

}  // namespace

std::string CheckTable(const CheckReport& report) {
  std::set<std::string> children;
  for (const QualityProblem& p : report.problems)
    if (!p.child_id.empty()) children.insert(p.child_id);
  std::string out = fmt::format("Data-quality check for {} (as at {}): {} problem{} about {} child{}{}\n",
                                report.period.label, report.period.last.ToIso(), report.problems.size(),
                                report.problems.size() == 1 ? "" : "s", children.size(),
                                children.size() == 1 ? "" : "ren",
                                report.HasHardProblems() ? "; a load would refuse the records with hard problems" : "");
  if (report.problems.empty()) return out;
  out += "\nProblems by rule\n  Problems  Children  Rule\n";
  for (const auto& [rule, t] : TallyBy(report, &QualityProblem::rule))
    out += fmt::format("  {:>8}  {:>8}  {}: {}\n", t.problems, t.children.size(), rule, RuleWords(rule));
  if (report.teams_recorded) {
    out += "\nProblems by team\n  Problems  Children  Team\n";
    for (const auto& [team, t] : TallyBy(report, &QualityProblem::team))
      out += fmt::format("  {:>8}  {:>8}  {}\n", t.problems, t.children.size(), TeamText(report, team));
  } else {
    out += "\nProblems by team: none, as no record names a team or worker and no child an allocation (an SSDA903\n"
           "or CIN census return names none); load the council's allocations, or Annex A, to count them by team.\n";
  }
  out += fmt::format("\nIndicators affected in {}\n", report.period.label);
  if (report.indicators.empty()) out += "  none\n";
  for (const IndicatorQuality& q : report.indicators) out += "  " + EffectText(q) + "\n";
  out += "\nProblems";
  if (report.problems.size() > kProblemsShown) out += fmt::format(" (the first {}; --format csv lists all)", kProblemsShown);
  out += "\n";
  for (size_t i = 0; i < report.problems.size() && i < kProblemsShown; ++i) {
    const QualityProblem& p = report.problems[i];
    out += fmt::format("  {}  child {}  {}: column '{}', value '{}': {}\n", p.rule, p.child_id.empty() ? "-" : p.child_id,
                       Where(p), p.field, p.value, p.detail);
  }
  return out;
}

std::string CheckCsv(const CheckReport& report) {
  std::string out = "rule,child_id,file,row,record_type,key,field,value,team,indicators,detail\n";
  for (const QualityProblem& p : report.problems) {
    std::string line;
    for (const std::string& cell : {p.rule, p.child_id, p.file, p.row ? std::to_string(p.row) : std::string(),
                                    p.record_type, p.key, p.field, p.value, p.team,
                                    fmt::format("{}", fmt::join(p.indicators, ";")), p.detail}) {
      if (!line.empty()) line += ",";
      AppendCsvField(line, cell);
    }
    out += line + "\n";
  }
  return out;
}

std::string CheckJson(const CheckReport& report) {
  nlohmann::json j = {{"period", report.period.label}, {"as_at", report.period.last.ToIso()},
                      {"hard_problems", report.HasHardProblems()}, {"teams_recorded", report.teams_recorded},
                      {"rules", nlohmann::json::array()},
                      {"teams", nlohmann::json::array()}, {"indicators", nlohmann::json::array()},
                      {"problems", nlohmann::json::array()}};
  for (const auto& [rule, t] : TallyBy(report, &QualityProblem::rule))
    j["rules"].push_back({{"rule", rule}, {"words", RuleWords(rule)}, {"problems", t.problems}, {"children", t.children.size()}});
  for (const auto& [team, t] : TallyBy(report, &QualityProblem::team)) {
    auto named = report.team_names.find(team);
    j["teams"].push_back({{"team", team}, {"name", named == report.team_names.end() ? "" : named->second},
                          {"problems", t.problems}, {"children", t.children.size()}});
  }
  for (const IndicatorQuality& q : report.indicators)
    j["indicators"].push_back({{"number", q.indicator->number}, {"title", q.indicator->title},
                               {"value", Number(q.effect.cell.value)}, {"with_problems", q.effect.faulty},
                               {"with_problems_in_numerator", q.effect.faulty_in_numerator},
                               {"fields", q.effect.fields}, {"without_them", Number(q.effect.without)},
                               {"had_they_met_the_standard", Number(q.effect.if_met)}, {"children", q.effect.children}});
  for (const QualityProblem& p : report.problems)
    j["problems"].push_back({{"rule", p.rule}, {"child_id", p.child_id}, {"file", p.file}, {"row", p.row},
                             {"record_type", p.record_type}, {"key", p.key}, {"field", p.field}, {"value", p.value},
                             {"team", p.team}, {"indicators", p.indicators}, {"detail", p.detail}});
  return j.dump(1) + "\n";
}

}  // namespace scrutiny
