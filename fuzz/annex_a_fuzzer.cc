// libFuzzer target: any bytes, read as an Ofsted Annex A return, must give
// problems or records, never a crash, hang or sanitizer report. An input whose
// first byte is even is a folder of CSV files "List 1.csv", "List 2.csv"...
// (cut at 0xFF bytes); odd, the XML parts of a workbook (fuzz/workbook_parts.h).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/pieces.h"
#include "fuzz/return_result.h"
#include "fuzz/workbook_parts.h"
#include "ingest/annex_a_reader.h"
#include "ingest/csv_sheets.h"

namespace {

scrutiny::Result<scrutiny::XlsxWorkbook> WorkbookOf(const uint8_t* data, size_t size, scrutiny::Problems& problems) {
  using namespace scrutiny;
  constexpr size_t kMaxFiles = 14;  // Lists 1 to 11 and a few more; 3 parts and 11 sheets
  std::vector<std::string> pieces = fuzz::Pieces(data + 1, size - 1, kMaxFiles);
  if (data[0] % 2) return XlsxWorkbook::Parse(fuzz::WorkbookOfParts(pieces), "fuzz.xlsx", fuzz::kFuzzLimits);
  std::vector<Ssda903Text> files;
  for (size_t i = 0; i < pieces.size(); ++i) files.push_back({"List " + std::to_string(i + 1) + ".csv", pieces[i]});
  return CsvSheets(files, problems);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  if (size == 0) return 0;
  Problems problems(10);
  auto workbook = WorkbookOf(data, size, problems);
  if (!workbook.ok()) return 0;
  AnnexAOptions options{"900", "", Date::FromCivil(2021, 3, 31)};
  fuzz::Finish(ReadAnnexA(*workbook, "fuzz", options, problems), problems);
  return 0;
}
