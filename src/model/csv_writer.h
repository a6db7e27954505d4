#pragma once
// CsvWriter writes datasets as a folder of scrutiny CSV files, one per record
// type: UTF-8, a header of field names, commas, quotes only where needed.
// Datasets can be appended one after another (e.g. council by council).

#include <cstdio>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/table.h"

namespace scrutiny {

class CsvWriter {
 public:
  CsvWriter() = default;
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  ~CsvWriter();

  // Creates the folder if need be and writes a header to every file.
  Status Open(const std::string& dir);
  Status Append(const Dataset& dataset);
  Status Close();

 private:
  std::vector<std::FILE*> files_;
  std::vector<std::vector<char>> buffers_;
  std::string dir_;
};

// Appends a field to a CSV line, quoting it if it holds a comma, quote or line break.
void AppendCsvField(std::string& line, std::string_view value);

}  // namespace scrutiny
