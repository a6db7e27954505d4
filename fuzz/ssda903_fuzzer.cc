// libFuzzer target: any bytes, cut at 0xFF bytes into up to four files of an
// SSDA903 return, must give problems or records, never a crash, hang or
// sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ingest/ssda903_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  std::vector<Ssda903Text> files(1, {"file0.csv", ""});
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0xFF && files.size() < 4) {
      files.push_back({"file" + std::to_string(files.size()) + ".csv", ""});
      continue;
    }
    files.back().text.push_back(static_cast<char>(data[i]));
  }
  Ssda903Options options;
  options.la_code = "900";
  if (size > 0 && data[0] % 2) options.collection_year = 2017;
  Problems problems(10);
  auto read = ReadSsda903(files, options, problems);
  if (read.ok()) CheckDataset(read->dataset, read->sources, problems);
  for (const Problem& p : problems.kept()) (void)p.ToString();
  return 0;
}
