#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ingest/return_format.h"
#include "xlsx_fixture.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

const std::string kSamples = SCRUTINY_SOURCE_DIR "/tests/samples/";

ReturnFormat Detected(const std::string& path) {
  auto format = DetectReturnFormat(path);
  EXPECT_TRUE(format.ok()) << format.status().message();
  return format.ok() ? *format : ReturnFormat::kScrutinyCsv;
}

std::string Refusal(const std::string& path, std::string_view text) {
  auto format = DetectFileFormat(path, text);
  EXPECT_FALSE(format.ok());
  return format.ok() ? "" : format.status().message();
}

// A fresh folder holding the given files.
std::string Folder(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  fs::path dir = fs::temp_directory_path() / ("scrutiny-format-test-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [file, text] : files) std::ofstream(dir / file) << text;
  return dir.string();
}

TEST(ReturnFormat, FindsEachSampleByItsContent) {
  EXPECT_EQ(Detected(kSamples + "ssda903/fake_903.xml"), ReturnFormat::kSsda903Xml);
  EXPECT_EQ(Detected(kSamples + "ssda903"), ReturnFormat::kSsda903Csv);
  EXPECT_EQ(Detected(kSamples + "cin-census/fake_CIN_data.xml"), ReturnFormat::kCinCensus);
  EXPECT_EQ(Detected(kSamples + "csww/social_work_workforce_2022.xml"), ReturnFormat::kCsww);
  EXPECT_EQ(Detected(kSamples + "annex-a/Annex_A.xlsx"), ReturnFormat::kAnnexA);
}

// A workbook is told by its sheets' first rows, where a list's header is; the
// rest of each sheet is left for the reader of the format, which reads it whole
// (here it would refuse row 30, which is not well-formed).
TEST(ReturnFormat, FindsAWorkbookByTheFirstRowsOfItsSheets) {
  std::string rows = testing::InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age",
                                            "Date of Contact", "Contact Source"});
  for (int row = 2; row < 30; ++row) rows += testing::InlineRow(row, {"C" + std::to_string(row)});
  rows += "<row r=\"30\"><c><v>1</v></row>";
  fs::path path = fs::temp_directory_path() / "scrutiny-format-test-damaged-late.xlsx";
  ASSERT_TRUE(testing::WriteZip(path, testing::WorkbookParts({{"Contacts", rows}})));
  EXPECT_EQ(Detected(path.string()), ReturnFormat::kAnnexA);
  fs::remove(path);
}

TEST(ReturnFormat, FindsCsvFoldersByTheirHeadersNotTheirNames) {
  EXPECT_EQ(Detected(Folder("scrutiny", {{"councils.csv", "la_code,name\n900,Council 900\n"}})),
            ReturnFormat::kScrutinyCsv);
  EXPECT_EQ(Detected(Folder("903", {{"first.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"}})),
            ReturnFormat::kSsda903Csv);
  // Named as a scrutiny file, but headed as SSDA903's header table.
  EXPECT_EQ(Detected(Folder("named", {{"children.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"}})),
            ReturnFormat::kSsda903Csv);
}

TEST(ReturnFormat, RefusesAFolderOfNothingItKnowsOrOfTwoKinds) {
  auto none = DetectReturnFormat(Folder("none", {{"notes.csv", "a,b\n1,2\n"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("a folder with no CSV file of any of these kinds"), std::string::npos);
  auto mixed = DetectReturnFormat(Folder("mixed", {{"councils.csv", "la_code,name\n"},
                                                   {"h.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"}}));
  ASSERT_FALSE(mixed.ok());
  EXPECT_NE(mixed.status().message().find("councils.csv is scrutiny CSV and h.csv is SSDA903 CSV"), std::string::npos)
      << mixed.status().message();
}

TEST(ReturnFormat, RefusesOtherFilesNamingThemAndWhatWasExpected) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  EXPECT_EQ(Refusal("a.png", png),
            "a.png: a file that is neither XML nor an .xlsx workbook; expected an SSDA903, CIN census or CSWW XML "
            "file, an Annex A .xlsx workbook, or a folder of scrutiny, SSDA903 or Annex A CSV files");
  EXPECT_NE(Refusal("notes.txt", "some notes\n").find("notes.txt: a file that is neither XML"), std::string::npos);
  EXPECT_NE(Refusal("x.xml", "<?xml version='1.0'?>\n<!-- c -->\n<Other/>").find("root element is 'Other'"),
            std::string::npos);
  EXPECT_NE(Refusal("m.xml", "<Message><Header><CollectionDetails><Collection>SCHOOL</Collection>")
                .find("Collection is 'SCHOOL', not CIN or CSWW"),
            std::string::npos);
  EXPECT_NE(Refusal("z.xlsx", std::string("PK\x03\x04", 4) + "junk").find("z.xlsx: a zip file"), std::string::npos);
}

TEST(ReturnFormat, TellsTheXmlReturnsApartByRootAndCollection) {
  EXPECT_EQ(*DetectFileFormat("a.xml", "\xEF\xBB\xBF<?xml version='1.0'?><EXPSSDA903><CHILD/></EXPSSDA903>"),
            ReturnFormat::kSsda903Xml);
  EXPECT_EQ(*DetectFileFormat("b.xml", "<Message><Header><CollectionDetails><Collection> CIN </Collection>"),
            ReturnFormat::kCinCensus);
  EXPECT_EQ(*DetectFileFormat("c.xml", "<Message xmlns='x'><Header><CollectionDetails><Collection>CSWW</Collection>"),
            ReturnFormat::kCsww);
}

}  // namespace
}  // namespace scrutiny
