// scrutiny assess: the scorecard of a council for a period.

#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "assess/scorecard.h"
#include "cli/commands.h"
#include "cli/suite_loading.h"

namespace scrutiny {
namespace {

struct AssessOptions {
  std::string db = DefaultStorePath();
  JudgingFileOptions files;
  std::string period;
  std::string council;
  std::string format = "table";
  std::vector<std::string> indicators;
  int backtest_years = 0;
};

std::string Short(std::string_view s, size_t n) { return s.size() <= n ? std::string(s) : std::string(s.substr(0, n - 1)) + "…"; }

std::string TargetText(const ScorecardLine& l) {
  if (!l.target) return "-";
  const Target& t = *l.target;
  const Indicator& ind = *l.indicator;
  std::string text = t.value ? FormatValue(ind, *t.value * l.pro_rata)
                             : FormatValue(ind, *t.lower * l.pro_rata) + "–" + FormatValue(ind, *t.upper * l.pro_rata);
  return text;
}

std::string BenchmarkText(const ScorecardLine& l) {
  for (const BenchmarkComparison& b : l.benchmarks)
    if (b.kind == "published") return fmt::format("{} {} {}", b.name, b.year, FormatValue(*l.indicator, b.value));
  return "-";
}

// The scorecard as a table a reader can scan: one line per indicator.
void WriteTable(const Scorecard& card, std::ostream& out) {
  out << fmt::format("Scorecard: {} ({}), {}\n\n", card.council_name, card.council, card.period.label);
  out << fmt::format("{:<5} {:<40} {:>9} {:>11} {:<6} {:<3} {:<3} {:<18} {:<11} {:<22} {:<24} {}\n", "No.", "Indicator",
                     "Value", "Target", "RAG", "Prv", "LY", "SPC", "Assurance", "Forecast", "Benchmark", "Rank");
  for (const ScorecardLine& l : card.lines) {
    const Indicator& ind = *l.indicator;
    std::string forecast = l.forecast.ok() ? fmt::format("{} {}", FormatValue(ind, RoundAsShown(l.forecast.value, ind.unit)), LikelihoodName(l.likelihood))
                                           : "-";
    std::string rank = l.standing.rank ? fmt::format("{}/{} {}", l.standing.rank, l.standing.of, l.standing.band) : "-";
    out << fmt::format("{:<5} {:<40} {:>9} {:>11} {:<6} {:<3} {:<3} {:<18} {:<11} {:<22} {:<24} {}\n", ind.number,
                       Short(ind.title, 40), FormatValue(ind, l.cell.value), TargetText(l), RagName(l.rag),
                       l.previous.direction.arrow.empty() ? "-" : l.previous.direction.arrow,
                       l.last_year.direction.arrow.empty() ? "-" : l.last_year.direction.arrow,
                       VariationName(l.spc.variation), AssuranceName(l.spc.assurance), forecast,
                       Short(BenchmarkText(l), 24), rank);
  }
  out << "\nPrv: against the previous period; LY: against the same period last year (↑ ↓ the value's movement, "
         "→ no real change). RAG against the year's target, pro rata for counts of events.\n";
}

// Replays each indicator's year-end forecasts over past years and prints how far off they were.
ExitCode RunBackTests(ScorecardBuilder& builder, const AssessOptions& o, const Period& period,
                      const std::vector<const Indicator*>& chosen) {
  int last_year = FinancialYear::Of(period.last).start_year;
  if (period.last != FinancialYear{last_year}.last_day()) --last_year;
  std::cout << fmt::format("Forecast back-test: {} financial years to {}, each replayed from 1 to 11 months to date\n\n",
                           o.backtest_years, FinancialYear{last_year}.Label());
  std::cout << fmt::format("{:<5} {:<40} {:>9} {:>12} {:>8} {:>9} {:>9} {:>9} {:>9}\n", "No.", "Indicator", "Forecasts",
                           "Mean error", "MAPE", "Coverage", "MAPE m=3", "m=6", "m=9");
  auto pct = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.1f}%", v); };
  for (const Indicator* ind : chosen) {
    auto test = builder.BackTestOf(o.council, *ind, last_year, o.backtest_years);
    if (!test.ok()) return Report(test.status());
    const ForecastAccuracy& a = test->overall;
    std::cout << fmt::format("{:<5} {:<40} {:>9} {:>12} {:>8} {:>9} {:>9} {:>9} {:>9}\n", ind->number,
                             Short(ind->title, 40), a.forecasts, FormatValue(*ind, a.mean_absolute_error),
                             pct(a.mean_absolute_percentage_error), pct(100 * a.coverage),
                             pct(test->by_month[2].mean_absolute_percentage_error),
                             pct(test->by_month[5].mean_absolute_percentage_error),
                             pct(test->by_month[8].mean_absolute_percentage_error));
  }
  return ExitCode::kOk;
}

ExitCode RunAssess(const AssessOptions& o) {
  auto period = Period::Parse(o.period);
  if (!period.ok()) return Report(period.status());
  auto files = JudgingFiles::Load(o.files);
  if (!files.ok()) return Report(files.status());
  const Suite* suite = &files->suite;
  std::vector<const Indicator*> chosen;
  for (const std::string& n : o.indicators) {
    const Indicator* ind = suite->Find(n);
    if (!ind) return Report(Status::InvalidInput(fmt::format("the suite has no indicator '{}'", n)));
    chosen.push_back(ind);
  }
  if (chosen.empty())
    for (const Indicator& ind : suite->indicators) chosen.push_back(&ind);
  // Left for the process exit to free (see compute).
  Dataset& data = *new Dataset();
  if (Status s = ReadStore(o.db, std::nullopt, data, false); !s.ok()) return Report(s);
  ScorecardBuilder builder(data, {suite, &files->targets, &files->benchmarks});
  if (o.backtest_years > 0) return RunBackTests(builder, o, *period, chosen);
  auto card = builder.Build(o.council, *period, chosen);
  if (!card.ok()) return Report(card.status());
  if (o.format == "json") {
    auto store = Store::Open(o.db);
    if (!store.ok()) return Report(store.status());
    auto comments = store->CurrentComments(card->council, card->period.label);
    if (!comments.ok()) return Report(comments.status());
    std::cout << ScorecardJson(*card, *comments) << "\n";
    return ExitCode::kOk;
  }
  WriteTable(*card, std::cout);
  return ExitCode::kOk;
}

}  // namespace

void AddAssessCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<AssessOptions>();
  CLI::App* cmd = app.add_subcommand("assess", "Judge every indicator for a period: target and RAG, direction of travel, SPC, year-end forecast, benchmarks.");
  cmd->add_option("--period", o->period, "2021-10 (month), 2021-22 (financial year), 2021-22-Q3, 2021-10-YTD, 2021-10-R12 or 2021-10-15")->required();
  cmd->add_option("--council", o->council, "The council (LA code) when the store holds several; the others become its peers");
  cmd->add_option("--indicator", o->indicators, "Only these indicators (by number); repeatable");
  o->files.AddTo(cmd);
  cmd->add_option("--format", o->format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_option("--backtest", o->backtest_years, "Instead of a scorecard: replay the year-end forecasts of this many past financial years and report their error")
      ->check(CLI::Range(2, 20));
  cmd->callback([o, &outcome] { outcome.code = RunAssess(*o); });
}

}  // namespace scrutiny
