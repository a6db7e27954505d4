// libFuzzer target: any bytes, opened as an .xlsx workbook, must give a
// workbook or an error, never a crash, hang or sanitizer report. An input
// whose first byte is even is the file itself (the zip layer); odd, its other
// bytes are the XML parts of a workbook zipped here (fuzz/workbook_parts.h).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz/pieces.h"
#include "fuzz/workbook_parts.h"
#include "ingest/xlsx_workbook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  if (size == 0) return 0;
  constexpr size_t kMaxParts = 6;
  std::string bytes = data[0] % 2 ? fuzz::WorkbookOfParts(fuzz::Pieces(data + 1, size - 1, kMaxParts))
                                  : std::string(reinterpret_cast<const char*>(data + 1), size - 1);
  auto workbook = XlsxWorkbook::Parse(bytes, "fuzz.xlsx", fuzz::kFuzzLimits);
  if (!workbook.ok()) return 0;
  for (const XlsxSheet& sheet : workbook->sheets())
    for (const XlsxRow& row : sheet.rows)
      for (const XlsxCell& cell : row.cells)
        if (cell.number) (void)ExcelSerialDate(std::strtod(cell.text.c_str(), nullptr));
  return 0;
}
