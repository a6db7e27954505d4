// Runs scenario files: small, readable lists of records and the indicator
// values they must give (tests/scenarios/README.md describes the format).
// Usage: scenario_runner SUITE FILE...   Exit 0 if every expectation holds.

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "indicators/evaluator.h"
#include "model/validator.h"

namespace scrutiny {
namespace {

// Values used for required columns a scenario leaves out.
const std::map<std::string, std::map<std::string, std::string>>& Defaults() {
  static const std::map<std::string, std::map<std::string, std::string>> kDefaults = {
      {"councils", {{"la_code", "901"}, {"name", "Test council"}}},
      {"children", {{"la_code", "901"}, {"sex", "U"}, {"date_of_birth", "2015-01-01"}, {"ethnicity", "WBRI"}, {"uasc", "N"}}},
      {"teams", {{"la_code", "901"}, {"service_area", "CIN"}}},
      {"workers", {{"la_code", "901"}, {"team_id", "T0"}, {"role", "5"}, {"qualified_social_worker", "Y"}, {"fte", "1"},
                   {"agency", "N"}, {"start_date", "2000-01-01"}}},
      {"contacts", {{"source", "6"}}},
      {"early_help_episodes", {{"organisation", "LA"}}},
      {"referrals", {{"source", "6"}, {"nfa", "N"}}},
      {"cin_episodes", {{"primary_need", "N1"}}},
      {"cp_plans", {{"initial_category", "NEG"}}},
      {"looked_after_episodes", {{"rne", "S"}, {"ls", "C2"}, {"cin", "N1"}, {"place", "U6"}}},
      {"missing_episodes", {{"missing_type", "M"}}},
      {"care_leavers", {{"eligibility", "FORMER_RELEVANT"}}},
      {"foster_households", {{"la_code", "901"}, {"household_type", "IN_HOUSE"}}},
      {"adopters", {{"la_code", "901"}}},
  };
  return kDefaults;
}

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
  return a == std::string_view::npos ? "" : std::string(s.substr(a, b - a + 1));
}

std::vector<std::string> SplitBars(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string cell; std::getline(in, cell, '|');) out.push_back(Trim(cell));
  if (!line.empty() && line.back() == '|') out.push_back("");
  return out;
}

// A table of records as written in the scenario.
struct ScenarioTable {
  std::string type;
  int line = 0;
  std::vector<std::string> columns;
  std::vector<std::pair<int, std::vector<std::string>>> rows;  // line, cells
};

struct Expectation {
  int line = 0;
  std::string text, indicator, period, by, group;
  std::string value;  // "-" for no value
  std::optional<double> numerator, denominator;
  std::vector<std::pair<std::string, std::string>> drill;  // key, role
  bool is_drill = false;
};

class Scenario {
 public:
  explicit Scenario(std::string path) : path_(std::move(path)) {}

  // Returns the number of failed expectations (or 1 for a file that cannot be read).
  int Run(const std::string& default_suite) {
    if (!Parse()) return 1;
    std::string suite_path = default_suite;
    Result<Suite> suite = inline_suite_.empty() ? LoadSuite(suite_path) : ParseSuite(inline_suite_, path_ + " (inline suite)");
    if (!suite.ok()) return Fail(0, suite.status().message());
    Dataset data;
    if (!Build(data)) return failures_;
    Evaluator evaluator(data);
    for (const Expectation& e : expectations_) Check(*suite, evaluator, e);
    return failures_;
  }

 private:
  int Fail(int line, const std::string& what) {
    std::cerr << fmt::format("{}:{}: {}\n", path_, line, what);
    return ++failures_;
  }

  bool Parse() {
    std::ifstream in(path_);
    if (!in) { Fail(0, "cannot read"); return false; }
    std::string raw;
    int n = 0;
    ScenarioTable* table = nullptr;
    bool in_suite = false;
    while (std::getline(in, raw)) {
      ++n;
      if (in_suite) {
        if (Trim(raw) == "end suite") in_suite = false;
        else inline_suite_ += raw + "\n";
        continue;
      }
      std::string line = Trim(raw);
      if (line.empty()) { table = nullptr; continue; }
      if (line[0] == '#') continue;
      if (line == "suite") { in_suite = true; inline_suite_ += std::string(static_cast<size_t>(n), '\n'); continue; }
      if (line.starts_with("table ")) {
        tables_.push_back({Trim(line.substr(6)), n, {}, {}});
        table = &tables_.back();
        continue;
      }
      if (line.starts_with("expect ") || line.starts_with("drill ")) {
        table = nullptr;
        if (!ParseExpectation(line, n)) return false;
        continue;
      }
      if (!table) { Fail(n, fmt::format("expected 'table TYPE', 'expect', 'drill' or 'suite' but found '{}'", line)); return false; }
      if (table->columns.empty()) table->columns = SplitBars(line);
      else table->rows.push_back({n, SplitBars(line)});
    }
    return true;
  }

  // expect 4.3 2024-05 [by team "T1"] = 85.0 (17/20)     drill 4.3 2024-05 [by ...] = A1 numerator, A2 denominator
  bool ParseExpectation(const std::string& line, int n) {
    Expectation e;
    e.line = n;
    e.text = line;
    e.is_drill = line.starts_with("drill ");
    size_t eq = line.find(" = ");
    if (eq == std::string::npos) { Fail(n, "expected ' = ' and the expected value"); return false; }
    std::istringstream head(line.substr(0, eq));
    std::string word;
    head >> word >> e.indicator >> e.period;
    if (head >> word) {
      if (word != "by") { Fail(n, fmt::format("expected 'by' but found '{}'", word)); return false; }
      head >> e.by;
      std::string rest;
      std::getline(head, rest);
      e.group = Trim(rest);
      if (e.group.size() >= 2 && e.group.front() == '"') e.group = e.group.substr(1, e.group.size() - 2);
    }
    std::string rhs = Trim(line.substr(eq + 3));
    if (e.is_drill && rhs != "none") {
      std::stringstream items(rhs);
      for (std::string item; std::getline(items, item, ',');) {
        item = Trim(item);
        size_t space = item.rfind(' ');
        if (space == std::string::npos) { Fail(n, "a drill lists KEY ROLE, KEY ROLE... or none"); return false; }
        e.drill.push_back({Trim(item.substr(0, space)), item.substr(space + 1)});
      }
    } else if (!e.is_drill) {
      std::istringstream v(rhs);
      v >> e.value;
      std::string counts;
      if (v >> counts) {
        if (counts.size() < 3 || counts.front() != '(' || counts.back() != ')') { Fail(n, "counts are written (NUMERATOR/DENOMINATOR) or (COUNT)"); return false; }
        counts = counts.substr(1, counts.size() - 2);
        size_t slash = counts.find('/');
        e.numerator = std::stod(counts.substr(0, slash));
        if (slash != std::string::npos) e.denominator = std::stod(counts.substr(slash + 1));
      }
    }
    expectations_.push_back(std::move(e));
    return true;
  }

  // Adds records the scenario implies: its council, the children, teams and
  // workers it names but does not list, and a population of 10,000 a year.
  void AddImplied() {
    auto has = [&](const std::string& type) {
      for (const ScenarioTable& t : tables_) if (t.type == type) return true;
      return false;
    };
    std::map<std::string, std::set<std::string>> named;  // referenced type -> ids
    for (const ScenarioTable& t : tables_) {
      const RecordType* type = FindRecordType(t.type);
      if (!type) continue;
      for (size_t c = 0; c < t.columns.size(); ++c) {
        int col = type->IndexOf(t.columns[c]);
        if (col < 0) continue;
        std::string_view ref = type->field(col).references;
        if (ref != "children" && ref != "teams" && ref != "workers") continue;
        for (const auto& row : t.rows)
          if (c < row.second.size() && !row.second[c].empty()) named[std::string(ref)].insert(row.second[c]);
      }
    }
    named["teams"].insert("T0");
    for (const auto& [ref, ids] : named) {
      std::set<std::string> listed;
      for (const ScenarioTable& t : tables_)
        if (t.type == ref)
          for (const auto& row : t.rows) listed.insert(row.second.empty() ? "" : row.second[0]);
      ScenarioTable implied{ref, 0, {std::string(FindRecordType(ref)->fields[0].name)}, {}};
      if (ref == "teams") implied.columns.push_back("name");
      for (const std::string& id : ids)
        if (!listed.count(id)) {
          implied.rows.push_back({0, {id}});
          if (ref == "teams") implied.rows.back().second.push_back(id);
        }
      if (!implied.rows.empty()) tables_.push_back(implied);
    }
    if (!has("councils")) tables_.push_back({"councils", 0, {"la_code"}, {{0, {"901"}}}});
    if (!has("population")) {
      ScenarioTable pop{"population", 0, {"la_code", "year", "children_0_17"}, {}};
      for (int y = 2000; y <= 2040; ++y) pop.rows.push_back({0, {"901", std::to_string(y), "10000"}});
      tables_.push_back(pop);
    }
  }

  bool Build(Dataset& data) {
    AddImplied();
    Problems problems;
    RowSources sources;
    sources.files.assign(data.tables().size(), path_);
    sources.lines.resize(data.tables().size());
    for (size_t i = 0; i < data.tables().size(); ++i) {
      Table& table = data.tables()[i];
      const RecordType& type = table.type();
      for (const ScenarioTable& t : tables_) {
        if (t.type != type.name) continue;
        std::vector<int> map;
        for (const std::string& c : t.columns) {
          int col = type.IndexOf(c);
          if (col < 0) return Fail(t.line, fmt::format("{} has no column '{}' (see docs/formats.md)", t.type, c)) == 0;
          map.push_back(col);
        }
        auto defaults = Defaults().count(t.type) ? Defaults().at(t.type) : std::map<std::string, std::string>{};
        for (const auto& [line, cells] : t.rows) {
          if (cells.size() != t.columns.size())
            return Fail(line, fmt::format("{} cells for {} columns", cells.size(), t.columns.size())) == 0;
          std::vector<std::string> full(type.fields.size());
          for (size_t f = 0; f < type.fields.size(); ++f)
            if (auto it = defaults.find(std::string(type.fields[f].name)); it != defaults.end()) full[f] = it->second;
          for (size_t c = 0; c < cells.size(); ++c) full[static_cast<size_t>(map[c])] = cells[c];
          std::vector<std::string_view> views(full.begin(), full.end());
          AddRecord(table, views, path_, static_cast<uint64_t>(line), problems);
          sources.lines[i].push_back(static_cast<uint32_t>(line));
        }
      }
    }
    for (const ScenarioTable& t : tables_)
      if (!FindRecordType(t.type)) Fail(t.line, fmt::format("no record type '{}'", t.type));
    if (problems.empty()) CheckDataset(data, sources, problems);
    for (const Problem& p : problems.kept()) Fail(static_cast<int>(p.line), p.ToString());
    return problems.empty() && failures_ == 0;
  }

  static bool Near(double got, const std::string& want) {
    if (want == "-") return std::isnan(got);
    return !std::isnan(got) && std::fabs(got - std::stod(want)) < 0.05;
  }
  static std::string Show(double v) { return std::isnan(v) ? "-" : fmt::format("{:.1f}", v); }

  void Check(const Suite& suite, Evaluator& evaluator, const Expectation& e) {
    const Indicator* ind = suite.Find(e.indicator);
    if (!ind) { Fail(e.line, fmt::format("no indicator '{}' in the suite", e.indicator)); return; }
    auto period = Period::Parse(e.period);
    if (!period.ok()) { Fail(e.line, period.status().message()); return; }
    if (e.is_drill) return CheckDrill(*ind, *period, evaluator, e);
    auto series = evaluator.Compute(*ind, {*period}, e.by);
    if (!series.ok()) { Fail(e.line, series.status().message()); return; }
    std::string group = e.by.empty() ? "All" : e.group;
    auto it = std::find(series->groups.begin(), series->groups.end(), group);
    Cell cell{NAN, NAN, NAN};
    if (it != series->groups.end()) cell = series->cells[static_cast<size_t>(it - series->groups.begin())][0];
    bool ok = Near(cell.value, e.value) && (!e.numerator || Near(cell.numerator, fmt::format("{}", *e.numerator))) &&
              (!e.denominator || Near(cell.denominator, fmt::format("{}", *e.denominator)));
    if (!ok)
      Fail(e.line, fmt::format("{}\n    got {} ({}/{}){}", e.text, Show(cell.value), Show(cell.numerator), Show(cell.denominator),
                               it == series->groups.end() ? fmt::format(": no group '{}'", group) : ""));
  }

  void CheckDrill(const Indicator& ind, const Period& period, Evaluator& evaluator, const Expectation& e) {
    auto drill = evaluator.Drill(ind, period, e.by, e.group);
    if (!drill.ok()) { Fail(e.line, drill.status().message()); return; }
    std::multiset<std::pair<std::string, std::string>> got, want(e.drill.begin(), e.drill.end());
    for (const DrillRecord& r : drill->records) got.insert({r.key, r.role});
    if (got == want) return;
    std::string listed;
    for (const auto& [k, r] : got) listed += fmt::format("{}{} {}", listed.empty() ? "" : ", ", k, r);
    Fail(e.line, fmt::format("{}\n    got {}", e.text, listed.empty() ? "none" : listed));
  }

  std::string path_;
  std::string inline_suite_;
  std::vector<ScenarioTable> tables_;
  std::vector<Expectation> expectations_;
  int failures_ = 0;
};

}  // namespace
}  // namespace scrutiny

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: scenario_runner SUITE FILE...\n";
    return 64;
  }
  int failed = 0, files = 0;
  for (int i = 2; i < argc; ++i, ++files) {
    int f = scrutiny::Scenario(argv[i]).Run(argv[1]);
    failed += f;
    if (f) std::cerr << fmt::format("{}: {} failed\n", argv[i], f);
  }
  std::cout << fmt::format("{} scenario files, {} failures\n", files, failed);
  return failed ? 1 : 0;
}
