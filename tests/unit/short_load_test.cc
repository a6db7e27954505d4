#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "core/short_load.h"

namespace scrutiny {
namespace {

// Every length up to eight, from every offset, gives what memcpy into a zeroed word gives.
TEST(LoadShort, EqualsACopyIntoAZeroedWord) {
  std::string text;
  for (int i = 0; i < 24; ++i) text += static_cast<char>(0x81 + 37 * i);  // high bytes too
  for (size_t offset = 0; offset + 8 <= text.size(); ++offset)
    for (size_t n = 0; n <= 8; ++n) {
      uint64_t copied = 0;
      std::memcpy(&copied, text.data() + offset, n);
      EXPECT_EQ(LoadShort(text.data() + offset, n), copied) << "offset " << offset << ", " << n << " bytes";
    }
}

}  // namespace
}  // namespace scrutiny
