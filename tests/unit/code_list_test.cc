#include <gtest/gtest.h>

#include <string>

#include "core/code_lists.h"

namespace scrutiny {
namespace {

// Codes are found by their first eight bytes: every code of every list must be
// found at its place, and texts that differ from a code only in length, case
// or a byte past the eighth must not be.
TEST(CodeList, FindsEveryCodeAtItsPlaceAndNothingElse) {
  for (const CodeList& list : CodeLists()) {
    for (size_t i = 0; i < list.codes.size(); ++i) {
      std::string code(list.codes[i].code);
      int first = static_cast<int>(i);
      for (size_t j = 0; j < i; ++j)
        if (list.codes[j].code == code) first = static_cast<int>(j);
      ASSERT_EQ(list.IndexOf(code), first) << list.name << " " << code;
      EXPECT_TRUE(list.Contains(code));
      EXPECT_FALSE(list.Contains(code + "X")) << list.name << " " << code;
      EXPECT_FALSE(list.Contains(code + std::string(1, '\0')));
      if (code.size() > 1) EXPECT_EQ(list.IndexOf(code.substr(0, code.size() - 1)) == first, false);
      if (code.size() > 8) EXPECT_FALSE(list.Contains(code.substr(0, 8) + "~" + code.substr(9)));
    }
    EXPECT_FALSE(list.Contains("")) << list.name;
  }
}

TEST(CodeList, ALongCodeIsToldApartPastItsEighthByte) {
  CodeList list{"test", "unit test", {{"ABCDEFGH-1", "one"}, {"ABCDEFGH-2", "two"}}};
  EXPECT_EQ(list.IndexOf("ABCDEFGH-2"), 1);  // a list made outside the catalogue
  const CodeList* catalogued = nullptr;
  for (const CodeList& l : CodeLists())
    for (const Code& c : l.codes)
      if (c.code.size() > 8 && !catalogued) catalogued = &l;
  if (!catalogued) GTEST_SKIP() << "no code longer than eight bytes in the catalogue";
  for (const Code& c : catalogued->codes) EXPECT_GE(catalogued->IndexOf(c.code), 0);
}

}  // namespace
}  // namespace scrutiny
