#pragma once
// The kinds of input `scrutiny load` takes, told apart by their content, not
// their names: a folder of scrutiny CSV files, the SSDA903 return (a folder of
// its CSV files or its XML file), the CIN census and CSWW workforce XML, and
// Ofsted's Annex A (an .xlsx workbook or a folder of one CSV file per list).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/return_file_size.h"

namespace scrutiny {

enum class ReturnFormat { kScrutinyCsv, kSsda903Csv, kSsda903Xml, kCinCensus, kCsww, kAnnexA };

// How the format is named to users: "SSDA903 XML", "CIN census XML"...
std::string_view FormatName(ReturnFormat format);

// The format of a file or folder: XML by its root element (and a Message's
// Collection), a workbook by its zip signature and sheets, a folder by the
// headers of its CSV files. Fails (invalid input) naming the path, what it
// was found to be and what was expected; a file larger than max_file_bytes is
// refused unread.
Result<ReturnFormat> DetectReturnFormat(const std::string& path, uint64_t max_file_bytes = kMaxReturnFileBytes);

// The same for a file's text (the path names it in errors).
Result<ReturnFormat> DetectFileFormat(const std::string& path, std::string_view text);

}  // namespace scrutiny
