#pragma once
// Reads a folder of scrutiny CSV files (one per record type, see
// docs/formats.md) into a dataset, checking every row against the case record
// model before anything is stored.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// A file read by a load, as the load record keeps it.
struct SourceFile {
  std::string path;
  std::string record_type;
  std::string sha256;  // hex
  uint64_t bytes = 0;
  uint64_t rows = 0;
};

// Everything read from a folder: the records, where each came from, the files.
struct CsvFolder {
  Dataset dataset;
  RowSources sources;
  std::vector<SourceFile> files;
};

// Called now and then with the bytes read so far and the bytes in all files.
using ReadProgress = std::function<void(uint64_t done, uint64_t total)>;

// Reads the text of one record type's CSV file into its table, noting the line
// of each row kept. Every broken rule goes to problems.
void ReadRecordFile(const std::string& file, std::string text, Table& table, std::vector<uint32_t>& lines,
                    Problems& problems, const std::function<void(size_t bytes_read)>& on_bytes = {});

// Reads and validates every CSV file of the folder. Problems collects every
// broken rule (up to its limit); the returned status is not ok if there were
// any, or if the folder could not be read.
Status ReadCsvFolder(const std::string& dir, CsvFolder& out, Problems& problems,
                     const ReadProgress& progress = {});

}  // namespace scrutiny
