#pragma once
// The subcommands of the scrutiny command. Each Add*Command registers its
// options on the app and sets what runs when it is chosen; the run sets the
// exit code (core/status.h ExitCode).

#include <CLI/CLI.hpp>

#include "core/status.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// Where a command's outcome goes: set by the command, returned by main.
struct CommandOutcome {
  ExitCode code = ExitCode::kOk;
};

void AddGenerateCommand(CLI::App& app, CommandOutcome& outcome);
void AddLoadCommand(CLI::App& app, CommandOutcome& outcome);
void AddConvertCommand(CLI::App& app, CommandOutcome& outcome);
void AddStatusCommand(CLI::App& app, CommandOutcome& outcome);
void AddFormatsCommand(CLI::App& app, CommandOutcome& outcome);
void AddCalendarCommand(CLI::App& app, CommandOutcome& outcome);
void AddComputeCommand(CLI::App& app, CommandOutcome& outcome);
void AddDrillCommand(CLI::App& app, CommandOutcome& outcome);
void AddIndicatorsCommand(CLI::App& app, CommandOutcome& outcome);
void AddAssessCommand(CLI::App& app, CommandOutcome& outcome);
void AddCommentCommand(CLI::App& app, CommandOutcome& outcome);
void AddReportCommand(CLI::App& app, CommandOutcome& outcome);
void AddCheckCommand(CLI::App& app, CommandOutcome& outcome);

// Prints a failed status to stderr and returns its exit code.
ExitCode Report(const Status& s);

// Prints why the command line cannot be run and returns ExitCode::kUsage.
ExitCode UsageError(std::string_view message);

// Why --year is refused with several SSDA903 returns (convert and load).
inline constexpr std::string_view kYearOfSeveralReturns =
    "--year is for one return; of several SSDA903 returns, CIN censuses or workforce returns, each one's year is "
    "its own (its latest DECOM; the census's or workforce return's header)";

// Prints how many problems break each rule, then the first of them.
void PrintProblems(const Problems& problems);

// Writes every problem to the file, one a line.
Status WriteProblems(const Problems& problems, const std::string& path);

// Writes the dataset as a folder of scrutiny CSV files.
Status WriteDataset(const Dataset& dataset, const std::string& dir);

// The store file used when --db is not given: $SCRUTINY_DB, else scrutiny.db.
std::string DefaultStorePath();

}  // namespace scrutiny
