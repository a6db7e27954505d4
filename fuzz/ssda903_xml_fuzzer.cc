// libFuzzer target: any bytes, told apart by DetectFileFormat as `scrutiny
// load` does, then read as an SSDA903 XML file, must give a format or a
// refusal and problems or records, never a crash, hang or sanitizer report.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/return_result.h"
#include "ingest/return_format.h"
#include "ingest/ssda903_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto format = DetectFileFormat("fuzz.xml", text);
  if (!format.ok()) (void)format.status().message();
  fuzz::ReadXmlReturn(data, size, ReadSsda903Xml);
  return 0;
}
