#include <gtest/gtest.h>

#include "core/toml_document.h"

namespace scrutiny {
namespace {

// Found by fuzz/config_fuzzer.cc: toml++ 3.3 reaches an unreachable point
// (undefined behaviour) testing such a character for white space.
TEST(TomlDocument, RefusesACharacterBeyondAsciiOutsideStrings) {
  auto t = ParseTomlDocument("name = \"x\"\ntrajectory = [92, 9\xCE\xA2]\n", "targets.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "targets.toml:2: byte 0xCE is not ASCII and stands outside a quoted string or "
                                  "comment, where TOML allows only ASCII");
}

// Found by fuzz/config_fuzzer.cc: a NUL in a string made toml++ 3.3 parse a
// key at a character no key starts with (an assumption, so undefined behaviour).
TEST(TomlDocument, RefusesAControlCharacter) {
  auto t = ParseTomlDocument(std::string("a = 1\nb = \"x\0y\"\n", 15), "suite.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message(), "suite.toml:2: byte 0x00 is a control character, which TOML does not allow");
}

TEST(TomlDocument, ReadsCharactersBeyondAsciiInStringsAndComments) {
  auto t = ParseTomlDocument("# caf\xC3\xA9\na = \"caf\xC3\xA9 \\\" \xC3\xA9\"\nb = 'd\xC3\xA9j\xC3\xA0'\n"
                             "c = \"\"\"\n\xC3\xA9\n\"\"\"\nd = '''\xC3\xA9'''\n",
                             "pack.toml");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ((*t)["a"].value_or(std::string()), "caf\xC3\xA9 \" \xC3\xA9");
  EXPECT_EQ((*t)["d"].value_or(std::string()), "\xC3\xA9");
}

TEST(TomlDocument, NamesTheLineOfASyntaxError) {
  auto t = ParseTomlDocument("a = 1\nb = [\n", "suite.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().substr(0, 13), "suite.toml:2:");
}

}  // namespace
}  // namespace scrutiny
