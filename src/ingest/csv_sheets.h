#pragma once
// A folder of CSV files read as the sheets of a workbook, one sheet per file
// named by the file's name without ".csv" ("List 3.csv" is sheet "List 3"),
// each row numbered by the line it starts on. For returns such as Annex A
// that councils keep as a workbook or as one CSV file per list. A file that is
// not CSV text (empty, binary, not UTF-8) refuses the whole folder.

#include <string>

#include <vector>

#include "ingest/ssda903_reader.h"
#include "ingest/xlsx_workbook.h"
#include "model/validator.h"

namespace scrutiny {

// The CSV files of the folder as a workbook. Fails if the folder cannot be
// read or a file is not CSV text.
Result<XlsxWorkbook> ReadCsvSheets(const std::string& dir, uint64_t max_file_bytes, Problems& problems);

// The CSV files given, each named by its path, as a workbook (as above).
Result<XlsxWorkbook> CsvSheets(const std::vector<Ssda903Text>& files, Problems& problems);

}  // namespace scrutiny
