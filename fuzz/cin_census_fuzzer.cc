// libFuzzer target: any bytes, read as a CIN census XML file, must give
// problems or records, never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>

#include "fuzz/return_result.h"
#include "ingest/cin_census_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  scrutiny::fuzz::ReadXmlReturn(data, size, scrutiny::ReadCinCensus);
  return 0;
}
