// scrutiny calendar: bank holidays and working days, as the indicators count them.

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "core/bank_holidays.h"
#include "core/working_calendar.h"

namespace scrutiny {
namespace {

struct CalendarOptions {
  int year = 0;
  std::string from, to, closures;
  bool inclusive = false;
};

Result<Date> ParseDateOption(const std::string& name, const std::string& text) {
  auto d = Date::ParseIso(text);
  if (!d) return Status::InvalidInput(fmt::format("{} '{}': a date is YYYY-MM-DD", name, text));
  return *d;
}

// Reads closure days, one YYYY-MM-DD per line ('#' starts a comment).
Result<std::vector<Date>> ReadClosures(const std::string& path) {
  std::vector<Date> days;
  if (path.empty()) return days;
  std::ifstream in(path);
  if (!in) return Status::IoError(fmt::format("{}: cannot open", path));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    line = line.substr(0, line.find('#'));
    while (!line.empty() && isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    if (line.empty()) continue;
    auto d = Date::ParseIso(line);
    if (!d) return Status::InvalidInput(fmt::format("{}:{}: '{}' is not a date: write one YYYY-MM-DD per line", path, n, line));
    days.push_back(*d);
  }
  return days;
}

ExitCode RunCalendar(const CalendarOptions& o) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  if (o.year) {
    for (Date d : EnglandWalesBankHolidays(o.year))
      std::cout << d.ToIso() << " " << kDays[static_cast<int>(d.weekday())] << "\n";
    return ExitCode::kOk;
  }
  if (o.from.empty() || o.to.empty()) return Report(Status::InvalidInput("give --year, or --from and --to"));
  auto from = ParseDateOption("--from", o.from);
  if (!from.ok()) return Report(from.status());
  auto to = ParseDateOption("--to", o.to);
  if (!to.ok()) return Report(to.status());
  auto closures = ReadClosures(o.closures);
  if (!closures.ok()) return Report(closures.status());
  WorkingCalendar calendar(*closures);
  int days = calendar.WorkingDaysBetween(*from, *to, o.inclusive ? DayCount::kIncludeStart : DayCount::kExcludeStart);
  std::cout << days << "\n";
  return ExitCode::kOk;
}

}  // namespace

void AddCalendarCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<CalendarOptions>();
  CLI::App* cmd = app.add_subcommand(
      "calendar",
      "List England and Wales bank holidays (--year), or count working days from one date to another\n"
      "(--from, --to) by the DfE convention: days after the start up to and including the end.");
  cmd->add_option("--year", o->year, "List the bank holidays of this year")->check(CLI::Range(1900, 2100));
  cmd->add_option("--from", o->from, "First date, YYYY-MM-DD");
  cmd->add_option("--to", o->to, "Last date, YYYY-MM-DD");
  cmd->add_flag("--inclusive", o->inclusive, "Count the start day too (as Excel NETWORKDAYS)");
  cmd->add_option("--closures", o->closures, "File of the council's own closure days, one YYYY-MM-DD a line")->check(CLI::ExistingFile);
  cmd->callback([o, &outcome] { outcome.code = RunCalendar(*o); });
}

}  // namespace scrutiny
