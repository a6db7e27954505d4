// scrutiny load: validate a folder of scrutiny CSV files and store it.

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/progress.h"
#include "ingest/csv_loader.h"
#include "store/store.h"

namespace scrutiny {
namespace {

struct LoadOptions {
  std::string dir;
  std::string db = DefaultStorePath();
  size_t max_problems = 100;
};

ExitCode RunLoad(const LoadOptions& o) {
  CsvFolderLoad folder(o.dir);
  Problems problems(o.max_problems);
  Status checked;
  {
    ProgressDisplay bar("checking");
    checked = folder.Check(problems, [&](uint64_t d, uint64_t t) { bar.Update(d, t); });
  }
  for (const Problem& p : problems.kept()) std::cerr << p.ToString() << "\n";
  if (problems.total() > problems.kept().size())
    std::cerr << fmt::format("... and {} more (raise --max-errors to see them)\n", problems.total() - problems.kept().size());
  if (!checked.ok()) return Report(checked);

  auto store = Store::Open(o.db);
  if (!store.ok()) return Report(store.status());
  Result<int64_t> load = Status::Internal("not run");
  {
    ProgressDisplay bar("storing");
    load = store->Load(folder, [&](uint64_t d, uint64_t t) { bar.Update(d, t); });
  }
  if (!load.ok()) return Report(load.status());
  std::cout << fmt::format("Load {} stored {} records from {} files into {}\n", *load, folder.rows(), folder.files().size(), o.db);
  for (const SourceFile& f : folder.files()) std::cout << fmt::format("  {:<24} {:>10}\n", f.record_type, f.rows);
  return ExitCode::kOk;
}

}  // namespace

void AddLoadCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<LoadOptions>();
  CLI::App* cmd = app.add_subcommand(
      "load",
      "Check a folder of scrutiny CSV files (docs/formats.md) and store it. Every row is checked first;\n"
      "any problem is reported as file:line, column, value and rule, and then nothing is stored (exit 65).\n"
      "A load replaces all data held for the councils in its councils.csv, in one transaction.");
  cmd->add_option("DIR", o->dir, "Folder holding the CSV files")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_option("--max-errors", o->max_problems, "Problems to list before counting the rest")->capture_default_str();
  cmd->callback([o, &outcome] { outcome.code = RunLoad(*o); });
}

}  // namespace scrutiny
