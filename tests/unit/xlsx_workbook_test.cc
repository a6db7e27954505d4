#include <gtest/gtest.h>

#include <fstream>

#include "ingest/xlsx_workbook.h"
#include "xlsx_fixture.h"

namespace scrutiny {
namespace {

using testing::WorkbookParts;
using testing::WriteZip;
using testing::XlsxPart;

class XlsxWorkbookTest : public ::testing::Test {
 protected:
  std::filesystem::path Path(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() / ("xlsx_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    return dir_ / name;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

const char* kCells =
    R"(<row r="1"><c r="A1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>inline</t></is></c></row>)"
    R"(<row r="3"><c r="A3"><v>60</v></c><c r="B3"><v>61</v></c><c r="AB3" t="s"><v>0</v></c></row>)";

TEST_F(XlsxWorkbookTest, ReadsSharedAndInlineStringsNumbersAndReferences) {
  auto path = Path("cells.xlsx");
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 1", kCells}, {"Other", ""}}, {"first", "second"})));
  auto book = XlsxWorkbook::Open(path);
  ASSERT_TRUE(book.ok()) << book.status().message();
  ASSERT_EQ(book->sheets().size(), 2u);
  const XlsxSheet* sheet = book->Sheet("list 1");
  ASSERT_NE(sheet, nullptr);
  ASSERT_EQ(sheet->rows.size(), 2u);
  EXPECT_EQ(sheet->rows[0].number, 1u);
  EXPECT_EQ(sheet->rows[0].cells[0].text, "second");
  EXPECT_FALSE(sheet->rows[0].cells[0].number);
  EXPECT_EQ(sheet->rows[0].cells[1].text, "");
  EXPECT_EQ(sheet->rows[0].cells[2].text, "inline");
  EXPECT_EQ(sheet->rows[1].number, 3u);
  EXPECT_EQ(sheet->rows[1].cells[0].text, "60");
  EXPECT_TRUE(sheet->rows[1].cells[0].number);
  ASSERT_EQ(sheet->rows[1].cells.size(), 28u);
  EXPECT_EQ(sheet->rows[1].cells[27].text, "first");
  EXPECT_EQ(book->Sheet("List 2"), nullptr);
}

TEST(ExcelSerialDate, CountsFrom1900WithTheLeapYearBug) {
  EXPECT_EQ(ExcelSerialDate(1)->ToIso(), "1900-01-01");
  EXPECT_EQ(ExcelSerialDate(59)->ToIso(), "1900-02-28");
  EXPECT_FALSE(ExcelSerialDate(60));  // 29 February 1900 never was
  EXPECT_EQ(ExcelSerialDate(61)->ToIso(), "1900-03-01");
  EXPECT_EQ(ExcelSerialDate(44090)->ToIso(), "2020-09-16");
  EXPECT_EQ(ExcelSerialDate(44090.75)->ToIso(), "2020-09-16");
  EXPECT_FALSE(ExcelSerialDate(0));
  EXPECT_FALSE(ExcelSerialDate(-3));
  EXPECT_EQ(ExcelSerialDate(2958465)->ToIso(), "9999-12-31");
  EXPECT_FALSE(ExcelSerialDate(2958466));
  EXPECT_FALSE(ExcelSerialDate(1e300));
}

TEST(ExcelSerialDay, IsExcelSerialDateForWholeDays) {
  for (int32_t serial : {-3, 0, 1, 59, 60, 61, 44090, 2958465, 2958466})
    EXPECT_EQ(ExcelSerialDay(serial), ExcelSerialDate(serial)) << serial;
  EXPECT_EQ(ExcelSerialDay(61)->ToIso(), "1900-03-01");
}

TEST(ColumnOfReference, ReadsLettersBeforeTheRow) {
  EXPECT_EQ(ColumnOfReference("A7"), 0u);
  EXPECT_EQ(ColumnOfReference("Z1"), 25u);
  EXPECT_EQ(ColumnOfReference("AB12"), 27u);
  EXPECT_FALSE(ColumnOfReference("12"));
  EXPECT_FALSE(ColumnOfReference("AB"));
  EXPECT_FALSE(ColumnOfReference("A1B"));
  EXPECT_FALSE(ColumnOfReference("ZZZZ1"));
}

TEST_F(XlsxWorkbookTest, RefusesAFileThatIsNotAZip) {
  auto path = Path("text.xlsx");
  std::ofstream(path) << "Child Unique ID,Gender\n1,a) Male\n";
  auto book = XlsxWorkbook::Open(path);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() +
            ": not an .xlsx workbook (not a zip file, or a truncated one); a password-protected workbook must be saved without its password");
}

TEST_F(XlsxWorkbookTest, RefusesATruncatedWorkbook) {
  auto whole = Path("whole.xlsx");
  ASSERT_TRUE(WriteZip(whole, WorkbookParts({{"List 1", kCells}})));
  std::string bytes;
  {
    std::ifstream in(whole, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto cut = Path("cut.xlsx");
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  auto book = XlsxWorkbook::Open(cut);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("not a zip file, or a truncated one"), std::string::npos) << book.status().message();
}

TEST_F(XlsxWorkbookTest, RefusesAnEncryptedWorkbook) {
  if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) GTEST_SKIP() << "libzip built without encryption";
  auto path = Path("locked.xlsx");
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 1", kCells}})));
  int error = 0;
  zip_t* z = zip_open(path.c_str(), 0, &error);
  ASSERT_NE(z, nullptr);
  zip_int64_t index = zip_name_locate(z, "xl/workbook.xml", 0);
  ASSERT_EQ(zip_file_set_encryption(z, static_cast<zip_uint64_t>(index), ZIP_EM_AES_256, "secret"), 0);
  ASSERT_EQ(zip_close(z), 0);
  auto book = XlsxWorkbook::Open(path);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() + ": the workbook is encrypted; save it without a password");
}

// Office encrypts a workbook into an OLE2 compound file, not a zip.
TEST_F(XlsxWorkbookTest, RefusesAnOfficeEncryptedWorkbook) {
  auto path = Path("encrypted.xlsx");
  std::ofstream(path, std::ios::binary) << std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) << std::string(4096, '\0');
  auto book = XlsxWorkbook::Open(path);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() + ": an encrypted (password-protected) workbook, or an old .xls "
                                                     "one (an OLE2 compound file, not a zip); save it as .xlsx "
                                                     "without a password");
}

TEST_F(XlsxWorkbookTest, RefusesAPicture) {
  auto book = XlsxWorkbook::Parse(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "photo.xlsx");
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("photo.xlsx: not an .xlsx workbook (not a zip file"), std::string::npos)
      << book.status().message();
}

TEST_F(XlsxWorkbookTest, ReadsTheSameFromBytesAsFromTheFile) {
  auto path = Path("cells.xlsx");
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 1", kCells}}, {"first", "second"})));
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto book = XlsxWorkbook::Parse(bytes, "cells.xlsx");
  ASSERT_TRUE(book.ok()) << book.status().message();
  ASSERT_EQ(book->sheets().size(), 1u);
  EXPECT_EQ(book->sheets()[0].rows[0].cells[2].text, "inline");
}

// Excel writes UTF-8 parts; a Latin-1 byte means a damaged or hand-made file.
TEST_F(XlsxWorkbookTest, RefusesAPartThatIsNotUtf8) {
  auto path = Path("latin1.xlsx");
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 1", kCells}}, {"caf\xE9", "second"})));
  auto book = XlsxWorkbook::Open(path);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() + ": part xl/sharedStrings.xml: byte 82 (0xE9) is not UTF-8");
}

TEST_F(XlsxWorkbookTest, RefusesAFileOverTheSizeLimitUnread) {
  auto path = Path("huge.xlsx");
  std::ofstream(path).close();
  std::filesystem::resize_file(path, uint64_t{3} << 20);  // sparse: no disk, no memory
  XlsxLimits limits;
  limits.max_file_bytes = uint64_t{2} << 20;
  auto book = XlsxWorkbook::Open(path, limits);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() + ": 3 MB is more than the 2 MB a return file may be (it is read "
                                                     "whole into memory); nothing read. If it is one council's "
                                                     "return, raise the limit with --max-file-mb");
}

TEST_F(XlsxWorkbookTest, RefusesAWorkbookWithoutSheets) {
  auto path = Path("empty.xlsx");
  ASSERT_TRUE(WriteZip(path, WorkbookParts({})));
  auto book = XlsxWorkbook::Open(path);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() + ": the workbook has no sheets");
}

TEST_F(XlsxWorkbookTest, RefusesAZipWithoutAWorkbook) {
  auto path = Path("other.zip");
  ASSERT_TRUE(WriteZip(path, {{"readme.txt", "hello"}}));
  auto book = XlsxWorkbook::Open(path);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), path.string() + ": the workbook has no part xl/workbook.xml");
}

TEST_F(XlsxWorkbookTest, NamesABinaryOrOpenDocumentSpreadsheetWhenRefusingIt) {
  auto xlsb = Path("book.xlsb");
  ASSERT_TRUE(WriteZip(xlsb, {{"[Content_Types].xml", "<Types/>"}, {"xl/workbook.bin", "\x83\x01"}}));
  auto book = XlsxWorkbook::Open(xlsb);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), xlsb.string() + ": an Excel binary workbook (.xlsb), not .xlsx; save it as "
                                                     "an Excel Workbook (.xlsx)");
  auto ods = Path("book.ods");
  ASSERT_TRUE(WriteZip(ods, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", true},
                             {"content.xml", "<office:document-content/>"}}));
  book = XlsxWorkbook::Open(ods);
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), ods.string() + ": an OpenDocument spreadsheet (.ods), not .xlsx; save it as "
                                                    "an Excel Workbook (.xlsx)");
}

TEST_F(XlsxWorkbookTest, RefusesAPartThatInflatesBeyondTheCap) {
  auto path = Path("bomb.xlsx");
  std::vector<XlsxPart> parts = WorkbookParts({{"List 1", kCells}});
  parts.back().text = "<sst>" + std::string(1 << 20, ' ') + "</sst>";
  ASSERT_TRUE(WriteZip(path, parts));
  auto book = XlsxWorkbook::Open(path, {1 << 16, 1 << 20});
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(),
            path.string() + ": part xl/sharedStrings.xml inflates to more than 65536 bytes (part) or 1048576 "
                            "(workbook); refused as a possible zip bomb");
}

// Rows enough that their sheet deflates to thousands of bytes.
std::string ManyRows() {
  std::string rows;
  for (int r = 1; r <= 2000; ++r)
    rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
            std::to_string(r * 7919 % 100003) + "</v></c></row>";
  return rows;
}

TEST_F(XlsxWorkbookTest, ReadsStoredAndDeflatedPartsAlike) {
  auto path = Path("stored.xlsx");
  std::vector<XlsxPart> parts = WorkbookParts({{"Deflated", ManyRows()}, {"Stored", ManyRows()}});
  parts[1].stored = true;
  ASSERT_TRUE(WriteZip(path, parts));
  auto book = XlsxWorkbook::Open(path);
  ASSERT_TRUE(book.ok()) << book.status().message();
  const XlsxSheet& deflated = book->sheets()[0];
  const XlsxSheet& stored = book->sheets()[1];
  ASSERT_EQ(deflated.rows.size(), 2000u);
  ASSERT_EQ(stored.rows.size(), 2000u);
  EXPECT_EQ(deflated.rows[1999].cells[0].text, std::to_string(2000 * 7919 % 100003));
  for (size_t r = 0; r < stored.rows.size(); ++r) EXPECT_EQ(stored.rows[r].cells[0].text, deflated.rows[r].cells[0].text);
}

TEST_F(XlsxWorkbookTest, RefusesAPartWhoseDeflatedBytesAreDamaged) {
  auto path = Path("damaged.xlsx");
  std::vector<XlsxPart> parts = WorkbookParts({{"List 1", ManyRows()}});
  ASSERT_TRUE(WriteZip(path, parts));
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  bytes[bytes.size() / 4] = static_cast<char>(bytes[bytes.size() / 4] ^ 0x55);  // inside the sheet's deflated data
  auto book = XlsxWorkbook::Parse(bytes, "damaged.xlsx");
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().message(), "damaged.xlsx: part xl/worksheets/sheet1.xml is truncated or damaged");
}

// The text (ASCII, or Latin-1 as UTF-8) as UTF-16LE with its byte order mark.
std::string Utf16(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    unsigned code = c < 0x80 ? c : ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3Fu);
    out += static_cast<char>(code & 0xFF);
    out += static_cast<char>(code >> 8);
  }
  return out;
}

TEST_F(XlsxWorkbookTest, ReadsASheetInUtf16OrLatin1AsUtf8) {
  auto path = Path("utf16.xlsx");
  std::vector<XlsxPart> parts = WorkbookParts(
      {{"Sixteen", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Caf\u00E9 &amp; co</t></is></c></row>"},
       {"Latin", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Caf\xE9</t></is></c></row>"}});
  parts[0].text = Utf16("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + parts[0].text);
  parts[1].text = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + parts[1].text;
  ASSERT_TRUE(WriteZip(path, parts));
  auto book = XlsxWorkbook::Open(path);
  ASSERT_TRUE(book.ok()) << book.status().message();
  EXPECT_EQ(book->sheets()[0].rows.at(0).cells.at(0).text, "Caf\u00E9 & co");
  EXPECT_EQ(book->sheets()[1].rows.at(0).cells.at(0).text, "Caf\u00E9");
}

}  // namespace
}  // namespace scrutiny
