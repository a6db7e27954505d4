#pragma once
// The Excel workbook of a committee pack (libxlsxwriter): a Contents sheet,
// the Scorecard, one sheet per service area (its indicators, each chart's data
// and each breakdown table), Data quality and Definitions. Figures are stored
// as numbers (percentages as their 0-100 value with the format 0.0"%"); a
// suppressed figure is the text "[c]" and a missing one "[x]" (GSS shorthand),
// explained on the sheet. A confidential pack carries "Part 2 - not for
// publication" at the top of every sheet and in its printed header and footer.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "report/pack.h"

namespace scrutiny {

// Writes `pack` to the .xlsx file at `path`, replacing it. An I/O error when
// the file cannot be written (e.g. no such folder); an internal error, and no
// file, when libxlsxwriter refuses a cell (e.g. text over 32,767 characters).
Status WritePackXlsx(const Pack& pack, const std::string& path);

// A valid Excel sheet name for `wanted` that differs (ignoring ASCII case)
// from every name in `taken`: []:*?/\ become spaces, spaces are collapsed,
// leading and trailing apostrophes and spaces go, names over 31 characters are
// cut at a word boundary where one is near, and a clash (or Excel's reserved
// "History") gets " (2)", " (3)"...
// The same inputs always give the same name.
std::string ExcelSheetName(std::string_view wanted, const std::vector<std::string>& taken);

}  // namespace scrutiny
