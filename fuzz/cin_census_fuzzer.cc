// libFuzzer target: any bytes, cut at 0xFF bytes into up to two CIN census XML
// files read and combined as several years, must give problems or records,
// never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/pieces.h"
#include "fuzz/return_result.h"
#include "ingest/cin_census_years.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  Problems problems(10);
  std::vector<CinCensusReturn> years;
  for (std::string& text : fuzz::Pieces(data, size, 2)) {
    auto read = ReadCinCensus("fuzz" + std::to_string(years.size()) + ".xml", text, {"900", "", std::nullopt}, problems);
    if (!read.ok()) return 0;
    years.push_back(std::move(*read));
  }
  fuzz::Finish(CombineCinCensusYears(std::move(years), problems), problems);
  return 0;
}
