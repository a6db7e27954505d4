#pragma once
// A minimal reader of Excel workbooks (.xlsx: a zip of XML parts) for the
// returns councils keep in spreadsheets, such as Ofsted's Annex A. It reads
// each sheet's cells as text (shared strings, inline strings, numbers, booleans
// and cached formula results), refuses files that are not zips, are encrypted
// or truncated, or hold no sheet, and caps what it inflates (zip bombs).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/return_file_size.h"

namespace scrutiny {

// XlsxCell is one cell's value as text; number says Excel stored a number
// (a date is a number: the days since the 1900 epoch, see ExcelSerialDate).
struct XlsxCell {
  std::string text;
  bool number = false;
  // The index of the workbook's shared string the text is, or -1: the same
  // index is the same text, so a reader may remember what it made of it.
  int32_t shared = -1;
};

// XlsxRow is one row of a sheet: its number (1 for the first) and its cells
// by column, column A first; columns with no cell hold empty text.
struct XlsxRow {
  uint64_t number = 0;
  std::vector<XlsxCell> cells;
};

// XlsxSheet is one worksheet: its name as the tab shows it and its rows.
struct XlsxSheet {
  std::string name;
  std::vector<XlsxRow> rows;
};

// XlsxSheetReader is given a workbook's sheets in the workbook's order, and
// each sheet's rows one by one as they are read, so that a reader of a large
// workbook need not hold all its cells at once.
class XlsxSheetReader {
 public:
  virtual ~XlsxSheetReader() = default;
  virtual void BeginSheet(std::string_view name) = 0;
  // The sheet's next row, reused once this returns; false reads no more of the sheet.
  virtual bool Row(const XlsxRow& row) = 0;
  virtual void EndSheet() = 0;
};

// XlsxLimits caps what a workbook may inflate to, part by part and in all.
struct XlsxLimits {
  uint64_t max_part_bytes = 64ull << 20;
  uint64_t max_total_bytes = 256ull << 20;
  uint64_t max_file_bytes = kMaxReturnFileBytes;  // the .xlsx file itself (Open)
};

// XlsxWorkbook is a workbook read whole: its sheets in the workbook's order.
class XlsxWorkbook {
 public:
  static Result<XlsxWorkbook> Open(const std::string& path, const XlsxLimits& limits = {});
  // The workbook whose .xlsx bytes are given (which must outlive the call); name is for errors.
  // With rows_per_sheet, only each sheet's first rows: the rest are neither read nor checked.
  static Result<XlsxWorkbook> Parse(std::string_view bytes, const std::string& name, const XlsxLimits& limits = {},
                                    size_t rows_per_sheet = SIZE_MAX);
  XlsxWorkbook() = default;
  // A workbook of sheets read some other way (one CSV file per sheet).
  explicit XlsxWorkbook(std::vector<XlsxSheet> sheets) : sheets_(std::move(sheets)) {}

  const std::vector<XlsxSheet>& sheets() const { return sheets_; }
  // Gives the reader every sheet and row, as ReadXlsxFile would have.
  void GiveTo(XlsxSheetReader& reader) const;
  // The sheet of that name (case-insensitive), or nullptr.
  const XlsxSheet* Sheet(std::string_view name) const;

 private:
  std::vector<XlsxSheet> sheets_;
};

// Reads the workbook at path, or the .xlsx bytes given (name for errors),
// giving its sheets and rows to the reader as they are read. A fault found
// part-way (a damaged sheet) fails the whole: the reader has then been given
// rows of a workbook that is refused, and keeps nothing of them.
Status ReadXlsxFile(const std::string& path, XlsxSheetReader& reader, const XlsxLimits& limits = {});
Status ReadXlsxBytes(std::string_view bytes, const std::string& name, XlsxSheetReader& reader,
                     const XlsxLimits& limits = {});

// The day an Excel serial number names in the 1900 date system, where 1 is
// 1 January 1900 and, after Lotus 1-2-3's bug, 60 is 29 February 1900, a day
// that never was: no date for it, nor for serials below 1 or after 31/12/9999
// (2958465). A fraction (the time of day) is dropped.
std::optional<Date> ExcelSerialDate(double serial);
// The same for a whole number of days.
std::optional<Date> ExcelSerialDay(int32_t serial);

// The index from 0 of a cell reference's column ("A7" 0, "AB12" 27), or none.
// Inline: the sheet scanner takes it for each of a workbook's million cells.
inline std::optional<size_t> ColumnOfReference(std::string_view reference) {
  constexpr size_t kLettersInAlphabet = 26, kMaxColumns = 16384;  // XFD, Excel's last column
  size_t column = 0, letters = 0;
  while (letters < reference.size() && reference[letters] >= 'A' && reference[letters] <= 'Z') {
    column = column * kLettersInAlphabet + static_cast<size_t>(reference[letters] - 'A' + 1);
    if (column > kMaxColumns) return std::nullopt;
    ++letters;
  }
  if (letters == 0 || letters == reference.size()) return std::nullopt;
  for (size_t i = letters; i < reference.size(); ++i)
    if (reference[i] < '0' || reference[i] > '9') return std::nullopt;
  return column - 1;
}

}  // namespace scrutiny
