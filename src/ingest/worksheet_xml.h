#pragma once
// The rows of a worksheet part (xl/worksheets/sheetN.xml) read in one pass
// over its UTF-8 text, checking as it goes that the XML is well-formed, with
// no document tree: pugixml's tree of an Annex A workbook's sheets took as
// long to build as the workbook's records took to make (docs/performance.md).
//
// It reads what XlsxWorkbook reads of a sheet (docs/annex-a.md): the rows of
// the root <worksheet>'s first <sheetData>, each cell's first <v> or, for an
// inline string, the text of its first <is>; a row's or cell's r attribute
// places it. An element's text is its first run of character data that is
// not only white space, or its first CDATA section, with entities decoded and
// line ends made "\n", as pugixml gives it.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/xlsx_workbook.h"

namespace scrutiny {

// WorksheetPart names a worksheet part for errors and gives its workbook's shared strings.
struct WorksheetPart {
  std::string_view part;   // "xl/worksheets/sheet1.xml"
  std::string_view sheet;  // the sheet's name as its tab shows it
  const std::vector<std::string>& shared_strings;
};

// Given each row of a sheet as its end tag is read. The row is reused for the
// next, so what is kept must be copied. False reads no more of the sheet (the
// rest is neither read nor checked).
using WorksheetRowReader = std::function<bool(const XlsxRow& row)>;

// Gives the sheet's rows to read_row one by one, or says why they cannot be
// read: "part P is not well-formed XML: line N: <what>", or "sheet 'S' has a
// cell reference that is not a column and row: 'X' (line N of P)". Rows before
// a fault have been given by then: a reader keeps nothing of a sheet that fails.
Status ReadWorksheetRows(std::string_view xml, const WorksheetPart& part, const WorksheetRowReader& read_row);

// The sheet's rows, all of them, or why they cannot be read (as above).
Result<std::vector<XlsxRow>> ReadWorksheetRows(std::string_view xml, const WorksheetPart& part);

}  // namespace scrutiny
