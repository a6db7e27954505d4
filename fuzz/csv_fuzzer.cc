// libFuzzer target: any bytes, read as the CSV file of any record type, must
// give problems or records, never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/csv_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  if (size == 0) return 0;
  CsvFolder folder;
  size_t type = data[0] % folder.dataset.tables().size();
  folder.sources.files.assign(folder.dataset.tables().size(), "fuzz.csv");
  folder.sources.lines.assign(folder.dataset.tables().size(), {});
  Problems problems(10);
  ReadRecordFile("fuzz.csv", std::string(reinterpret_cast<const char*>(data + 1), size - 1),
                 folder.dataset.tables()[type], folder.sources.lines[type], problems);
  CheckDataset(folder.dataset, folder.sources, problems);
  for (const Problem& p : problems.kept()) (void)p.ToString();
  return 0;
}
