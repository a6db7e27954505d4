// How values are shown (src/indicators/value_format).
#include <gtest/gtest.h>

#include <cmath>

#include "indicators/value_format.h"

namespace scrutiny {
namespace {

TEST(ValueFormatTest, CountsHaveThousandsSeparators) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1492), "1,492");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatCount(-1234), "-1,234");
  EXPECT_EQ(FormatCount(NAN), "-");
  EXPECT_EQ(FormatValue(Unit::kCount, 9683), "9,683");
  EXPECT_EQ(FormatValue(Unit::kCount, 2.5), "2.5");
  EXPECT_EQ(FormatValue(Unit::kPercentage, 86.41), "86.4%");
  EXPECT_EQ(FormatValue(Unit::kDays, 457.6), "458 days");
}

}  // namespace
}  // namespace scrutiny
