// scrutiny drill: the records behind one indicator value.

#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/suite_loading.h"

namespace scrutiny {
namespace {

struct DrillOptions {
  std::string db = DefaultStorePath();
  std::string suite;
  std::string indicator;
  std::string period;
  std::string by;
  std::string group;
  std::string format = "table";
  std::optional<std::string> council;
  bool numerator_only = false;
};

ExitCode RunDrill(const DrillOptions& o) {
  auto period = Period::Parse(o.period);
  if (!period.ok()) return Report(period.status());
  auto suite = LoadSuite(o.suite.empty() ? DefaultSuitePath() : o.suite);
  if (!suite.ok()) return Report(suite.status());
  const Indicator* ind = suite->Find(o.indicator);
  if (!ind) return Report(Status::InvalidInput(fmt::format("no indicator '{}' in {}", o.indicator, suite->path)));
  if (!o.group.empty() && o.by.empty()) return Report(Status::InvalidInput("--group needs --by"));
  // Left for the process exit to free: freeing millions of strings one by one
  // takes longer than computing with them.
  Dataset& data = *new Dataset();
  if (Status s = ReadStore(o.db, o.council, data); !s.ok()) return Report(s);
  Evaluator evaluator(data);
  auto drill = evaluator.Drill(*ind, *period, o.by, o.group);
  if (!drill.ok()) return Report(drill.status());
  std::vector<const DrillRecord*> rows;
  for (const DrillRecord& r : drill->records)
    if (!o.numerator_only || r.role == "numerator" || r.role == "counted") rows.push_back(&r);
  std::vector<std::string> columns;
  if (!rows.empty())
    for (const auto& [name, value] : rows.front()->fields) columns.push_back(name);
  bool has_value = ind->unit == Unit::kDays || (ind->unit == Unit::kAverage && ind->per.empty());
  if (o.format == "json") {
    nlohmann::json j = {{"number", ind->number}, {"title", ind->title}, {"period", period->label},
                        {"value", std::isnan(drill->cell.value) ? nlohmann::json(nullptr) : nlohmann::json(drill->cell.value)},
                        {"records", nlohmann::json::array()}};
    for (const DrillRecord* r : rows) {
      nlohmann::json rec = {{"record_type", r->record_type}, {"key", r->key}, {"child_id", r->child_id},
                            {"group", r->group}, {"role", r->role}};
      if (has_value) rec["value"] = std::isnan(r->value) ? nlohmann::json(nullptr) : nlohmann::json(r->value);
      for (const auto& [name, value] : r->fields) rec["fields"][name] = value;
      j["records"].push_back(rec);
    }
    std::cout << j.dump(1) << "\n";
    return ExitCode::kOk;
  }
  if (o.format == "csv") {
    std::cout << "record_type,key,child_id,group,role" << (has_value ? ",value" : "");
    for (const std::string& c : columns) std::cout << "," << CsvField(c);
    std::cout << "\n";
    for (const DrillRecord* r : rows) {
      std::cout << fmt::format("{},{},{},{},{}", r->record_type, CsvField(r->key), r->child_id, CsvField(r->group), r->role);
      if (has_value) std::cout << "," << (std::isnan(r->value) ? "" : fmt::format("{}", r->value));
      for (const auto& f : r->fields) std::cout << "," << CsvField(f.second);
      std::cout << "\n";
    }
    return ExitCode::kOk;
  }
  std::cout << fmt::format("{} {} — {}{}\nValue {} (numerator {}, denominator {}); {} records listed\n\n", ind->number,
                           ind->title, period->label, o.group.empty() ? "" : fmt::format(" — {} {}", o.by, o.group),
                           FormatValue(*ind, drill->cell.value), FormatNumber(drill->cell.numerator),
                           FormatNumber(drill->cell.denominator), rows.size());
  std::vector<size_t> widths;
  std::vector<std::string> head = {"record", "child", "role"};
  if (has_value) head.push_back("value");
  head.insert(head.end(), columns.begin(), columns.end());
  std::vector<std::vector<std::string>> cells;
  for (const DrillRecord* r : rows) {
    std::vector<std::string> line = {r->key, r->child_id, r->role};
    if (has_value) line.push_back(std::isnan(r->value) ? "" : FormatNumber(r->value));
    for (const auto& f : r->fields) line.push_back(f.second);
    cells.push_back(std::move(line));
  }
  for (size_t i = 0; i < head.size(); ++i) {
    size_t w = head[i].size();
    for (const auto& line : cells) w = std::max(w, i < line.size() ? line[i].size() : 0);
    widths.push_back(std::min<size_t>(w, 40));
  }
  auto print = [&](const std::vector<std::string>& line) {
    for (size_t i = 0; i < line.size(); ++i) std::cout << fmt::format("{:<{}}  ", line[i], widths[i]);
    std::cout << "\n";
  };
  print(head);
  for (const auto& line : cells) print(line);
  return ExitCode::kOk;
}

}  // namespace

void AddDrillCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<DrillOptions>();
  CLI::App* cmd = app.add_subcommand("drill", "List the records behind one indicator value: each child counted, the dates that decided it, team and worker.");
  cmd->add_option("indicator", o->indicator, "Indicator number, e.g. 4.3")->required();
  cmd->add_option("--period", o->period, "Period, as for compute")->required();
  cmd->add_option("--by", o->by, "Breakdown whose group to list (with --group)");
  cmd->add_option("--group", o->group, "Only the records of this group, e.g. a team name");
  cmd->add_flag("--numerator", o->numerator_only, "Only records counted in the numerator");
  cmd->add_option("--council", o->council, "Only this council (LA code)");
  cmd->add_option("--suite", o->suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_option("--format", o->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->callback([o, &outcome] { outcome.code = RunDrill(*o); });
}

}  // namespace scrutiny
