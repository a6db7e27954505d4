#include "ingest/source_join.h"

#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingest/annex_a_reader.h"
#include "ingest/cin_census_reader.h"
#include "ingest/cin_census_years.h"
#include "ingest/csv_loader.h"
#include "ingest/mapped_file.h"
#include "ingest/return_history.h"
#include "ingest/ssda903_reader.h"
#include "ingest/workforce_reader.h"
#include "ingest/workforce_years.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

// Moves what a reader made into the source.
template <typename Read>
LoadSource Made(const std::string& path, ReturnFormat format, Read& read, std::string summary) {
  return {path, format, std::move(read.dataset), std::move(read.sources), std::move(summary)};
}

// Every record file of a scrutiny CSV folder, read whole; any problem fails the source.
Result<LoadSource> ReadScrutinyFolder(const std::string& dir, Problems& problems) {
  LoadSource source{dir, ReturnFormat::kScrutinyCsv, Dataset(), {}, ""};
  source.sources = EmptySources(source.dataset);
  size_t before = problems.total();
  std::vector<Table>& tables = source.dataset.tables();
  for (size_t t = 0; t < tables.size(); ++t) {
    std::string path = (fs::path(dir) / (std::string(tables[t].type().name) + ".csv")).string();
    if (!fs::exists(path)) continue;
    auto file = MappedFile::Open(path);
    if (!file.ok()) return file.status();
    ReadRecordFile(path, file->text(), tables[t], source.sources.lines[t], problems);
    source.sources.files[t] = path;
  }
  if (problems.total() > before)
    return Status::InvalidInput(fmt::format("{}: a scrutiny CSV folder is loaded only without problems", dir));
  source.summary = fmt::format("{} records", source.dataset.TotalRows());
  return source;
}

bool IsSsda903(ReturnFormat format) {
  return format == ReturnFormat::kSsda903Csv || format == ReturnFormat::kSsda903Xml;
}

// Every year of the SSDA903 return given, read into one history.
Result<LoadSource> ReadSsda903Source(const LoadInput& given, const ReturnOptions& options, Problems& problems) {
  std::vector<Ssda903Input> inputs;
  for (const std::string& path : given.paths) {
    auto input = ReadSsda903Input(path, options.max_file_bytes);
    if (!input.ok()) return input.status();
    inputs.push_back(std::move(*input));
  }
  auto read = ReadSsda903Years(inputs, options, problems);
  if (!read.ok()) return read.status();
  std::string years = FinancialYear{read->years.front()}.Label();
  if (read->years.size() > 1)
    years += fmt::format(" to {}, {} records found in two years kept once", FinancialYear{read->collection_year}.Label(),
                         read->combined);
  return Made(fmt::format("{}", fmt::join(given.paths, " + ")), given.formats[0], *read,
              fmt::format("{} records, {} left out ({})", read->dataset.TotalRows(), read->left_out(), years));
}

// Every CIN census given, read and combined into one history.
Result<LoadSource> ReadCinCensusSource(const LoadInput& given, const ReturnOptions& options, Problems& problems) {
  auto read = ReadXmlYears<CinCensusReturn>(given.paths, options, problems, ReadCinCensus, CombineCinCensusYears);
  if (!read.ok()) return read.status();
  std::string summary = fmt::format("{} records", read->dataset.TotalRows());
  if (read->years.size() > 1)
    summary += fmt::format(" (censuses {} to {}, {} children and episodes found in two kept once)",
                           FinancialYear{read->years.front()}.Label(), FinancialYear{read->collection_year}.Label(),
                           read->combined);
  return Made(fmt::format("{}", fmt::join(given.paths, " + ")), ReturnFormat::kCinCensus, *read, summary);
}

// Every workforce return given, read and combined into one history of the council's workers.
Result<LoadSource> ReadWorkforceSource(const LoadInput& given, const ReturnOptions& options, Problems& problems) {
  auto read = ReadXmlYears<WorkforceReturn>(given.paths, options, problems, ReadWorkforce, CombineWorkforceYears);
  if (!read.ok()) return read.status();
  std::string summary = fmt::format("{} records", read->dataset.TotalRows());
  if (read->years.size() > 1)
    summary += fmt::format(" (returns of 30 September {} to {}, {} workers found in two kept once)",
                           read->years.front(), read->collection_year, read->combined);
  return Made(fmt::format("{}", fmt::join(given.paths, " + ")), ReturnFormat::kCsww, *read, summary);
}

Result<LoadSource> ReadAnnexASource(const std::string& path, const LoadSourceOptions& options, Problems& problems) {
  AnnexAOptions annex_a{options.council.la_code, options.council.council_name, options.as_at,
                        options.council.max_file_bytes};
  auto read = ReadAnnexAFile(path, annex_a, problems);
  if (!read.ok()) return read.status();
  return Made(path, ReturnFormat::kAnnexA, *read,
              fmt::format("{} records, {} left out", read->dataset.TotalRows(), read->left_out()));
}

// The row's values as scrutiny CSV text, one per field.
std::vector<std::string> RowText(const Table& table, size_t row) {
  std::vector<std::string> values;
  for (size_t f = 0; f < table.type().fields.size(); ++f) values.push_back(table.Format(static_cast<int>(f), row));
  return values;
}

bool AddRow(Table& table, const std::vector<std::string>& values, const std::string& file, uint64_t line,
            Problems& problems) {
  std::vector<std::string_view> cells(values.begin(), values.end());
  return AddRecord(table, cells, file, line, problems);
}

}  // namespace

std::string LoadInput::Describe() const {
  std::vector<std::string> named;
  for (size_t i = 0; i < paths.size(); ++i) named.push_back(fmt::format("{} ({})", paths[i], FormatName(formats[i])));
  return fmt::format("{}", fmt::join(named, ", "));
}

std::vector<LoadInput> GroupLoadInputs(const std::vector<std::string>& paths, const std::vector<ReturnFormat>& formats) {
  std::vector<LoadInput> inputs;
  std::optional<size_t> ssda903, cin_census, csww;  // the inputs holding the years of those returns
  for (size_t i = 0; i < paths.size(); ++i) {
    std::optional<size_t>* years = IsSsda903(formats[i])                   ? &ssda903
                                   : formats[i] == ReturnFormat::kCinCensus ? &cin_census
                                   : formats[i] == ReturnFormat::kCsww      ? &csww
                                                                            : nullptr;
    if (years && *years) {
      inputs[**years].paths.push_back(paths[i]);
      inputs[**years].formats.push_back(formats[i]);
      continue;
    }
    if (years) *years = inputs.size();
    inputs.push_back({{paths[i]}, {formats[i]}});
  }
  return inputs;
}

Result<LoadSource> ReadLoadSource(const LoadInput& input, const LoadSourceOptions& options, Problems& problems) {
  const std::string& path = input.paths.front();
  ReturnFormat format = input.formats.front();
  switch (format) {
    case ReturnFormat::kScrutinyCsv: return ReadScrutinyFolder(path, problems);
    case ReturnFormat::kSsda903Csv:
    case ReturnFormat::kSsda903Xml: return ReadSsda903Source(input, options.council, problems);
    case ReturnFormat::kCinCensus: return ReadCinCensusSource(input, options.council, problems);
    case ReturnFormat::kCsww: return ReadWorkforceSource(input, options.council, problems);
    case ReturnFormat::kAnnexA: return ReadAnnexASource(path, options, problems);
  }
  return Status::Internal("unknown format");
}

void SourceJoin::Add(const LoadSource& source, Problems& problems) {
  const std::vector<Table>& tables = source.dataset.tables();
  for (size_t t = 0; t < tables.size(); ++t) {
    const Table& table = tables[t];
    std::string type(table.type().name);
    const std::string& file = source.sources.files[t];
    auto line = [&](size_t row) { return row < source.sources.lines[t].size() ? source.sources.lines[t][row] : 0; };
    if (table.empty()) continue;
    if (type == "children") {
      for (size_t r = 0; r < table.size(); ++r) AddChild(table, r, file, line(r), problems);
      continue;
    }
    bool reference = type == "councils" || type == "teams";  // kept once per identifier, from any source
    if (!reference) {
      auto [given, added] = source_of_type_.emplace(type, source.path);
      if (!added) {
        problems.Add({source.path, 0, "", type,
                      fmt::format("{} is also given by {}: a load takes each record type from one source", type,
                                  given->second)});
        refused_ = true;
        continue;
      }
    }
    Table& into = dataset_.table(type);
    for (size_t r = 0; r < table.size(); ++r) {
      if (reference && !reference_ids_.emplace(type + '\n' + std::string(table.Text(0, r))).second) continue;
      if (AddRow(into, RowText(table, r), file, line(r), problems)) sources_.lines[t].push_back(line(r));
    }
    sources_.files[t] = sources_.files[t].empty() ? file : sources_.files[t] + " + " + file;
  }
}

void SourceJoin::AddChild(const Table& children, size_t row, const std::string& file, uint64_t line,
                          Problems& problems) {
  std::vector<std::string> values = RowText(children, row);
  auto [it, added] = children_.emplace(values[0], JoinedChild{values, file, line});
  if (added) return;
  JoinedChild& first = it->second;
  const RecordType& type = children.type();
  for (size_t f = 1; f < values.size(); ++f) {
    std::string& kept = first.values[f];
    std::string_view field = type.fields[f].name;
    if (values[f].empty() || kept == values[f]) continue;
    if (kept.empty() || (field == "uasc" && values[f] == "Y")) {
      kept = values[f];
      continue;
    }
    if (field == "uasc") continue;
    problems.Add({file, line, std::string(field), fmt::format("{} (child {}: {} in {}:{})", values[f], values[0], kept,
                                                              first.file, first.line),
                  "the sources disagree about the child; the value of the first source is kept", values[0]});
  }
}

Dataset SourceJoin::Finish(RowSources& sources, Problems& problems) {
  Table& children = dataset_.table("children");
  size_t t = static_cast<size_t>(&children - dataset_.tables().data());
  for (const auto& [id, child] : children_) {
    if (AddRow(children, child.values, child.file, child.line, problems)) sources_.lines[t].push_back(
        static_cast<uint32_t>(child.line));
    if (sources_.files[t].find(child.file) == std::string::npos)
      sources_.files[t] = sources_.files[t].empty() ? child.file : sources_.files[t] + " + " + child.file;
  }
  sources = std::move(sources_);
  return std::move(dataset_);
}

Result<JoinedSources> ReadAndJoin(const std::vector<LoadInput>& inputs, const LoadSourceOptions& options,
                                  Problems& problems, const OnSourceRead& on_read) {
  SourceJoin join;
  JoinedSources out;
  for (const LoadInput& input : inputs) {
    size_t first = problems.kept().size();
    auto source = ReadLoadSource(input, options, problems);
    on_read(input, source, first);
    if (!source.ok()) return source.status();
    join.Add(*source, problems);
    out.described.push_back(input.Describe());
  }
  out.dataset = join.Finish(out.sources, problems);
  size_t before = problems.total();
  CheckDataset(out.dataset, out.sources, problems);
  out.refused = join.refused() || problems.total() > before;
  return out;
}

}  // namespace scrutiny
