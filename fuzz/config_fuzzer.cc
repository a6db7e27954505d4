// libFuzzer target: any bytes, read as one of the TOML files a council edits
// (chosen by the first byte: an indicator suite, targets.toml, pack.toml or
// benchmark groups), must give the file or an error naming its line, never a
// crash, hang or sanitizer report. The other files are checked against the
// shipped default suite.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "assess/benchmarks.h"
#include "assess/targets.h"
#include "indicators/suite.h"
#include "report/pack_config.h"

namespace {

const scrutiny::Suite& DefaultSuite() {
  static const scrutiny::Suite suite = *scrutiny::LoadSuite(SCRUTINY_SOURCE_DIR "/config/suites/scrutiny-dataset.toml");
  return suite;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace scrutiny;
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Suite& suite = DefaultSuite();
  switch (data[0] % 4) {
    case 0: (void)ParseSuite(text, "suite.toml"); break;
    case 1: (void)TargetBook::Parse(text, "targets.toml", suite); break;
    case 2: (void)PackConfig::Parse(text, "pack.toml", suite); break;
    default: (void)Benchmarks::Parse("", "published.csv", text, "groups.toml", suite); break;
  }
  return 0;
}
