#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/worksheet_xml.h"

namespace scrutiny {
namespace {

const std::vector<std::string> kShared = {"zero", "one", "two"};

Result<std::vector<XlsxRow>> Read(const std::string& xml) {
  return ReadWorksheetRows(xml, {"xl/worksheets/sheet1.xml", "List 1", kShared});
}

// The rows, one a line: its number and its cells, "[text]", or "[text#]" for a number.
std::string Cells(const std::vector<XlsxRow>& rows) {
  std::string out;
  for (const XlsxRow& row : rows) {
    out += std::to_string(row.number) + ":";
    for (const XlsxCell& cell : row.cells) out += " [" + cell.text + (cell.number ? "#" : "") + "]";
    out += "\n";
  }
  return out;
}

std::string Message(const std::string& xml) {
  auto rows = Read(xml);
  return rows.ok() ? "read" : rows.status().message();
}

TEST(WorksheetXml, ReadsSharedInlineAndNumberCellsInTheirColumns) {
  auto rows = Read(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="main"><dimension ref="A1:C9"/><sheetData>
<row r="2" spans="1:3"><c r="A2" t="s"><v>1</v></c><c r="C2" s="1"><v>45000</v></c></row>
<row><c t="inlineStr"><is><r><t>rich</t></r><r><rPr/><t xml:space="preserve"> text</t></r><rPh><t>guide</t></rPh></is></c><c r="B3" s="2"/><c><v>7</v><v>8</v></c></row>
<row r="9"><c r="B9" t="str"><f>1+1</f><v>2</v></c><c r="C9" t="s"><v>3</v></c></row>
</sheetData></worksheet>)");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(Cells(*rows),
            "2: [one] [] [45000#]\n"
            "3: [rich text] [] [7#]\n"
            "9: [] [2] []\n");
  EXPECT_EQ((*rows)[0].cells[0].shared, 1);  // the shared string's index, kept
  EXPECT_EQ((*rows)[0].cells[2].shared, -1);
  EXPECT_EQ((*rows)[2].cells[2].shared, -1);  // index 3 is beyond the table: no string
}

TEST(WorksheetXml, DecodesEntitiesCDataAndLineEndsAsPugixmlDid) {
  auto rows = Read("<worksheet><sheetData><row r=\"1\">"
                   "<c t=\"inlineStr\"><is><t>a &amp; b &lt;c&gt; &#163;&#x20AC; &unknown; &#65x</t></is></c>"
                   "<c><v><![CDATA[<42>]]></v></c>"
                   "<c t=\"inlineStr\"><is><t>one\r\ntwo\rthree</t></is></c>"
                   "<c><v>   </v></c>"
                   "<c><v>4<!-- a comment ends the text -->5</v></c>"
                   "<c t=\"&#115;\"><v>2</v></c>"
                   "</row></sheetData></worksheet>");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->size(), 1u);
  const std::vector<XlsxCell>& cells = (*rows)[0].cells;
  ASSERT_EQ(cells.size(), 6u);
  EXPECT_EQ(cells[0].text, "a & b <c> \u00A3\u20AC &unknown; &#65x");
  EXPECT_EQ(cells[1].text, "<42>");
  EXPECT_EQ(cells[2].text, "one\ntwo\nthree");
  EXPECT_EQ(cells[3].text, "");
  EXPECT_FALSE(cells[3].number);
  EXPECT_EQ(cells[4].text, "4");
  EXPECT_EQ(cells[5].text, "two");  // t="s" written as a character reference
}

// Cells as Excel writes them take a shorter path than the rest; each of these
// is one it takes, or one just outside it, and all read as the XML says.
TEST(WorksheetXml, ReadsCellsAsExcelWritesThemAndTheirNearNeighboursAlike) {
  auto rows = Read("<worksheet><sheetData><row r=\"1\">"
                   "<c r=\"A1\" s=\"3\" t=\"s\"><v>2</v></c>"
                   "<c r=\"B1\" t=\"s\" r=\"D1\" t=\"n\"><v>0</v></c>"  // the first r and t count
                   "<c r=\"C1\" s=\"1\"/>"
                   "<c r=\"E1\"></c>"
                   "<c r=\"F1\" t=\"s\"/>"  // no value: index 0, as strtoul reads empty text
                   "<c r=\"G1\" t=\"s\"><v>+1</v></c>"
                   "<c r=\"H1\" t=\"s\"><v>3</v></c>"  // beyond the table
                   "<c r=\"I1\" t=\"s\"><v>99999999999999999999999</v></c>"
                   "<c r=\"J1\" t=\"s\"><v>0x1</v></c>"
                   "<c r=\"K1\" t=\"s\"><v> 2</v></c>"
                   "<c r=\"L1\" t=\"str\"><v>a&amp;b</v></c>"
                   "<c r=\"M1\"  s=\"1\"><v>5</v></c>"
                   "<c r='N1'><v>6</v></c>"
                   "<c r=\"O1\"><v>7</v> </c>"
                   "<c r=\"P1\" t=\"e\"><v>#N/A</v></c>"
                   "<c r=\"Q1\" t=\"b\"><v>1</v></c>"
                   "<c\tr=\"R1\"><v>8</v></c>"
                   "<c r=\"S1\" t=\"inlineStr\"><v>9</v></c>"  // an inline string's text is its <is>, not a <v>
                   "</row></sheetData></worksheet>");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(Cells(*rows), "1: [two] [zero] [] [] [] [zero] [one] [] [] [] [two] [a&b] [5#] [6#] [7#] [#N/A] [1] [8#] []\n");
  EXPECT_EQ(Message("<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c><c r=\"B\"/></row></sheetData></worksheet>"),
            "sheet 'List 1' has a cell reference that is not a column and row: 'B' (line 1 of "
            "xl/worksheets/sheet1.xml)");
  EXPECT_EQ(Message("<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c></row></worksheet>"),
            "part xl/worksheets/sheet1.xml is not well-formed XML: line 1: the end tag </worksheet> where "
            "</sheetData> should be");
  EXPECT_EQ(Message("<worksheet><sheetData><row><c r=\"A1\"><v>1</v></c"), 
            "part xl/worksheets/sheet1.xml is not well-formed XML: line 1: the end tag </c> is not closed by '>'");
}

// Rows too: Excel's start and end tags take a shorter path; these are its
// neighbours, numbered as pugixml's as_ullong read r.
TEST(WorksheetXml, NumbersRowsAsExcelWritesThemAndTheirNearNeighboursAlike) {
  auto rows = Read("<worksheet><sheetData>"
                   "<row r=\"2\" spans=\"1:2\" x14ac:dyDescent=\"0.25\"><c r=\"A2\"><v>1</v></c></row>"
                   "<row spans=\"1:2\" r=\"4\"></row>"
                   "<row><c r=\"A5\"><v>2</v></c></row>"
                   "<row r=\"0x10\"></row >"
                   "<row r=\" 20\"/>"
                   "<row  r=\"30\"></row>"
                   "<row r='40' r=\"41\"></row>"
                   "<row r=\"-1\"></row>"
                   "<row r=\"99999999999999999999999\"></row>"
                   "<row r=\"7x\"></row>"
                   "</sheetData></worksheet>");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  std::string numbers;
  for (const XlsxRow& row : *rows) numbers += std::to_string(row.number) + " ";
  EXPECT_EQ(numbers, "2 4 5 16 20 30 40 41 18446744073709551615 7 ");
  EXPECT_EQ(Cells(*rows).substr(0, 13), "2: [1#]\n4:\n5:");
}

// A reader is given each row as it is read, the same row reused, and may stop
// the reading: what follows is then neither read nor checked.
TEST(WorksheetXml, GivesRowsOneByOneUntilTheReaderStops) {
  std::string xml = "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c><c><v>5</v></c></row>"
                    "<row r=\"2\"><c t=\"s\"><v>1</v></c></row><row r=\"3\"><c><v>3</v></c></row>"
                    "<row r=\"4\"><c></row>";  // not well-formed from here
  std::vector<std::string> given;
  auto read_two = [&given](const XlsxRow& row) {
    given.push_back(std::to_string(row.number) + ":" + std::to_string(row.cells.size()) + ":" + row.cells[0].text);
    return given.size() < 2;
  };
  Status read = ReadWorksheetRows(xml, {"xl/worksheets/sheet1.xml", "List 1", kShared}, read_two);
  ASSERT_TRUE(read.ok()) << read.message();
  EXPECT_EQ(given, (std::vector<std::string>{"1:2:zero", "2:1:one"}));  // the second row has one cell, not two

  given.clear();
  auto read_all = [&given](const XlsxRow& row) {
    given.push_back(std::to_string(row.number));
    return true;
  };
  read = ReadWorksheetRows(xml, {"xl/worksheets/sheet1.xml", "List 1", kShared}, read_all);
  EXPECT_EQ(read.message(), "part xl/worksheets/sheet1.xml is not well-formed XML: line 1: "
                            "the end tag </row> where </c> should be");
  EXPECT_EQ(given, (std::vector<std::string>{"1", "2", "3"}));  // given before the fault was found
}

// The row read is the last one's memory used again: no cell of one row may show in the next.
TEST(WorksheetXml, CarriesNoCellFromOneRowToTheNext) {
  auto rows = Read("<worksheet><sheetData>"
                   "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>5</v></c>"
                   "<c r=\"C1\" t=\"s\"><v>1</v></c></row>"
                   "<row r=\"2\"><c r=\"C2\" t=\"s\"><v>2</v></c></row>"
                   "<row r=\"3\"><c r=\"A3\"><v>7</v></c></row>"
                   "<row r=\"4\"><c r=\"D4\"><v>8</v></c><c r=\"B4\" t=\"s\"><v>0</v></c></row>"
                   "<row r=\"5\"/>"
                   "<row r=\"6\"><c r=\"B6\"/></row>"
                   "</sheetData></worksheet>");
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(Cells(*rows),
            "1: [zero] [5#] [one]\n"
            "2: [] [] [two]\n"
            "3: [7#]\n"
            "4: [] [zero] [] [8#]\n"
            "5:\n"
            "6: [] []\n");
  EXPECT_EQ((*rows)[1].cells[0].shared, -1);
  EXPECT_EQ((*rows)[3].cells[1].shared, 0);
}

TEST(WorksheetXml, ReadsOnlyTheFirstSheetDataOfTheRootWorksheet) {
  auto rows = Read("<worksheet><sheetData><row><c><v>1</v></c></row></sheetData>"
                   "<sheetData><row><c><v>2</v></c></row></sheetData>"
                   "<extLst><row><c><v>3</v></c></row></extLst></worksheet>");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(Cells(*rows), "1: [1#]\n");
  auto other = Read("<chartsheet><sheetData><row><c><v>1</v></c></row></sheetData></chartsheet>");
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
}

TEST(WorksheetXml, NamesTheLineOfXmlThatIsNotWellFormed) {
  const std::string part = "part xl/worksheets/sheet1.xml is not well-formed XML: ";
  EXPECT_EQ(Message("<worksheet>\n<sheetData>\n<row></sheetData>\n</worksheet>"),
            part + "line 3: the end tag </sheetData> where </row> should be");
  EXPECT_EQ(Message("<worksheet><sheetData>\n<row>"), part + "line 2: the text ends before <row> is closed");
  EXPECT_EQ(Message("<worksheet>\n<c r=A1/></worksheet>"), part + "line 2: attribute r has no quoted value");
  EXPECT_EQ(Message("<worksheet><c r=\"A1></worksheet>"), part + "line 1: the value of attribute r is never closed");
  EXPECT_EQ(Message("<worksheet/>\nstray"), part + "line 2: text outside the root element");
  EXPECT_EQ(Message("<worksheet/><worksheet/>"), part + "line 1: a second root element <worksheet>");
  EXPECT_EQ(Message("<!DOCTYPE x [<!ENTITY e \"e\">]><worksheet/>"),
            part + "line 1: '<!' opens no comment or CDATA section (a worksheet has no DOCTYPE)");
  EXPECT_EQ(Message(std::string("<worksheet>\n\0</worksheet>", 25)), part + "line 2: a NUL byte, which XML cannot hold");
  EXPECT_EQ(Message("<worksheet><!-- never closed </worksheet>"), part + "line 1: a comment is never closed");
  EXPECT_EQ(Message("<worksheet><sheetData><row><c><v>&#0;</v></c></row></sheetData></worksheet>"),
            part + "line 1: a character reference to no character (&#0;, a surrogate or beyond U+10FFFF)");
  EXPECT_EQ(Message("<worksheet><?xml version=\"1.0\"?></worksheet>"),
            part + "line 1: an XML declaration inside an element");
  EXPECT_EQ(Message(""), part + "line 1: no root element");
  EXPECT_EQ(Message("<worksheet></Worksheet>"), part + "line 1: the end tag </Worksheet> where </worksheet> should be");
}

TEST(WorksheetXml, RefusesACellReferenceThatIsNoColumnAndRow) {
  EXPECT_EQ(Message("<worksheet><sheetData>\n<row><c r=\"A\"><v>1</v></c></row></sheetData></worksheet>"),
            "sheet 'List 1' has a cell reference that is not a column and row: 'A' (line 2 of "
            "xl/worksheets/sheet1.xml)");
}

}  // namespace
}  // namespace scrutiny
