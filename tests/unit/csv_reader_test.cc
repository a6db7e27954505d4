#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/csv_reader.h"

namespace scrutiny {
namespace {

struct Record {
  uint64_t line;
  std::vector<std::string> fields;
  friend bool operator==(const Record&, const Record&) = default;
};

std::vector<Record> ReadAll(const std::string& text) {
  CsvReader reader(text);
  std::vector<Record> out;
  std::vector<std::string_view> fields;
  while (reader.Next(fields)) out.push_back({reader.line(), {fields.begin(), fields.end()}});
  EXPECT_EQ(reader.error(), "");
  return out;
}

// Records long enough for the 16-byte blocks, mixed with those the byte-by-byte
// reading takes (quotes, the end of the text): both cut fields alike.
TEST(CsvReader, CutsLongAndShortRecordsAlike) {
  std::string text =
      "903-V3027,903-C3024,2018-05-04,LAC,N,903-W1883\n"
      "903-V3028,\"903-C3024\",2018-07-25,LAC,,903-W1883\r\n"
      ",,,,,,,,,,,,,,,,,,,,\n"
      "\n"
      "a-very-long-identifier-of-forty-bytes-or-so,b\r"
      "x,\"quoted, with comma\",\"and \"\"quotes\"\"\",\"two\nlines\",end-of-a-long-record\n"
      "0123456789abcdef,0123456789abcde\n"
      "last,row";
  std::vector<Record> expected = {
      {1, {"903-V3027", "903-C3024", "2018-05-04", "LAC", "N", "903-W1883"}},
      {2, {"903-V3028", "903-C3024", "2018-07-25", "LAC", "", "903-W1883"}},
      {3, std::vector<std::string>(21, "")},
      {4, {""}},
      {5, {"a-very-long-identifier-of-forty-bytes-or-so", "b"}},
      {6, {"x", "quoted, with comma", "and \"quotes\"", "two\nlines", "end-of-a-long-record"}},
      {8, {"0123456789abcdef", "0123456789abcde"}},
      {9, {"last", "row"}},
  };
  EXPECT_EQ(ReadAll(text), expected);
}

TEST(CsvReader, EveryWayOfEndingALineAtEveryOffset) {
  for (const char* ending : {"\n", "\r\n", "\r"}) {
    for (size_t width = 0; width < 40; ++width) {
      std::string first(width, 'a'), text = first + ",b" + ending + "c,\"d\"" + ending + first;
      std::vector<Record> expected = {{1, {first, "b"}}, {2, {"c", "d"}}, {3, {first}}};
      if (width == 0) expected.pop_back();  // the text ends at the line end
      EXPECT_EQ(ReadAll(text), expected) << width << " " << static_cast<int>(ending[0]);
    }
  }
}

}  // namespace
}  // namespace scrutiny
