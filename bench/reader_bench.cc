// Benchmarks the readers on one core: bytes of input turned into the record
// model per second, for the scrutiny CSV folder and each return the synthetic
// council is written in. Usage (docs/performance.md):
//   build/scrutiny generate --size large --years 5 --format scrutiny,ssda903,cin-census,csww,annex-a --out DIR
//   SCRUTINY_BENCH_COUNCIL=DIR build/bench/reader_bench
// What each benchmark includes: reading the files (or mapping them), parsing,
// checking every value and adding the records to a Dataset through the model's
// validator; not writing CSV or the store. Bytes are those of the files read
// (for xlsx, the compressed workbook).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "ingest/annex_a_reader.h"
#include "ingest/cin_census_reader.h"
#include "ingest/csv_loader.h"
#include "ingest/mapped_file.h"
#include "ingest/ssda903_reader.h"
#include "ingest/xlsx_workbook.h"
#include "ingest/workforce_reader.h"

namespace {

using namespace scrutiny;
namespace fs = std::filesystem;

std::string Council() {
  const char* dir = std::getenv("SCRUTINY_BENCH_COUNCIL");
  if (!dir) { std::cerr << "set SCRUTINY_BENCH_COUNCIL to a folder made by scrutiny generate --format ...\n"; std::exit(2); }
  return dir;
}

// A return to read: the latest year's file or folder of the first council written in the format.
struct ReturnPath {
  std::string path, la_code;
};

ReturnPath Latest(const std::string& format) {
  std::string first_council;
  for (const auto& entry : fs::directory_iterator(Council() + "/" + format))
    if (first_council.empty() || entry.path().string() < first_council) first_council = entry.path().string();
  std::string latest;
  if (!first_council.empty())
    for (const auto& entry : fs::directory_iterator(first_council)) latest = std::max(latest, entry.path().string());
  if (latest.empty()) { std::cerr << "no " << format << " return in " << Council() << "\n"; std::exit(2); }
  return {latest, fs::path(first_council).filename().string()};
}

uint64_t Bytes(const std::string& path) {
  if (!fs::is_directory(path)) return fs::file_size(path);
  uint64_t n = 0;
  for (const auto& entry : fs::directory_iterator(path))
    if (entry.path().extension() == ".csv") n += entry.file_size();
  return n;
}

void Fail(benchmark::State& state, const Status& s) { state.SkipWithError(s.message().c_str()); }

// The scrutiny CSV folder: both passes of a load (check every row, then hand
// the rows on in chunks), with the store left out.
void BM_ScrutinyCsv(benchmark::State& state) {
  std::string dir = Council();
  for (auto _ : state) {
    CsvFolderLoad load(dir);
    Problems problems(100);
    if (Status s = load.Check(problems); !s.ok()) return Fail(state, s);
    uint64_t rows = 0;
    Status s = load.Stream([&](const Table& t) { rows += t.size(); return Status::Ok(); });
    if (!s.ok()) return Fail(state, s);
    benchmark::DoNotOptimize(rows);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(dir)));
}

void BM_Ssda903(benchmark::State& state) {
  ReturnPath in = Latest("ssda903");
  for (auto _ : state) {
    Problems problems(100);
    auto input = ReadSsda903Input(in.path);  // as scrutiny convert and load read a return
    if (!input.ok()) return Fail(state, input.status());
    std::vector<Ssda903Input> inputs;
    inputs.push_back(std::move(*input));
    auto read = ReadSsda903Years(inputs, {in.la_code, "", std::nullopt}, problems);
    if (!read.ok()) return Fail(state, read.status());
    benchmark::DoNotOptimize(read->dataset.TotalRows());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(in.path)));
}

template <typename ReadXml>
void XmlReturn(benchmark::State& state, const std::string& format, ReadXml read_xml) {
  ReturnPath in = Latest(format);
  for (auto _ : state) {
    Problems problems(100);
    auto file = MappedFile::Open(in.path);
    if (!file.ok()) return Fail(state, file.status());
    auto read = read_xml(in.path, file->text(), ReturnOptions{in.la_code, "", std::nullopt}, problems);
    if (!read.ok()) return Fail(state, read.status());
    benchmark::DoNotOptimize(read->dataset.TotalRows());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(in.path)));
}

void BM_CinCensus(benchmark::State& state) { XmlReturn(state, "cin-census", ReadCinCensus); }
void BM_Csww(benchmark::State& state) { XmlReturn(state, "csww", ReadWorkforce); }

void BM_AnnexA(benchmark::State& state) {
  ReturnPath in = Latest("annex-a");
  AnnexAOptions options{in.la_code, "", Date::FromCivil(2026, 3, 31)};
  for (auto _ : state) {
    Problems problems(100);
    auto read = ReadAnnexAFile(in.path, options, problems);
    if (!read.ok()) return Fail(state, read.status());
    benchmark::DoNotOptimize(read->dataset.TotalRows());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(in.path)));
}

// CellCount counts the cells of a workbook's rows as they are read, keeping none.
class CellCount : public XlsxSheetReader {
 public:
  void BeginSheet(std::string_view) override {}
  bool Row(const XlsxRow& row) override {
    cells += row.cells.size();
    return true;
  }
  void EndSheet() override {}
  size_t cells = 0;
};

// The Annex A workbook's sheets read row by row, no records made: the part of
// BM_AnnexA that is the .xlsx (inflating, scanning the XML).
void BM_AnnexAWorkbook(benchmark::State& state) {
  ReturnPath in = Latest("annex-a");
  for (auto _ : state) {
    CellCount count;
    if (Status read = ReadXlsxFile(in.path, count); !read.ok()) return Fail(state, read);
    benchmark::DoNotOptimize(count.cells);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * Bytes(in.path)));
}

BENCHMARK(BM_ScrutinyCsv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Ssda903)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CinCensus)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Csww)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnnexA)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_AnnexAWorkbook)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
