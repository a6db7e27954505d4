// libFuzzer target: any bytes, read as the CSV file of any record type, must
// give problems or records, never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/csv_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  if (size == 0) return 0;
  Dataset dataset;
  RowSources sources;
  size_t type = data[0] % dataset.tables().size();
  sources.files.assign(dataset.tables().size(), "fuzz.csv");
  sources.lines.assign(dataset.tables().size(), {});
  Problems problems(10);
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  ReadRecordFile("fuzz.csv", text, dataset.tables()[type], sources.lines[type], problems);
  CheckDataset(dataset, sources, problems);
  for (const Problem& p : problems.kept()) (void)p.ToString();
  return 0;
}
