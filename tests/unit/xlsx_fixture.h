#pragma once
// Tiny .xlsx files built in the tests with libzip: a workbook of named sheets
// whose rows are given as cell XML, with or without shared strings.

#include <zip.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace scrutiny::testing {

// XlsxPart is one file inside the zip.
struct XlsxPart {
  std::string name;
  std::string text;
  bool stored = false;  // kept as it is, not deflated
};

// Writes the parts as a zip at path; false if libzip refuses.
inline bool WriteZip(const std::filesystem::path& path, const std::vector<XlsxPart>& parts) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!z) return false;
  for (const XlsxPart& p : parts) {
    zip_source_t* src = zip_source_buffer(z, p.text.data(), p.text.size(), 0);
    zip_int64_t index = src ? zip_file_add(z, p.name.c_str(), src, ZIP_FL_OVERWRITE) : -1;
    if (index < 0 || zip_set_file_compression(z, static_cast<zip_uint64_t>(index),
                                              p.stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) < 0) {
      zip_source_free(src);
      zip_discard(z);
      return false;
    }
  }
  return zip_close(z) == 0;
}

// XlsxSheetXml is a sheet's name and the <row> elements of its sheetData.
struct XlsxSheetXml {
  std::string name;
  std::string rows;
};

// The parts of a workbook holding the sheets and the shared strings given.
inline std::vector<XlsxPart> WorkbookParts(const std::vector<XlsxSheetXml>& sheets,
                                           const std::vector<std::string>& shared = {}) {
  const std::string ns = R"(xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
  std::string book = "<workbook " + ns +
                     R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>)";
  std::string rels = R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)";
  std::vector<XlsxPart> parts;
  for (size_t i = 0; i < sheets.size(); ++i) {
    std::string n = std::to_string(i + 1);
    book += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Target=\"worksheets/sheet" + n + ".xml\"/>";
    parts.push_back({"xl/worksheets/sheet" + n + ".xml",
                     "<worksheet " + ns + "><sheetData>" + sheets[i].rows + "</sheetData></worksheet>"});
  }
  parts.push_back({"xl/workbook.xml", book + "</sheets></workbook>"});
  parts.push_back({"xl/_rels/workbook.xml.rels", rels + "</Relationships>"});
  std::string sst = "<sst " + ns + ">";
  for (const std::string& s : shared) sst += "<si><t>" + s + "</t></si>";
  parts.push_back({"xl/sharedStrings.xml", sst + "</sst>"});
  return parts;
}

// Whether the text is written as a number cell: digits with at most one '.'.
inline bool LooksNumeric(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos &&
         text.find('.') == text.rfind('.');
}

// A row of cells, column A first: numbers as number cells, other text as
// inline strings, empty text as no cell.
inline std::string InlineRow(int number, const std::vector<std::string>& cells) {
  std::string row = "<row r=\"" + std::to_string(number) + "\">";
  for (size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].empty()) continue;
    std::string ref;
    for (size_t c = i + 1; c > 0; c = (c - 1) / 26) ref.insert(ref.begin(), static_cast<char>('A' + (c - 1) % 26));
    std::string at = "<c r=\"" + ref + std::to_string(number) + "\"";
    row += LooksNumeric(cells[i]) ? at + "><v>" + cells[i] + "</v></c>"
                                  : at + " t=\"inlineStr\"><is><t>" + cells[i] + "</t></is></c>";
  }
  return row + "</row>";
}

}  // namespace scrutiny::testing
