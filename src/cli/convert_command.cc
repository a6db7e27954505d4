// scrutiny convert: read a return councils already produce (the SSDA903 CSV
// files, the CIN census XML, the workforce CSWW XML, Ofsted's Annex A
// workbook) into a folder of scrutiny CSV files that `scrutiny load` takes.

#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "cli/commands.h"
#include "ingest/annex_a_reader.h"
#include "ingest/cin_census_reader.h"
#include "ingest/cin_census_years.h"
#include "ingest/return_file_size.h"
#include "ingest/return_history.h"
#include "ingest/ssda903_reader.h"
#include "ingest/workforce_reader.h"
#include "ingest/workforce_years.h"

namespace scrutiny {
namespace {

struct ConvertOptions {
  std::string from;
  std::vector<std::string> in;  // folders or files: several only for ssda903, one per year
  std::string out_dir;
  ReturnOptions council;
  int year = 0;
  std::string problems_file;
  std::string as_at;  // annex-a: the date the workbook describes
  uint64_t max_file_mb = kMaxReturnFileBytes >> 20;
};

void PrintRecords(const Dataset& dataset) {
  std::cout << "Records written:\n";
  for (const Table& t : dataset.tables())
    if (!t.empty()) std::cout << fmt::format("  {:<24} {:>7}\n", t.type().name, t.size());
}

void PrintCounts(const AnnexAReturn& r) {
  std::cout << fmt::format("Annex A workbook: {} rows left out\n", r.left_out());
  for (const AnnexASheetCount& s : r.sheets) {
    std::string list = s.list ? fmt::format("List {}", s.list) : "no list";
    if (s.record_type.empty())
      std::cout << fmt::format("  {:<24} {:<8} not read (docs/annex-a.md)\n", s.sheet, list);
    else
      std::cout << fmt::format("  {:<24} {:<8} {:<24} {:>7} rows {:>7} left out\n", s.sheet, list, s.record_type,
                               s.rows, s.left_out);
  }
  PrintRecords(r.dataset);
}

void PrintCounts(const Ssda903Return& r) {
  if (r.years.size() == 1)
    std::cout << fmt::format("SSDA903 return {}: {} records left out, {} fixed\n",
                             FinancialYear{r.collection_year}.Label(), r.left_out(), r.fixed);
  else
    std::cout << fmt::format("SSDA903 returns {} to {} ({} years): {} records left out, {} fixed, {} found in two "
                             "years kept once\n",
                             FinancialYear{r.years.front()}.Label(), FinancialYear{r.collection_year}.Label(),
                             r.years.size(), r.left_out(), r.fixed, r.combined);
  for (const Ssda903FileCount& f : r.files)
    std::cout << fmt::format("  {:<40} {:<24} {:>7} rows {:>7} left out\n", f.name, f.table, f.rows, f.left_out);
  PrintRecords(r.dataset);
}

void PrintCounts(const CinCensusReturn& r) {
  std::string years = FinancialYear{r.collection_year}.Label();
  if (r.years.size() > 1) years = fmt::format("{} to {}", FinancialYear{r.years.front()}.Label(), years);
  std::cout << fmt::format("CIN census {}: {} of {} children and {} of {} CINdetails left out", years,
                           r.children_left_out, r.children, r.episodes_left_out, r.episodes);
  if (r.years.size() > 1) std::cout << fmt::format(", {} found in two censuses kept once", r.combined);
  std::cout << "\n";
  PrintRecords(r.dataset);
}

void PrintCounts(const WorkforceReturn& r) {
  if (r.years.size() > 1)
    std::cout << fmt::format("Workforce (CSWW) returns of 30 September {} to {} ({} years): {} of {} workers left "
                             "out, {} found in two returns kept once\n",
                             r.years.front(), r.collection_year, r.years.size(), r.workers_left_out, r.workers,
                             r.combined);
  else
    std::cout << fmt::format("Workforce (CSWW) return of 30 September {}: {} of {} workers left out\n",
                             r.collection_year, r.workers_left_out, r.workers);
  PrintRecords(r.dataset);
}

// Reports what was read and writes the folder.
template <typename Read>
ExitCode Finish(const Read& read, const Problems& problems, const ConvertOptions& o) {
  PrintCounts(read);
  PrintProblems(problems);
  if (!o.problems_file.empty())
    if (Status s = WriteProblems(problems, o.problems_file); !s.ok()) return Report(s);
  if (Status s = WriteDataset(read.dataset, o.out_dir); !s.ok()) return Report(s);
  std::cout << fmt::format("Wrote {} records to {}\n", read.dataset.TotalRows(), o.out_dir);
  return ExitCode::kOk;
}

ExitCode ConvertSsda903(const ConvertOptions& o, Problems& problems) {
  std::vector<Ssda903Input> inputs;
  for (const std::string& path : o.in) {
    auto input = ReadSsda903Input(path, o.council.max_file_bytes);
    if (!input.ok()) return Report(input.status());
    inputs.push_back(std::move(*input));
  }
  auto read = ReadSsda903Years(inputs, o.council, problems);
  if (!read.ok()) {
    PrintProblems(problems);
    return Report(read.status());
  }
  return Finish(*read, problems, o);
}

// Reads each year of an XML return (ReadXml) and combines them into one history (Combine).
template <typename Return, typename ReadXml, typename Combine>
ExitCode ConvertXmlYears(const ConvertOptions& o, Problems& problems, ReadXml read_xml, Combine combine) {
  auto read = ReadXmlYears<Return>(o.in, o.council, problems, read_xml, combine);
  if (!read.ok()) {
    PrintProblems(problems);
    return Report(read.status());
  }
  return Finish(*read, problems, o);
}

ExitCode ConvertAnnexA(const ConvertOptions& o, Problems& problems) {
  AnnexAOptions options{o.council.la_code, o.council.council_name, std::nullopt, o.council.max_file_bytes};
  if (!o.as_at.empty()) {
    options.as_at = Date::ParseIso(o.as_at);
    if (!options.as_at) return Report(Status::InvalidInput(fmt::format("--as-at '{}' is not a YYYY-MM-DD date", o.as_at)));
  }
  auto read = ReadAnnexAFile(o.in[0], options, problems);
  if (!read.ok()) return Report(read.status());
  return Finish(*read, problems, o);
}

ExitCode RunConvert(ConvertOptions& o) {
  if (o.in.size() > 1 && o.from == "annex-a") return UsageError("--from annex-a takes one IN");
  if (o.in.size() > 1 && o.year) return UsageError(kYearOfSeveralReturns);
  if (o.year) o.council.collection_year = o.year;
  o.council.max_file_bytes = o.max_file_mb << 20;
  Problems problems(SIZE_MAX);
  if (o.from == "cin-census") return ConvertXmlYears<CinCensusReturn>(o, problems, ReadCinCensus, CombineCinCensusYears);
  if (o.from == "csww") return ConvertXmlYears<WorkforceReturn>(o, problems, ReadWorkforce, CombineWorkforceYears);
  if (o.from == "annex-a") return ConvertAnnexA(o, problems);
  return ConvertSsda903(o, problems);
}

}  // namespace

void AddConvertCommand(CLI::App& app, CommandOutcome& outcome) {
  auto o = std::make_shared<ConvertOptions>();
  CLI::App* cmd = app.add_subcommand(
      "convert",
      "Read a return councils already produce into a folder of scrutiny CSV files for `scrutiny load`.\n"
      "ssda903: the CSV files of the children looked after return, found by their headers, or its XML file; several\n"
      "years' returns make one history per child (docs/ssda903.md).\n"
      "cin-census: the CIN census XML; csww: the children's social work workforce XML; several years of either make\n"
      "one history (docs/returns.md).\n"
      "annex-a: Ofsted's Annex A workbook (.xlsx), Lists 1 to 11, or a folder of one CSV file per list (docs/annex-a.md).\n"
      "Bad values are reported as file:line, column, value and rule; their records are left out.");
  cmd->add_option("--from", o->from, "Kind of return")
      ->required()
      ->check(CLI::IsMember({"ssda903", "cin-census", "csww", "annex-a"}));
  cmd->add_option("--council", o->council.la_code, "DfE code of the council whose return it is")->required();
  cmd->add_option("--council-name", o->council.council_name, "Council name for councils.csv");
  cmd->add_option("--year", o->year, "Collection year: 2024 for 2024-25 (SSDA903, CIN census of March 2025), the\n"
                "30 September census's year for csww (default: the return's header; SSDA903: the latest DECOM)")
      ->check(CLI::Range(1990, 2100));
  cmd->add_option("IN", o->in, "Folder of the SSDA903 CSV files or its XML file, several for several years (one history\n"
                  "per child); the XML file of a CIN census or CSWW return (several for several years); the Annex A\n"
                  "workbook (.xlsx) or a folder of one CSV per list")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--out", o->out_dir, "Folder to write scrutiny CSV files to")->required();
  cmd->add_option("--as-at", o->as_at, "annex-a: date the workbook describes, YYYY-MM-DD (needed for List 9)");
  cmd->add_option("--problems", o->problems_file, "Write every problem to this file");
  cmd->add_option("--max-file-mb", o->max_file_mb, "Refuse, unread, a file larger than this many MB (default 1024)")
      ->check(CLI::Range(1, 1 << 20));
  cmd->callback([o, &outcome] { outcome.code = RunConvert(*o); });
}

}  // namespace scrutiny
