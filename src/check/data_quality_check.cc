#include "check/data_quality_check.h"

#include <algorithm>
#include <filesystem>
#include <unordered_map>

#include "check/case_teams.h"
#include "check/quality_rules.h"
#include "check/soft_rules.h"
#include "indicators/case_index.h"

namespace scrutiny {
namespace {

// The record type a problem's file holds: by its place in the sources, else by its name.
std::string RecordTypeOfFile(const std::string& file, const RowSources* sources) {
  if (sources) {
    auto it = std::find(sources->files.begin(), sources->files.end(), file);
    if (it != sources->files.end()) return std::string(RecordTypes()[static_cast<size_t>(it - sources->files.begin())].name);
  }
  std::filesystem::path path(file);
  if (path.extension() == ".csv" && FindRecordType(path.stem().string())) return path.stem().string();
  return "";
}

QualityProblem FromModel(const Problem& p, const RowSources* sources, const CaseTeams& teams) {
  QualityProblem q;
  q.rule = p.kind.empty() ? std::string(kNotRead) : std::string(p.kind);
  q.detail = p.rule;
  q.child_id = p.child_id;
  q.record_type = RecordTypeOfFile(p.file, sources);
  q.file = p.file;
  q.row = p.line;
  q.field = p.column;
  q.value = p.value;
  const RecordType* type = FindRecordType(q.record_type);
  if (type && type->IndexOf(p.column) >= 0) q.uses.push_back(q.record_type + "." + p.column);
  else if (!p.model_field.empty()) q.uses.push_back(p.model_field);
  q.team = p.team_id.empty() ? teams.OfChild(p.child_id) : p.team_id;
  if (!p.record_key.empty() && !p.model_field.empty()) {  // a record kept: matched by its key
    q.record_type = p.model_field.substr(0, p.model_field.find('.'));
    q.key = p.record_key;
    if (q.record_type == "workers") q.team = teams.TeamOfWorker(q.key);
    if (q.record_type == "teams") q.team = q.key;
  }
  return q;
}

// Whether a problem leaving `use` (record_type.field) in doubt touches a
// field path a drill-down shows for a record of `record_type`.
bool Touches(const std::string& use, const std::string& record_type, const std::string& path) {
  size_t dot = use.find('.');
  std::string type = use.substr(0, dot), field = use.substr(dot + 1);
  if (type == record_type) {
    const RecordType* t = FindRecordType(type);
    bool episode_date = field == "decom" || field == "dec" || field == "rne" || field == "rec";
    return path == field || (t && CaseIndex::IsDerived(*t, path) && episode_date);
  }
  if (type == "children") return path == "child." + field || (field == "date_of_birth" && path.find("age") != std::string::npos);
  if (type == "workers") return path == "worker." + field;
  return path.find(type) != std::string::npos;
}

// Matches counted records to the problems of their record or child.
class ProblemIndex {
 public:
  explicit ProblemIndex(std::vector<QualityProblem>& problems) : problems_(problems) {
    for (size_t i = 0; i < problems.size(); ++i) {
      const QualityProblem& p = problems[i];
      if (p.uses.empty()) continue;
      if (!p.key.empty()) by_record_[p.record_type + " " + p.key].push_back(i);
      if (!p.child_id.empty()) by_child_[p.child_id].push_back(i);
    }
  }

  // The faults of a counted record; notes the indicator on each problem found.
  std::vector<std::string> FaultsOf(const DrillRecord& r, const std::string& indicator) {
    std::vector<std::string> fields;
    auto visit = [&](const std::vector<size_t>& candidates, bool by_child) {
      for (size_t i : candidates) {
        QualityProblem& p = problems_[i];
        if (by_child && p.record_type == r.record_type && !p.key.empty()) continue;  // another record of the child
        for (const std::string& use : p.uses)
          for (const auto& field : r.fields)
            if (Touches(use, r.record_type, field.first)) {
              fields.push_back(use.substr(use.find('.') + 1));
              if (std::find(p.indicators.begin(), p.indicators.end(), indicator) == p.indicators.end())
                p.indicators.push_back(indicator);
            }
      }
    };
    if (auto it = by_record_.find(r.record_type + " " + r.key); it != by_record_.end()) visit(it->second, false);
    if (auto it = by_child_.find(r.child_id); !r.child_id.empty() && it != by_child_.end()) visit(it->second, true);
    return fields;
  }

 private:
  std::vector<QualityProblem>& problems_;
  std::unordered_map<std::string, std::vector<size_t>> by_record_, by_child_;
};

}  // namespace

bool CheckReport::HasHardProblems() const {
  return std::any_of(problems.begin(), problems.end(), [](const QualityProblem& p) {
    const QualityRule* rule = FindQualityRule(p.rule);
    return rule && rule->hard;
  });
}

Result<CheckReport> CheckDataQuality(const Dataset& data, const RowSources* sources, const std::vector<Problem>& hard,
                                     const CheckOptions& o) {
  CheckReport report;
  report.period = o.period;
  CaseTeams teams(data, o.period.last);
  report.teams_recorded = teams.recorded();
  const Table& team_table = data.table("teams");
  int team_id = team_table.type().IndexOf("team_id"), name = team_table.type().IndexOf("name");
  for (size_t r = 0; r < team_table.size(); ++r)
    report.team_names.emplace(team_table.Text(team_id, r), team_table.Text(name, r));
  for (const Problem& p : hard) {
    report.problems.push_back(FromModel(p, sources, teams));
    report.teams_recorded = report.teams_recorded || !report.problems.back().team.empty();
  }
  FindSoftProblems(data, sources, {o.period.last, o.today, o.open_days}, teams, report.problems);
  ProblemIndex index(report.problems);
  Evaluator evaluator(data);
  for (const Indicator& ind : o.suite->indicators) {
    auto effect = EffectOfFaults(evaluator, ind, o.period,
                                 [&](const DrillRecord& r) { return index.FaultsOf(r, ind.number); });
    if (!effect.ok()) return effect.status();
    if (effect->faulty > 0) report.indicators.push_back({&ind, std::move(*effect)});
  }
  return report;
}

}  // namespace scrutiny
