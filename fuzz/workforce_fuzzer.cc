// libFuzzer target: any bytes, cut at 0xFF bytes into up to three workforce
// (CSWW) XML files read and combined as several years, must give problems or
// records, never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>

#include "fuzz/return_result.h"
#include "ingest/workforce_years.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  fuzz::ReadXmlYears<WorkforceReturn>(data, size, 3, ReadWorkforce, CombineWorkforceYears);
  return 0;
}
