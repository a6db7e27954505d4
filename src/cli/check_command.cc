// scrutiny check: every data-quality problem in a folder of scrutiny CSV files
// or in the store, grouped by rule and team, and the indicators it affects.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "check/check_report_writer.h"
#include "cli/commands.h"
#include "cli/suite_loading.h"
#include "ingest/csv_loader.h"

namespace scrutiny {
namespace {

struct CheckCommandOptions {
  std::string dir;  // a folder of scrutiny CSV files; empty: the store
  std::string db = DefaultStorePath();
  std::optional<std::string> council;
  std::string period;
  std::string suite;
  std::string format = "table";
  std::string out;
  std::string today;
  int open_days = 90;
};

Result<Date> TodayOr(const std::string& given) {
  if (!given.empty()) {
    auto d = Date::ParseIso(given);
    if (!d) return Status::InvalidInput(fmt::format("--today '{}' is not a date (YYYY-MM-DD)", given));
    return *d;
  }
  std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return Date::FromCivil(static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                         static_cast<int>(static_cast<unsigned>(ymd.day())));
}

// Reads a folder as `scrutiny load` would: its hard problems, then the rows it accepts.
Status ReadFolder(const std::string& dir, Dataset& data, RowSources& sources, std::vector<Problem>& hard) {
  CsvFolderLoad folder(dir);
  Problems problems(SIZE_MAX);
  Status checked = folder.Check(problems);
  if (!checked.ok() && problems.empty()) return checked;  // the folder itself could not be read
  hard = problems.kept();
  return ReadCsvFolder(dir, data, sources);
}

// Reads the store, which must exist: a new, empty one would look clean.
Status ReadExistingStore(const std::string& db, const std::optional<std::string>& council, Dataset& data) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec))
    return Status::IoError(fmt::format("{}: no store there; give a folder to check, or --db a store", db));
  return ReadStore(db, council, data);
}

Status Write(const std::string& text, const std::string& out) {
  if (out.empty()) {
    std::cout << text;
    return Status::Ok();
  }
  std::ofstream file(out, std::ios::binary);
  file << text;
  if (!file.good()) return Status::IoError(fmt::format("{}: could not be written", out));
  return Status::Ok();
}

// A bad option value is a bad command line (64), not bad data (65, which means hard problems here).
ExitCode Usage(const Status& s) {
  Report(s);
  return ExitCode::kUsage;
}

ExitCode RunCheck(const CheckCommandOptions& o) {
  auto period = Period::Parse(o.period);
  if (!period.ok()) return Usage(period.status());
  auto today = TodayOr(o.today);
  if (!today.ok()) return Usage(today.status());
  auto suite = LoadSuite(o.suite.empty() ? DefaultSuitePath() : o.suite);
  if (!suite.ok()) return Report(suite.status());
  Dataset data;
  RowSources sources;
  std::vector<Problem> hard;
  Status read = o.dir.empty() ? ReadExistingStore(o.db, o.council, data) : ReadFolder(o.dir, data, sources, hard);
  if (!read.ok()) return Report(read);
  auto report = CheckDataQuality(data, o.dir.empty() ? nullptr : &sources, hard,
                                 {&*suite, *period, *today, o.open_days});
  if (!report.ok()) return Report(report.status());
  std::string text = o.format == "csv" ? CheckCsv(*report) : o.format == "json" ? CheckJson(*report) : CheckTable(*report);
  if (Status s = Write(text, o.out); !s.ok()) return Report(s);
  if (report->HasHardProblems()) return ExitCode::kBadInput;
  return report->problems.empty() ? ExitCode::kOk : ExitCode::kQualityProblems;
}

}  // namespace

void AddCheckCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<CheckCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Report every data-quality problem, by rule and team, and the indicators it affects (docs/check.md). "
               "Exit 0: none; 1: soft problems only; 65: problems a load would refuse.");
  cmd->add_option("dir", o->dir, "Folder of scrutiny CSV files; without it, the records in the store");
  cmd->add_option("--period", o->period, "Period whose indicators the problems are counted against; its last day is the as-at date")->required();
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_option("--council", o->council, "Only this council (LA code) of the store");
  cmd->add_option("--suite", o->suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_option("--format", o->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", o->out, "Write to this file rather than standard output");
  cmd->add_option("--open-days", o->open_days, "Working days an assessment may stay open before it is reported (default 90)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--today", o->today, "The day of the check, YYYY-MM-DD (default today): later dates are in the future");
  cmd->callback([o, &outcome] { outcome.code = RunCheck(*o); });
}

}  // namespace scrutiny
