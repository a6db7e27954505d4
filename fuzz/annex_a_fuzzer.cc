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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  if (size == 0) return 0;
  constexpr size_t kMaxFiles = 14;  // Lists 1 to 11 and a few more; 3 parts and 11 sheets
  std::vector<std::string> pieces = fuzz::Pieces(data + 1, size - 1, kMaxFiles);
  Problems problems(10);
  AnnexAOptions options{"900", "", Date::FromCivil(2021, 3, 31)};
  if (data[0] % 2) {
    auto read = ReadAnnexAXlsx(fuzz::WorkbookOfParts(pieces), "fuzz.xlsx", options, problems, fuzz::kFuzzLimits);
    fuzz::Finish(read, problems);
    return 0;
  }
  std::vector<Ssda903Text> files;
  for (size_t i = 0; i < pieces.size(); ++i) files.push_back({"List " + std::to_string(i + 1) + ".csv", pieces[i]});
  auto workbook = CsvSheets(files, problems);
  if (workbook.ok()) fuzz::Finish(ReadAnnexA(*workbook, "fuzz", options, problems), problems);
  return 0;
}
