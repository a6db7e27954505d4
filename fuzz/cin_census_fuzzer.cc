// libFuzzer target: any bytes, cut at 0xFF bytes into up to two CIN census XML
// files read and combined as several years, must give problems or records,
// never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>

#include "fuzz/return_result.h"
#include "ingest/cin_census_years.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  fuzz::ReadXmlYears<CinCensusReturn>(data, size, 2, ReadCinCensus, CombineCinCensusYears);
  return 0;
}
