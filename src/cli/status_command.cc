// scrutiny status: what the store holds and how it got there.

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "store/store.h"

namespace scrutiny {
namespace {

ExitCode RunStatus(const std::string& db, bool files) {
  auto store = Store::Open(db);
  if (!store.ok()) return Report(store.status());
  auto loads = store->Loads();
  if (!loads.ok()) return Report(loads.status());
  auto summary = store->Summarise();
  if (!summary.ok()) return Report(summary.status());
  std::cout << fmt::format("Store {} (schema version {})\n\nLoads:\n", db, Store::LatestSchemaVersion());
  if (loads->empty()) std::cout << "  none\n";
  for (const LoadRecord& l : *loads) {
    std::cout << fmt::format("  {:>3}  {}  councils {}  from {}\n", l.load_id, l.loaded_at, l.councils, l.source);
    if (!files) continue;
    for (const SourceFile& f : l.files)
      std::cout << fmt::format("         {:<28} {:>10} rows  sha256 {}\n", f.record_type + ".csv", f.rows, f.sha256);
  }
  std::cout << fmt::format("\n{:<24} {:>10}  {}\n", "Record type", "Rows", "Dates covered");
  for (const StoredRecordType& t : *summary) {
    std::string span = t.first_date.empty() ? "" : fmt::format("{} to {}", t.first_date, t.last_date);
    std::cout << fmt::format("{:<24} {:>10}  {}\n", t.record_type, t.rows, span);
  }
  return ExitCode::kOk;
}

}  // namespace

void AddStatusCommand(CLI::App& app, CommandOutcome& outcome) {
  auto db = std::make_shared<std::string>(DefaultStorePath());
  auto files = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("status", "Show the loads the store has taken and the records it holds per record type, with the dates they cover.");
  cmd->add_option("--db", *db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_flag("--files", *files, "List each load's files with row counts and SHA-256 checksums");
  cmd->callback([db, files, &outcome] { outcome.code = RunStatus(*db, *files); });
}

}  // namespace scrutiny
