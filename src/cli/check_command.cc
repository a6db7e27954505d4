// scrutiny check: every data-quality problem in a folder of scrutiny CSV files,
// in the returns a council makes, or in the store, grouped by rule and team,
// and the indicators it affects.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "check/check_report_writer.h"
#include "cli/commands.h"
#include "cli/suite_loading.h"
#include "ingest/csv_loader.h"
#include "ingest/return_format.h"
#include "ingest/source_join.h"

namespace scrutiny {
namespace {

struct CheckCommandOptions {
  std::vector<std::string> paths;  // a folder of scrutiny CSV files, or returns; none: the store
  ReturnOptions council;           // of the returns
  int year = 0;
  std::string as_at;
  std::string db = DefaultStorePath();
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

// Reads returns as `scrutiny load` would, joined: every reader's problem is one
// a load reports; the records it keeps are checked against the soft rules.
Status ReadReturns(const CheckCommandOptions& o, const std::vector<ReturnFormat>& formats, Dataset& data,
                   RowSources& sources, std::vector<Problem>& hard) {
  for (size_t i = 0; i < formats.size(); ++i)
    if (formats[i] != ReturnFormat::kScrutinyCsv && o.council.la_code.empty())
      return Status::InvalidInput(fmt::format("{} is a return ({}): give the council's code with --council",
                                              o.paths[i], FormatName(formats[i])));
  LoadSourceOptions options{o.council, std::nullopt};
  if (o.year) options.council.collection_year = o.year;
  if (!o.as_at.empty() && !(options.as_at = Date::ParseIso(o.as_at)))
    return Status::InvalidInput(fmt::format("--as-at '{}' is not a YYYY-MM-DD date", o.as_at));
  Problems problems(SIZE_MAX);
  auto joined = ReadAndJoin(GroupLoadInputs(o.paths, formats), options, problems,
                            [](const LoadInput&, const Result<LoadSource>&, size_t) {});
  if (!joined.ok()) return joined.status();
  data = std::move(joined->dataset);
  sources = std::move(joined->sources);
  hard = problems.kept();
  return Status::Ok();
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
  std::vector<ReturnFormat> formats;  // each path's, found once
  for (const std::string& path : o.paths) {
    auto format = DetectReturnFormat(path, o.council.max_file_bytes);
    if (!format.ok()) return Report(format.status());
    formats.push_back(*format);
  }
  bool one_folder = formats.size() == 1 && formats[0] == ReturnFormat::kScrutinyCsv;
  std::optional<std::string> council;
  if (!o.council.la_code.empty()) council = o.council.la_code;
  Status read = o.paths.empty() ? ReadExistingStore(o.db, council, data)
                : one_folder    ? ReadFolder(o.paths[0], data, sources, hard)
                                : ReadReturns(o, formats, data, sources, hard);
  if (!read.ok()) return Report(read);
  auto report = CheckDataQuality(data, o.paths.empty() ? nullptr : &sources, hard,
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
  cmd->add_option("PATH", o->paths,
                  "A folder of scrutiny CSV files, or the returns `scrutiny load` takes (with --council);\n"
                  "without any, the records in the store");
  cmd->add_option("--period", o->period, "Period whose indicators the problems are counted against; its last day is the as-at date")->required();
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_option("--council", o->council.la_code,
                  "Returns: DfE code of the council whose returns they are; the store: only this council");
  cmd->add_option("--year", o->year, "Returns: collection year, as for `scrutiny load`")->check(CLI::Range(1990, 2100));
  cmd->add_option("--as-at", o->as_at, "Annex A: date the workbook describes, YYYY-MM-DD");
  cmd->add_option("--suite", o->suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_option("--format", o->format, "table, csv or json")->check(CLI::IsMember({"table", "csv", "json"}));
  cmd->add_option("--out", o->out, "Write to this file rather than standard output");
  cmd->add_option("--open-days", o->open_days, "Working days an assessment may stay open before it is reported (default 90)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--today", o->today, "The day of the check, YYYY-MM-DD (default today): later dates are in the future");
  cmd->callback([o, &outcome] { outcome.code = RunCheck(*o); });
}

}  // namespace scrutiny
