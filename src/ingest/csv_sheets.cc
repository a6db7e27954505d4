#include "ingest/csv_sheets.h"

#include <filesystem>

#include "ingest/csv_reader.h"

namespace scrutiny {
namespace {

// The sheet a CSV file holds, or an error if it is not CSV text.
Result<XlsxSheet> SheetOf(const Ssda903Text& file, Problems& problems) {
  std::filesystem::path path(file.name);
  if (Status s = CheckCsvText(path.filename().string(), file.text); !s.ok()) return s;
  XlsxSheet sheet{path.stem().string(), {}};
  CsvReader reader(file.text);
  std::vector<std::string_view> fields;
  while (reader.Next(fields)) {
    XlsxRow& row = sheet.rows.emplace_back();
    row.number = reader.line();
    for (std::string_view f : fields) row.cells.push_back({std::string(f), false});
  }
  if (!reader.error().empty()) {
    problems.Add({path.filename().string(), reader.line(), "", "", reader.error() + "; the rest of the file not read"});
  }
  return sheet;
}

}  // namespace

Result<XlsxWorkbook> ReadCsvSheets(const std::string& dir, uint64_t max_file_bytes, Problems& problems) {
  auto files = ReadSsda903Folder(dir, max_file_bytes);
  if (!files.ok()) return files.status();
  return CsvSheets(*files, problems);
}

Result<XlsxWorkbook> CsvSheets(const std::vector<Ssda903Text>& files, Problems& problems) {
  std::vector<XlsxSheet> sheets;
  for (const Ssda903Text& file : files) {
    auto sheet = SheetOf(file, problems);
    if (!sheet.ok()) return sheet.status();
    sheets.push_back(std::move(*sheet));
  }
  return XlsxWorkbook(std::move(sheets));
}

}  // namespace scrutiny
