// scrutiny generate: write a synthetic council (or all of England) as scrutiny CSV.

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress.h"
#include "synth/synthetic_council.h"

namespace scrutiny {
namespace {

struct GenerateOptions {
  std::string size = "medium";
  int years = 5;
  uint64_t seed = 1;
  double fault_rate = 0.03;
  std::string format = "scrutiny";
  std::string as_at;
  std::string out;
};

ExitCode RunGenerate(const GenerateOptions& o) {
  auto size = ParseCouncilSize(o.size);
  if (!size) return Report(Status::InvalidInput(fmt::format("--size '{}': use small, medium, large or england", o.size)));
  SynthOptions options;
  options.size = *size;
  options.years = o.years;
  options.seed = o.seed;
  options.fault_rate = o.fault_rate;
  auto formats = ParseCouncilFormats(o.format);
  if (!formats.ok()) return Report(formats.status());
  options.formats = *formats;
  if (!o.as_at.empty()) {
    options.annex_a_as_at = Date::ParseIso(o.as_at);
    if (!options.annex_a_as_at || *options.annex_a_as_at > options.end_date)
      return Report(Status::InvalidInput(
          fmt::format("--as-at '{}': a YYYY-MM-DD date not after {}", o.as_at, options.end_date.ToIso())));
  }
  Status s;
  {
    ProgressDisplay bar("generating");
    s = GenerateCouncils(options, o.out, [&](int done, int total) {
      bar.Update(static_cast<uint64_t>(done), static_cast<uint64_t>(total));
    });
  }
  if (!s.ok()) return Report(s);
  std::cout << fmt::format("Wrote a synthetic {} council ({} years, seed {}) to {}\n", o.size, o.years, o.seed, o.out);
  return ExitCode::kOk;
}

}  // namespace

void AddGenerateCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<GenerateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Write a synthetic council in the scrutiny CSV format, or as the returns councils make: children flowing from contact to care and\n"
      "out, at rates like England's, with seasonality, staff turnover and recording faults. The same\n"
      "options give the same bytes. No real child is in it.");
  cmd->add_option("--size", o->size, "small (~40,000 children), medium (~100,000), large (~300,000) or england (~12 million in 150 councils)")
      ->capture_default_str();
  cmd->add_option("--years", o->years, "Financial years of history, ending 31 March")->check(CLI::Range(1, 20))->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed")->capture_default_str();
  cmd->add_option("--fault-rate", o->fault_rate, "Share of records with a recording fault (0 to 0.5)")
      ->check(CLI::Range(0.0, 0.5))->capture_default_str();
  cmd->add_option("--format", o->format,
                  "scrutiny (CSV), ssda903, cin-census, csww, annex-a, or a list: ssda903,cin-census. The returns\n"
                  "go to FORMAT/LA/ under --out: one per collection year (CSWW: per 30 September), Annex A on --as-at")
      ->capture_default_str();
  cmd->add_option("--as-at", o->as_at, "annex-a: the day the workbook describes, YYYY-MM-DD (default: the last day of the data)");
  cmd->add_option("--out", o->out, "Folder to write")->required();
  cmd->callback([o, &outcome] { outcome.code = RunGenerate(*o); });
}

}  // namespace scrutiny
