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

// Found by fuzz/config_fuzzer.cc: a table header whose [ no key follows made
// toml++ 3.3 parse a key at a character no key starts with (an assertion in a
// build without NDEBUG, an assumption under clang with it).
TEST(TomlDocument, RefusesATableHeaderWithoutAKey) {
  for (std::string text : {"a = 1\n[\nb = 2\n", "a = 1\n  [[ \n", "# x\n[ # y\n", "[]\n", "[=]\n"}) {
    auto t = ParseTomlDocument(text, "pack.toml");
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find("names no key"), std::string::npos) << t.status().message();
  }
  auto t = ParseTomlDocument("[\n", "pack.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().substr(0, 12), "pack.toml:1:");
}

// Found by fuzz/config_fuzzer.cc (session 14): '}' where an array's value should be
// (after its '[' or a ',') made toml++ 3.3 parse a value at a character that ends one (an
// assertion in a build without NDEBUG, an assumption under clang with it).
TEST(TomlDocument, RefusesABraceWhereAnArraysValueShouldBe) {
  for (std::string text : {"w=[}\n", "a = 1\nw = [ 1,\n  # c\n }\n", "w = { a = [}] }\n", "w = [[}]]\n"}) {
    auto t = ParseTomlDocument(text, "pack.toml");
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find("'}' where an array's value should be"), std::string::npos)
        << t.status().message();
  }
  EXPECT_EQ(ParseTomlDocument("a = 1\nw = [ 1,\n }\n", "pack.toml").status().message().substr(0, 12),
            "pack.toml:3:");
  for (std::string text : {"w = [ {}, { a = [1, 2] } ]\n", "w = [ '}', \"}\" ]\n", "w = { a = '[}' }\n",
                           "w = [ # }\n 1 ]\n"}) {
    auto t = ParseTomlDocument(text, "pack.toml");
    EXPECT_TRUE(t.ok()) << text << ": " << t.status().message();
  }
}

// Lines opening with [ inside a value (an array of arrays over several lines)
// are not table headers; nor is a [ within a string.
TEST(TomlDocument, ReadsArraysOverSeveralLinesAndQuotedHeaders) {
  auto t = ParseTomlDocument("a = [\n  [\n    1, 2\n  ],\n  [ 3 ]\n]\nb = \"[\"\nc = '''\n[\n'''\n"
                             "[\"quoted key\"]\nx = { y = [\n1] }\n[[ list ]]\nz = 1\n[ 'single' ]\n",
                             "pack.toml");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ((*t)["a"].as_array()->size(), 2u);
  EXPECT_EQ((*t)["b"].value_or(std::string()), "[");
  EXPECT_TRUE((*t)["quoted key"].is_table());
  EXPECT_TRUE((*t)["list"].is_array_of_tables());
  EXPECT_TRUE((*t)["single"].is_table());
}

TEST(TomlDocument, NamesTheLineOfASyntaxError) {
  auto t = ParseTomlDocument("a = 1\nb = [\n", "suite.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().substr(0, 13), "suite.toml:2:");
}

}  // namespace
}  // namespace scrutiny
