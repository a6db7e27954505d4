// scrutiny load: store a council's records from a folder of scrutiny CSV
// files, or from the returns it makes (found by their content), joined.

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.h"
#include "cli/progress.h"
#include "ingest/csv_loader.h"
#include "ingest/return_file_size.h"
#include "ingest/return_format.h"
#include "ingest/source_join.h"
#include "store/store.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

struct LoadOptions {
  std::vector<std::string> paths;
  std::string db = DefaultStorePath();
  size_t max_problems = 100;
  ReturnOptions council;
  int year = 0;
  std::string as_at;
  std::string problems_file;
  uint64_t max_file_mb = kMaxReturnFileBytes >> 20;
};

// Checks a folder of scrutiny CSV files and stores it; nothing if any problem.
ExitCode StoreFolder(CsvFolderLoad& folder, const LoadOptions& o) {
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

// A folder for the joined records, removed when done.
class StagingFolder {
 public:
  StagingFolder() {
    std::string pattern = (fs::temp_directory_path() / "scrutiny-load-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~StagingFolder() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Result<LoadSourceOptions> SourceOptions(const LoadOptions& o) {
  LoadSourceOptions options{o.council, std::nullopt};
  if (o.year) options.council.collection_year = o.year;
  if (!o.as_at.empty()) {
    options.as_at = Date::ParseIso(o.as_at);
    if (!options.as_at) return Status::InvalidInput(fmt::format("--as-at '{}' is not a YYYY-MM-DD date", o.as_at));
  }
  return options;
}

// Refuses the load after its problems are shown.
ExitCode Refuse(const Problems& problems, const LoadOptions& o, const Status& why) {
  PrintProblems(problems);
  if (!o.problems_file.empty()) WriteProblems(problems, o.problems_file);
  return Report(why);
}

// Reads every source, joins them and stores the result through a staging folder.
ExitCode LoadSources(const LoadOptions& o, const std::vector<ReturnFormat>& formats) {
  auto options = SourceOptions(o);
  if (!options.ok()) return Report(options.status());
  Problems problems(SIZE_MAX);
  auto joined = ReadAndJoin(GroupLoadInputs(o.paths, formats), *options, problems,
                            [&](const LoadInput& input, const Result<LoadSource>& source, size_t first) {
                              if (source.ok()) {
                                std::cout << fmt::format("{}: {}\n", input.Describe(), source->summary);
                                return;
                              }
                              for (size_t p = first; p < problems.kept().size(); ++p)
                                std::cerr << problems.kept()[p].ToString() << "\n";
                            });
  if (!joined.ok()) return Report(Status::InvalidInput(joined.status().message() + "; nothing stored"));
  if (joined->refused)
    return Refuse(problems, o, Status::InvalidInput("the sources cannot be joined (see the problems above); nothing stored"));
  PrintProblems(problems);
  if (!o.problems_file.empty())
    if (Status s = WriteProblems(problems, o.problems_file); !s.ok()) return Report(s);
  StagingFolder staging;
  if (staging.path().empty()) return Report(Status::IoError("no temporary folder for the joined records"));
  if (Status s = WriteDataset(joined->dataset, staging.path()); !s.ok()) return Report(s);
  CsvFolderLoad folder(staging.path());
  folder.Describe(fmt::format("{}", fmt::join(joined->described, ", ")));
  return StoreFolder(folder, o);
}

ExitCode RunLoad(LoadOptions& o) {
  o.council.max_file_bytes = o.max_file_mb << 20;
  std::vector<ReturnFormat> formats;
  for (const std::string& path : o.paths) {
    auto format = DetectReturnFormat(path, o.council.max_file_bytes);
    if (!format.ok()) return Report(format.status());
    formats.push_back(*format);
  }
  if (formats.size() == 1 && formats[0] == ReturnFormat::kScrutinyCsv) {
    CsvFolderLoad folder(o.paths[0]);
    return StoreFolder(folder, o);
  }
  for (size_t i = 0; i < formats.size(); ++i)
    if (formats[i] != ReturnFormat::kScrutinyCsv && o.council.la_code.empty()) {
      std::cerr << fmt::format("scrutiny: {} is a return ({}): give the council's code with --council\n", o.paths[i],
                               FormatName(formats[i]));
      return ExitCode::kUsage;
    }
  auto inputs = GroupLoadInputs(o.paths, formats);
  if (o.year && std::any_of(inputs.begin(), inputs.end(), [](const LoadInput& in) { return in.paths.size() > 1; }))
    return UsageError(kYearOfSeveralReturns);
  return LoadSources(o, formats);
}

}  // namespace

void AddLoadCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<LoadOptions>();
  CLI::App* cmd = app.add_subcommand(
      "load",
      "Store a council's records. Each PATH is found by its content: a folder of scrutiny CSV files\n"
      "(docs/formats.md); an SSDA903 return (a folder of its CSV files or its XML file); a CIN census or\n"
      "CSWW XML file; an Annex A workbook (.xlsx) or folder of one CSV per list. Several are joined into\n"
      "one load: the same child in two returns is one child (docs/loading.md).\n"
      "A scrutiny CSV folder is checked first and stored only if it has no problem at all. A return's\n"
      "records with problems are left out and reported, as `scrutiny convert` does, and the rest stored.\n"
      "Problems are reported as file:line, column, value and rule; a refused load stores nothing (exit 65).\n"
      "A load replaces all data held for its councils, in one transaction.");
  cmd->add_option("PATH", o->paths, "Folders and files to load")->required()->check(CLI::ExistingPath);
  cmd->add_option("--db", o->db, "Store file (default $SCRUTINY_DB or scrutiny.db)");
  cmd->add_option("--max-errors", o->max_problems, "Problems of a scrutiny CSV folder to list before counting the rest")
      ->capture_default_str();
  cmd->add_option("--council", o->council.la_code, "Returns: DfE code of the council whose returns they are");
  cmd->add_option("--council-name", o->council.council_name, "Returns: council name");
  cmd->add_option("--year", o->year, "Returns: collection year, as for `scrutiny convert`")->check(CLI::Range(1990, 2100));
  cmd->add_option("--as-at", o->as_at, "Annex A: date the workbook describes, YYYY-MM-DD (needed for List 9)");
  cmd->add_option("--problems", o->problems_file, "Returns: write every problem to this file");
  cmd->add_option("--max-file-mb", o->max_file_mb, "Returns: refuse, unread, a file larger than this many MB (default 1024)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->callback([o, &outcome] { outcome.code = RunLoad(*o); });
}

}  // namespace scrutiny
