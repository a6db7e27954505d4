// scrutiny indicators: check a suite file and list or document its indicators.

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "indicators/suite.h"
#include "indicators/suite_doc.h"

namespace scrutiny {
namespace {

ExitCode RunIndicators(const std::string& path, bool doc) {
  auto suite = LoadSuite(path.empty() ? DefaultSuitePath() : path);
  if (!suite.ok()) return Report(suite.status());
  if (doc) {
    WriteSuiteDoc(*suite, std::cout);
    return ExitCode::kOk;
  }
  std::cout << fmt::format("{}: {} indicators, all definitions valid\n\n", suite->path, suite->indicators.size());
  for (const Indicator& ind : suite->indicators)
    std::cout << fmt::format("{:<6} {:<28} {:<66} {}\n", ind.number, ind.area, ind.title, UnitName(ind.unit));
  return ExitCode::kOk;
}

}  // namespace

void AddIndicatorsCommand(CLI::App& app, CommandOutcome& outcome) {
  auto suite = std::make_shared<std::string>();
  auto doc = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("indicators", "Check a suite file and list its indicators; --doc writes docs/indicators.md.");
  cmd->add_option("--suite", *suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_flag("--doc", *doc, "Print the Markdown documentation of the vocabulary and every indicator");
  cmd->callback([suite, doc, &outcome] { outcome.code = RunIndicators(*suite, *doc); });
}

}  // namespace scrutiny
