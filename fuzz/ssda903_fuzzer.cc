// libFuzzer target: any bytes, cut at 0xFF bytes into up to four files of an
// SSDA903 return, must give problems or records, never a crash, hang or
// sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/pieces.h"
#include "fuzz/return_result.h"
#include "ingest/ssda903_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  std::vector<Ssda903Text> files;
  for (std::string& text : fuzz::Pieces(data, size, 4))
    files.push_back({"file" + std::to_string(files.size()) + ".csv", std::move(text)});
  Ssda903Options options;
  options.la_code = "900";
  if (size > 0 && data[0] % 2) options.collection_year = 2017;
  Problems problems(10);
  fuzz::Finish(ReadSsda903(files, options, problems), problems);
  return 0;
}
