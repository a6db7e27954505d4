// The Excel workbook of a committee pack (src/report/xlsx_writer), read back
// from the .xlsx (a zip of XML) with `unzip -p`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "report/xlsx_writer.h"
#include "sample_pack.h"

namespace scrutiny {
namespace {

using testing::SamplePack;

// One entry of a zip file, as text ("" if it is not there).
std::string Unzip(const std::string& zip, const std::string& entry) {
  std::string command = "unzip -p '" + zip + "' '" + entry + "' 2>/dev/null";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return "";
  std::string text;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) text.append(buffer, n);
  pclose(pipe);
  return text;
}

std::string Unescaped(std::string s) {
  for (const auto& [entity, c] : std::vector<std::pair<std::string, std::string>>{
           {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    for (size_t at; (at = s.find(entity)) != std::string::npos;) s.replace(at, entity.size(), c);
  return s;
}

// Every first capture of `pattern` in `xml`, unescaped.
std::vector<std::string> Captures(const std::string& xml, const std::string& pattern) {
  std::vector<std::string> found;
  std::regex re(pattern);
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it)
    found.push_back(Unescaped((*it)[1]));
  return found;
}

// A cell of a worksheet: its reference ("D6"), type ("s" for a shared string, "" for a number), value and style.
struct Cell {
  std::string ref, type, value;
  int style = 0;
  std::string row() const { return ref.substr(ref.find_first_of("0123456789")); }
};

// A written workbook read back: sheet names, shared strings, formats and each sheet's XML.
struct ReadBack {
  explicit ReadBack(const std::string& path) {
    names = Captures(Unzip(path, "xl/workbook.xml"), "<sheet name=\"([^\"]*)\"");
    strings = Captures(Unzip(path, "xl/sharedStrings.xml"), "<si><t[^>]*>([^<]*)</t></si>");
    styles = Unzip(path, "xl/styles.xml");
    core = Unzip(path, "docProps/core.xml");
    for (size_t i = 1; i <= names.size(); ++i)
      sheets.push_back(Unzip(path, "xl/worksheets/sheet" + std::to_string(i) + ".xml"));
  }

  const std::string& Sheet(const std::string& name) const {
    for (size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return sheets[i];
    static const std::string kNone;
    return kNone;
  }

  std::vector<Cell> Cells(const std::string& sheet) const {
    std::vector<Cell> cells;
    std::regex re("<c r=\"([A-Z]+[0-9]+)\"(?: s=\"([0-9]+)\")?(?: t=\"([a-z]+)\")?(?:/>|><v>([^<]*)</v></c>)");
    const std::string& xml = Sheet(sheet);
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it)
      cells.push_back({(*it)[1], (*it)[3], (*it)[4], (*it)[2].matched ? std::stoi((*it)[2]) : 0});
    return cells;
  }

  // The text of a string cell, or "" for a number or blank.
  std::string Text(const Cell& cell) const { return cell.type == "s" ? strings.at(std::stoul(cell.value)) : ""; }

  // The <xf> element of a cell's style, with its alignment.
  std::string Style(const Cell& cell) const {
    std::string xfs = styles.substr(styles.find("<cellXfs"));
    xfs = xfs.substr(0, xfs.find("</cellXfs>"));
    return Captures(xfs, "(<xf [^>]*?(?:/>|>.*?</xf>))").at(static_cast<size_t>(cell.style));
  }

  // The <font> element of a cell's style.
  std::string Font(const Cell& cell) const {
    size_t id = std::stoul(Captures(Style(cell), "fontId=\"([0-9]+)\"").at(0));
    return Captures(styles.substr(0, styles.find("</fonts>")), "(<font>.*?</font>)").at(id);
  }

  // The number format code of a cell's style.
  std::string NumberFormat(const Cell& cell) const {
    std::string id = Captures(Style(cell), "numFmtId=\"([0-9]+)\"").at(0);
    std::vector<std::string> code = Captures(styles, "<numFmt numFmtId=\"" + id + "\" formatCode=\"([^\"]*)\"");
    return code.empty() ? "builtin " + id : code[0];
  }

  // The cells of `sheet` whose text is `text`.
  std::vector<Cell> WithText(const std::string& sheet, const std::string& text) const {
    std::vector<Cell> found;
    for (const Cell& c : Cells(sheet))
      if (Text(c) == text) found.push_back(c);
    return found;
  }

  // The number cells of `sheet` holding `value`.
  std::vector<Cell> WithNumber(const std::string& sheet, double value) const {
    std::vector<Cell> found;
    for (const Cell& c : Cells(sheet))
      if (c.type.empty() && !c.value.empty() && std::strtod(c.value.c_str(), nullptr) == value) found.push_back(c);
    return found;
  }

  std::vector<std::string> names, strings, sheets;
  std::string styles, core;
};

// `pack` written to a file of this process's own, read back and the file removed.
ReadBack WrittenAndRead(const Pack& pack, const std::string& name) {
  std::string path = ::testing::TempDir() + "scrutiny_xlsx_" + std::to_string(getpid()) + "_" + name + ".xlsx";
  Status status = WritePackXlsx(pack, path);
  EXPECT_TRUE(status.ok()) << status.message();
  ReadBack book(path);
  std::remove(path.c_str());
  return book;
}

const ReadBack& Public() {
  static const ReadBack book = WrittenAndRead(SamplePack(Audience::kPublic), "public");
  return book;
}

const ReadBack& Confidential() {
  static const ReadBack book = WrittenAndRead(SamplePack(Audience::kConfidential), "confidential");
  return book;
}

const std::vector<std::string> kDataSheets = {"Scorecard",    "Referrals",  "Assessments", "Children looked after",
                                              "Data quality", "Definitions"};

TEST(XlsxWriterTest, SheetsAreContentsScorecardAreasQualityAndDefinitions) {
  std::vector<std::string> expected = {"Contents"};
  expected.insert(expected.end(), kDataSheets.begin(), kDataSheets.end());
  EXPECT_EQ(Public().names, expected);
  EXPECT_EQ(Confidential().names, expected);
}

TEST(XlsxWriterTest, ContentsGivesThePackAndLinksEverySheet) {
  const ReadBack& book = Public();
  const std::vector<std::string> facts = {"Synthetic Borough (901)",
                                          "Children and Young People Scrutiny Committee",
                                          "October 2025",
                                          "2025-10-31",
                                          "Public",
                                          SamplePack(Audience::kPublic).suppression_note};
  for (const std::string& text : facts) EXPECT_EQ(book.WithText("Contents", text).size(), 1u) << text;
  for (const std::string& sheet : kDataSheets) {
    EXPECT_EQ(book.WithText("Contents", sheet).size(), 1u) << sheet;
    EXPECT_NE(book.Sheet("Contents").find("location=\"'" + sheet + "'!A1\""), std::string::npos) << sheet;
  }
}

TEST(XlsxWriterTest, FiguresAreStoredAsNumbersWithPercentagesOutOfAHundred) {
  const ReadBack& book = Public();
  std::vector<Cell> value = book.WithNumber("Scorecard", 86.4);
  ASSERT_EQ(value.size(), 1u);
  EXPECT_EQ(book.NumberFormat(value[0]), "0.0\"%\"");
  std::vector<Cell> numerator = book.WithNumber("Scorecard", 159), denominator = book.WithNumber("Scorecard", 184);
  ASSERT_EQ(numerator.size(), 1u);
  ASSERT_EQ(denominator.size(), 1u);
  EXPECT_EQ(book.NumberFormat(numerator[0]), "#,##0");
  EXPECT_EQ(numerator[0].row(), value[0].row());
  EXPECT_EQ(book.WithNumber("Scorecard", 183).size(), 1u);
  EXPECT_TRUE(book.WithText("Scorecard", "86.4%").empty());
}

TEST(XlsxWriterTest, ChartDataAndBreakdownCellsAreNumbers) {
  const ReadBack& book = Public();
  EXPECT_EQ(book.WithNumber("Assessments", 83.1).size(), 1u);  // a month of the trend
  EXPECT_EQ(book.WithNumber("Assessments", 88.9).size(), 7u);  // team 1's percentage and six upper limits
  EXPECT_EQ(book.WithNumber("Assessments", 84.7).size(), 6u);  // the mean at every point
  EXPECT_EQ(book.WithNumber("Assessments", 90).size(), 8u);    // six targets and team 1 and 2's completed
  EXPECT_EQ(book.WithText("Assessments", "May 2025").size(), 1u);
  EXPECT_EQ(book.WithText("Assessments", "October 2025; number completed in time and all completed.").size(), 1u);
  for (const char* heading : {"Period", "Mean", "Upper limit", "Lower limit", "Team"})
    EXPECT_EQ(book.WithText("Assessments", heading).size(), 1u) << heading;
  for (const char* heading : {"Value", "Target"})  // also headings of the indicators above
    EXPECT_EQ(book.WithText("Assessments", heading).size(), 2u) << heading;
}

TEST(XlsxWriterTest, SuppressedFiguresAreBracketedCWithANote) {
  const ReadBack& book = Public();
  std::vector<Cell> suppressed = book.WithText("Assessments", "[c]");
  ASSERT_EQ(suppressed.size(), 3u);
  std::vector<Cell> team = book.WithText("Assessments", "Disabled children");
  ASSERT_EQ(team.size(), 1u);
  for (const Cell& c : suppressed) EXPECT_EQ(c.row(), team[0].row());
  bool explained = false;
  for (const std::string& s : book.strings) explained |= s.rfind("[c] means a figure is not shown", 0) == 0;
  EXPECT_TRUE(explained);
  EXPECT_TRUE(book.WithText("Contents", "[c] not shown, to protect confidentiality; [x] not available").size() == 1);
}

TEST(XlsxWriterTest, MissingFiguresAreBracketedX) {
  const ReadBack& book = Public();
  std::vector<Cell> referrals = book.WithText("Scorecard", "3.1");
  ASSERT_EQ(referrals.size(), 1u);
  size_t missing = 0;
  for (const Cell& c : book.WithText("Scorecard", "[x]")) missing += c.row() == referrals[0].row();
  EXPECT_EQ(missing, 2u);  // a count has no numerator or denominator
}

TEST(XlsxWriterTest, RagCellsCarryTheWord) {
  EXPECT_EQ(Public().WithText("Scorecard", "Amber").size(), 1u);
  EXPECT_EQ(Public().WithText("Scorecard", "Green").size(), 1u);
  EXPECT_EQ(Public().WithText("Scorecard", "within tolerance").size(), 1u);
}

TEST(XlsxWriterTest, ScorecardHasOneFilteredRowPerIndicator) {
  const ReadBack& book = Public();
  for (const char* number : {"3.1", "4.3", "8.9"}) EXPECT_EQ(book.WithText("Scorecard", number).size(), 1u);
  EXPECT_NE(book.Sheet("Scorecard").find("<autoFilter ref=\"A4:S7\""), std::string::npos) << book.Sheet("Scorecard");
  EXPECT_EQ(book.WithText("Scorecard", "Weekly timeliness review by the service manager until December.").size(), 1u);
  EXPECT_EQ(book.WithText("Scorecard", "A. Manager, 2025-11-10").size(), 1u);
}

TEST(XlsxWriterTest, HeadersAreBoldAndLongTextWrappedInWideColumns) {
  const ReadBack& book = Public();
  std::vector<Cell> header = book.WithText("Scorecard", "Headline");
  std::vector<Cell> commentary =
      book.WithText("Scorecard", "Two teams carried vacancies in September; agency cover started in October.");
  ASSERT_EQ(header.size(), 1u);
  ASSERT_EQ(commentary.size(), 1u);
  EXPECT_NE(book.Font(header[0]).find("<b/>"), std::string::npos) << book.Font(header[0]);
  EXPECT_EQ(book.Font(commentary[0]).find("<b/>"), std::string::npos) << book.Font(commentary[0]);
  EXPECT_NE(book.Style(commentary[0]).find("wrapText=\"1\""), std::string::npos) << book.Style(commentary[0]);
  EXPECT_NE(book.Sheet("Scorecard").find("<col min=\"17\" max=\"17\" width=\"50.7"), std::string::npos);
}

TEST(XlsxWriterTest, DataSheetsHaveFrozenHeaders) {
  for (const ReadBack* book : {&Public(), &Confidential()})
    for (const std::string& sheet : kDataSheets)
      EXPECT_NE(book->Sheet(sheet).find("state=\"frozen\""), std::string::npos) << sheet;
  EXPECT_NE(Public().Sheet("Scorecard").find("<pane xSplit=\"2\" ySplit=\"4\""), std::string::npos);
}

TEST(XlsxWriterTest, ConfidentialPackIsMarkedOnEverySheetAndInPrint) {
  const ReadBack& book = Confidential();
  for (size_t i = 0; i < book.names.size(); ++i) {
    std::vector<Cell> cells = book.Cells(book.names[i]);
    ASSERT_FALSE(cells.empty());
    EXPECT_EQ(cells[0].ref, "A1");
    EXPECT_EQ(book.Text(cells[0]), Pack::kConfidentialMark) << book.names[i];
    EXPECT_NE(book.sheets[i].find(std::string("<oddHeader>&amp;C&amp;\"-,Bold\"") + Pack::kConfidentialMark),
              std::string::npos)
        << book.sheets[i];
    EXPECT_NE(book.sheets[i].find(std::string("<oddFooter>&amp;C&amp;\"-,Bold\"") + Pack::kConfidentialMark),
              std::string::npos);
  }
}

TEST(XlsxWriterTest, PublicPackIsNeverMarked) {
  const ReadBack& book = Public();
  for (const std::string& s : book.strings) EXPECT_EQ(s.find("Part 2"), std::string::npos) << s;
  for (const std::string& sheet : book.sheets) {
    EXPECT_EQ(sheet.find("Part 2"), std::string::npos);
    EXPECT_EQ(sheet.find("<oddHeader>"), std::string::npos);
  }
  EXPECT_EQ(book.core.find("Part 2"), std::string::npos);
}

TEST(XlsxWriterTest, WorkbookHasTitleAndAuthor) {
  EXPECT_NE(Public().core.find("<dc:title>Synthetic Borough performance pack, October 2025</dc:title>"),
            std::string::npos)
      << Public().core;
  EXPECT_NE(Public().core.find("<dc:creator>Scrutiny</dc:creator>"), std::string::npos);
}

TEST(XlsxWriterTest, LongAndClashingAreaNamesGetShortUniqueSheetNames) {
  Pack pack = SamplePack(Audience::kPublic);
  pack.sections[0].area = "Care leavers in education, employment or training [age 19-21]";
  pack.sections[1].area = "Care leavers in education, employment or training [age 17-18]";
  pack.sections[2].area = "definitions";
  ReadBack book = WrittenAndRead(pack, "long_names");
  EXPECT_EQ(book.names, (std::vector<std::string>{"Contents", "Scorecard", "Care leavers in education",
                                                  "Care leavers in education (2)", "definitions (2)", "Data quality",
                                                  "Definitions"}));
}

TEST(XlsxWriterTest, UnwritablePathIsAnError) {
  Status status = WritePackXlsx(SamplePack(Audience::kPublic), "/no/such/folder/pack.xlsx");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), Status::Code::kIoError);
  EXPECT_NE(status.message().find("/no/such/folder/pack.xlsx"), std::string::npos) << status.message();
}

TEST(XlsxWriterTest, TextExcelCannotHoldIsAnErrorAndNoFile) {
  Pack pack = SamplePack(Audience::kPublic);
  pack.indicators[0].headline = std::string(40000, 'x');  // a cell holds at most 32,767 characters
  std::string path = ::testing::TempDir() + "scrutiny_xlsx_" + std::to_string(getpid()) + "_too_long.xlsx";
  Status status = WritePackXlsx(pack, path);
  EXPECT_EQ(status.code(), Status::Code::kInternal) << status.message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(ExcelSheetNameTest, ShortNamesAreKept) {
  EXPECT_EQ(ExcelSheetName("Children looked after", {}), "Children looked after");
  EXPECT_EQ(ExcelSheetName("Children's homes", {}), "Children's homes");
}

TEST(ExcelSheetNameTest, LongNamesAreCutAtAWordWithin31Characters) {
  const std::string name = ExcelSheetName("Children in need and child protection plans by team", {});
  EXPECT_EQ(name, "Children in need and child");
  EXPECT_LE(name.size(), 31u);
  EXPECT_EQ(ExcelSheetName("Children in need and child protection plans by team", {}), name);
  EXPECT_EQ(ExcelSheetName("Supercalifragilisticexpialidocious-assessments", {}), "Supercalifragilisticexpialidoci");
}

TEST(ExcelSheetNameTest, ForbiddenCharactersBecomeSpaces) {
  EXPECT_EQ(ExcelSheetName("Referrals [c] / re-referrals: 12 months?", {}), "Referrals c re-referrals 12");
  EXPECT_EQ(ExcelSheetName("'Quoted'", {}), "Quoted");
  EXPECT_EQ(ExcelSheetName("[]*?", {}), "Sheet");
}

TEST(ExcelSheetNameTest, ClashesIgnoringCaseAreNumbered) {
  EXPECT_EQ(ExcelSheetName("scorecard", {"Scorecard"}), "scorecard (2)");
  EXPECT_EQ(ExcelSheetName("Scorecard", {"Scorecard", "Scorecard (2)"}), "Scorecard (3)");
  EXPECT_EQ(ExcelSheetName("History", {}), "History (2)");
  const std::string long_area = "Children looked after placed more than 20 miles from home";
  const std::string first = ExcelSheetName(long_area, {});
  const std::string second = ExcelSheetName(long_area, {first});
  EXPECT_EQ(first, "Children looked after placed");
  EXPECT_EQ(second, "Children looked after (2)");
  EXPECT_LE(second.size(), 31u);
}

TEST(ExcelSheetNameTest, CutsWholeCharactersOfUtf8) {
  std::string wanted = "Plant";
  for (int i = 0; i < 30; ++i) wanted += "\u00e9";  // a two-byte letter
  const std::string name = ExcelSheetName(wanted, {});
  EXPECT_EQ(name.size(), 5u + 2 * 26);  // 31 characters: "Plant" and 26 whole letters
  EXPECT_EQ(name, wanted.substr(0, name.size()));
}

}  // namespace
}  // namespace scrutiny
