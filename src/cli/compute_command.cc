// scrutiny compute: indicator values for a period and its history.

#include <sys/resource.h>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/suite_loading.h"
#include "indicators/breakdown.h"

namespace scrutiny {
namespace {

struct ComputeOptions {
  std::string db = DefaultStorePath();
  std::string suite;
  std::string period;
  std::string by;
  std::string format = "table";
  std::optional<std::string> council;
  std::vector<std::string> indicators;
  int history = 1;
  bool timing = false;
};

void WriteTable(const std::vector<IndicatorSeries>& all, std::ostream& out) {
  bool grouped = std::any_of(all.begin(), all.end(), [](const IndicatorSeries& s) { return !s.breakdown.empty(); });
  size_t width = 9;
  for (const IndicatorSeries& s : all) width = std::max(width, s.indicator->title.size());
  out << fmt::format("{:<6} {:<{}} {:<12} {}{:>14} {:>12} {:>12}\n", "No.", "Indicator", width, "Period",
                     grouped ? fmt::format("{:<28} ", "Group") : "", "Value", "Numerator", "Denominator");
  for (const IndicatorSeries& s : all) {
    const Indicator& ind = *s.indicator;
    for (size_t g = 0; g < s.groups.size(); ++g)
      for (size_t p = 0; p < s.periods.size(); ++p) {
        const Cell& c = s.cells[g][p];
        out << fmt::format("{:<6} {:<{}} {:<12} {}{:>14} {:>12} {:>12}\n", ind.number, ind.title, width,
                           s.periods[p].label, grouped ? fmt::format("{:<28} ", s.groups[g].substr(0, 28)) : "",
                           FormatValue(ind, c.value), FormatNumber(c.numerator), FormatNumber(c.denominator));
      }
  }
}

std::string Raw(double v) { return std::isnan(v) ? "" : fmt::format("{}", v); }

void WriteCsvField(const std::vector<IndicatorSeries>& all, std::ostream& out) {
  out << "number,title,unit,period,first_day,last_day,breakdown,group,value,numerator,denominator\n";
  for (const IndicatorSeries& s : all)
    for (size_t g = 0; g < s.groups.size(); ++g)
      for (size_t p = 0; p < s.periods.size(); ++p) {
        const Cell& c = s.cells[g][p];
        const Period& per = s.periods[p];
        out << fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", CsvField(s.indicator->number), CsvField(s.indicator->title),
                           UnitName(s.indicator->unit) == "rate per 10,000" ? "rate" : UnitName(s.indicator->unit),
                           per.label, per.first.ToIso(), per.last.ToIso(), s.breakdown, CsvField(s.groups[g]),
                           Raw(c.value), Raw(c.numerator), Raw(c.denominator));
      }
}

void WriteJson(const std::vector<IndicatorSeries>& all, std::ostream& out) {
  nlohmann::json doc = nlohmann::json::array();
  auto number = [](double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); };
  for (const IndicatorSeries& s : all) {
    const Indicator& ind = *s.indicator;
    nlohmann::json j = {{"number", ind.number}, {"title", ind.title}, {"area", ind.area},
                        {"unit", UnitName(ind.unit)}, {"polarity", PolarityName(ind.polarity)},
                        {"breakdown", s.breakdown}, {"groups", nlohmann::json::array()}};
    for (size_t g = 0; g < s.groups.size(); ++g) {
      nlohmann::json values = nlohmann::json::array();
      for (size_t p = 0; p < s.periods.size(); ++p) {
        const Cell& c = s.cells[g][p];
        values.push_back({{"period", s.periods[p].label}, {"value", number(c.value)},
                          {"numerator", number(c.numerator)}, {"denominator", number(c.denominator)}});
      }
      j["groups"].push_back({{"group", s.groups[g]}, {"values", values}});
    }
    doc.push_back(j);
  }
  out << doc.dump(1) << "\n";
}

// The most memory the process has held, in MB.
long PeakMemoryMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

ExitCode RunCompute(const ComputeOptions& o) {
  using Clock = std::chrono::steady_clock;
  auto period = Period::Parse(o.period);
  if (!period.ok()) return Report(period.status());
  if (o.history < 1 || o.history > 600) return Report(Status::InvalidInput("--history must be 1 to 600 periods"));
  auto suite = LoadSuite(o.suite.empty() ? DefaultSuitePath() : o.suite);
  if (!suite.ok()) return Report(suite.status());
  std::vector<const Indicator*> chosen;
  for (const std::string& n : o.indicators) {
    const Indicator* ind = suite->Find(n);
    if (!ind) return Report(Status::InvalidInput(fmt::format("no indicator '{}' in {}", n, suite->path)));
    chosen.push_back(ind);
  }
  if (chosen.empty())
    for (const Indicator& ind : suite->indicators) chosen.push_back(&ind);
  auto t0 = Clock::now();
  // Left for the process exit to free: freeing millions of strings one by one
  // takes longer than computing with them.
  Dataset& data = *new Dataset();
  if (Status s = ReadStore(o.db, o.council, data, false); !s.ok()) return Report(s);
  auto t1 = Clock::now();
  Evaluator evaluator(data);
  std::vector<Period> periods = History(*period, o.history);
  std::vector<IndicatorSeries> results;
  size_t values = 0;
  std::vector<std::pair<double, std::string>> slowest;
  for (const Indicator* ind : chosen) {
    auto started = Clock::now();
    std::string by = o.by;
    if (!by.empty()) {
      auto offered = Breakdown::Available(*ind);
      if (std::find(offered.begin(), offered.end(), by) == offered.end()) {
        if (o.indicators.size() == 1) return Report(Status::InvalidInput(fmt::format("indicator {} has no breakdown '{}'", ind->number, by)));
        by.clear();
      }
    }
    auto series = evaluator.Compute(*ind, periods, by);
    if (!series.ok()) return Report(Status::InvalidInput(fmt::format("indicator {}: {}", ind->number, series.status().message())));
    values += series->groups.size() * periods.size();
    results.push_back(std::move(*series));
    slowest.push_back({std::chrono::duration<double>(Clock::now() - started).count(), ind->number});
  }
  auto t2 = Clock::now();
  if (o.format == "csv") WriteCsvField(results, std::cout);
  else if (o.format == "json") WriteJson(results, std::cout);
  else WriteTable(results, std::cout);
  if (o.timing)
    std::cerr << fmt::format("read {} records in {:.3f} s; computed {} values ({} indicators x {} periods) in {:.3f} s; "
                             "peak memory {} MB\n",
                             data.TotalRows(), std::chrono::duration<double>(t1 - t0).count(), values, chosen.size(),
                             periods.size(), std::chrono::duration<double>(t2 - t1).count(), PeakMemoryMb());
  if (o.timing) {
    std::sort(slowest.rbegin(), slowest.rend());
    std::cerr << "slowest:";
    for (size_t i = 0; i < slowest.size() && i < 8; ++i) std::cerr << fmt::format(" {} {:.3f} s", slowest[i].second, slowest[i].first);
    std::cerr << "\n";
  }
  return ExitCode::kOk;
}

}  // namespace

void AddComputeCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ComputeOptions>();
  CLI::App* cmd = app.add_subcommand("compute", "Compute the indicators of a suite for a period and, with --history, the periods before it.");
  cmd->add_option("--period", o->period, "2021-10 (month), 2021-22 (financial year), 2021-22-Q3, 2021-10-YTD, 2021-10-R12 or 2021-10-15 (as at)")->required();
  cmd->add_option("--history", o->history, "Number of periods ending with --period (60 months = five years)");
  cmd->add_option("--by", o->by, "Breakdown: council, team, worker, age_band, sex, ethnic_group, disability, uasc, duration or a coded field such as source");
  cmd->add_option("--indicator", o->indicators, "Only these indicators (by number); repeatable");
  cmd->add_option("--council", o->council, "Only this council (LA code); default every council in the store");
  cmd->add_option("--suite", o->suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_option("--format", o->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_flag("--timing", o->timing, "Report read and compute times on stderr");
  cmd->callback([o, &outcome] { outcome.code = RunCompute(*o); });
}

}  // namespace scrutiny
