// The scrutiny command: children's social care performance from case records.

#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "core/memory_policy.h"

int main(int argc, char** argv) {
  using scrutiny::ExitCode;
  scrutiny::KeepFreedMemory();
  CLI::App app{
      "Scrutiny: performance of children's social care from a council's case records.\n\n"
      "Exit codes: 0 ok; 64 bad command line; 65 bad input data (nothing was loaded);\n"
      "74 a file could not be read or written; 70 internal failure (a fault of ours).",
      "scrutiny"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "scrutiny 0.1.0");
  scrutiny::CommandOutcome outcome;
  scrutiny::AddGenerateCommand(app, outcome);
  scrutiny::AddLoadCommand(app, outcome);
  scrutiny::AddConvertCommand(app, outcome);
  scrutiny::AddStatusCommand(app, outcome);
  scrutiny::AddFormatsCommand(app, outcome);
  scrutiny::AddCalendarCommand(app, outcome);
  scrutiny::AddComputeCommand(app, outcome);
  scrutiny::AddDrillCommand(app, outcome);
  scrutiny::AddIndicatorsCommand(app, outcome);
  scrutiny::AddAssessCommand(app, outcome);
  scrutiny::AddCommentCommand(app, outcome);
  scrutiny::AddReportCommand(app, outcome);
  scrutiny::AddCheckCommand(app, outcome);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::kUsage);
  } catch (const std::exception& e) {
    std::cerr << "scrutiny: internal failure: " << e.what() << "\n";
    return static_cast<int>(ExitCode::kInternal);
  }
  return static_cast<int>(outcome.code);
}
