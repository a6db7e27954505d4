#include "ingest/return_format.h"

#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "ingest/annex_a_sheet.h"
#include "ingest/csv_reader.h"
#include "ingest/mapped_file.h"
#include "ingest/return_file_size.h"
#include "ingest/ssda903_tables.h"
#include "ingest/xlsx_workbook.h"
#include "model/record_type.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

constexpr size_t kHeadBytes = 64 * 1024;  // enough for a header line, an XML root or an Annex A list's title rows
constexpr size_t kHeadRows = 20;          // rows of a CSV file searched for an Annex A header
// How an OLE2 compound file begins: an encrypted workbook (the reader says so) or an old .xls one.
constexpr std::string_view kCompoundFileMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
constexpr std::string_view kExpected =
    "expected an SSDA903, CIN census or CSWW XML file, an Annex A .xlsx workbook, or a folder of scrutiny, "
    "SSDA903 or Annex A CSV files";

Status Refuse(const std::string& path, std::string_view found) {
  return Status::InvalidInput(fmt::format("{}: {}; {}", path, found, kExpected));
}

// The text after a byte-order mark and any XML declaration, comments, doctype and white space.
std::string_view SkipProlog(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (;;) {
    size_t start = text.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start);
    std::string_view close = text.substr(0, 4) == "<!--" ? "-->" : (text.substr(0, 2) == "<?" || text.substr(0, 2) == "<!") ? ">" : "";
    if (close.empty()) return text;
    size_t end = text.find(close);
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + close.size());
  }
}

// The name of the first element, or empty if the text does not start with one.
std::string_view RootName(std::string_view text) {
  text = SkipProlog(text);
  if (text.empty() || text.front() != '<') return {};
  text.remove_prefix(1);
  size_t end = text.find_first_of(" \t\r\n/>");
  return end == std::string_view::npos ? std::string_view() : text.substr(0, end);
}

// The text of the first <item>...</item>, or empty.
std::string_view ItemText(std::string_view text, std::string_view item) {
  std::string open = fmt::format("<{}>", item);
  size_t start = text.find(open);
  if (start == std::string_view::npos) return {};
  start += open.size();
  size_t end = text.find('<', start);
  if (end == std::string_view::npos) return {};
  std::string_view value = text.substr(start, end - start);
  return TrimSpace(value);
}

Result<ReturnFormat> XmlFormat(const std::string& path, std::string_view text) {
  std::string_view root = RootName(text);
  if (root == "EXPSSDA903") return ReturnFormat::kSsda903Xml;
  if (root != "Message") return Refuse(path, fmt::format("an XML file whose root element is '{}'", root));
  std::string_view collection = ItemText(text.substr(0, kHeadBytes), "Collection");
  if (collection == "CIN") return ReturnFormat::kCinCensus;
  if (collection == "CSWW") return ReturnFormat::kCsww;
  return Refuse(path, fmt::format("a Message whose header's Collection is '{}', not CIN or CSWW", collection));
}

// The first rows of CSV text as a sheet; none if it is not CSV.
std::optional<XlsxSheet> HeadSheet(const std::string& path, std::string_view text) {
  CsvReader reader(text.substr(0, std::min(text.size(), kHeadBytes)));
  if (!reader.Check()) return std::nullopt;
  XlsxSheet sheet{fs::path(path).stem().string(), {}};
  std::vector<std::string_view> fields;
  while (sheet.rows.size() < kHeadRows && reader.Next(fields)) {
    XlsxRow& row = sheet.rows.emplace_back();
    row.number = reader.line();
    for (std::string_view f : fields) row.cells.push_back({std::string(f), false});
  }
  if (sheet.rows.empty()) return std::nullopt;
  return sheet;
}

bool IsAnnexASheet(const XlsxSheet& sheet, const std::string& path) {
  Problems ignored(0);
  return AnnexASheet::Find(sheet, path, ignored).has_value();
}

// A scrutiny CSV file is named after its record type and heads only its fields.
bool IsScrutinyFile(const std::string& path, const XlsxRow& header) {
  const RecordType* type = FindRecordType(fs::path(path).stem().string());
  if (!type) return false;
  for (const XlsxCell& cell : header.cells)
    if (type->IndexOf(cell.text) < 0) return false;
  return true;
}

// The format of one CSV file of a folder, or none.
std::optional<ReturnFormat> CsvFileFormat(const std::string& path, std::string_view text) {
  auto sheet = HeadSheet(path, text);
  if (!sheet) return std::nullopt;
  if (IsScrutinyFile(path, sheet->rows.front())) return ReturnFormat::kScrutinyCsv;
  std::vector<std::string> header;
  for (const XlsxCell& cell : sheet->rows.front().cells) header.push_back(NormaliseColumn(cell.text));
  if (MatchHeader(header).found()) return ReturnFormat::kSsda903Csv;
  if (IsAnnexASheet(*sheet, path)) return ReturnFormat::kAnnexA;
  return std::nullopt;
}

Result<ReturnFormat> FolderFormat(const std::string& dir) {
  std::map<ReturnFormat, std::string> file_of_format;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".csv" && entry.path().extension() != ".CSV") continue;
    auto file = MappedFile::Open(entry.path().string());
    if (!file.ok()) return file.status();
    if (auto format = CsvFileFormat(entry.path().string(), file->text()))
      file_of_format.emplace(*format, entry.path().filename().string());
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));
  if (file_of_format.empty()) return Refuse(dir, "a folder with no CSV file of any of these kinds");
  if (file_of_format.size() > 1) {
    auto first = file_of_format.begin(), second = std::next(first);
    return Status::InvalidInput(fmt::format("{}: a folder holds one kind of CSV files, but {} is {} and {} is {}", dir,
                                            first->second, FormatName(first->first), second->second,
                                            FormatName(second->first)));
  }
  return file_of_format.begin()->first;
}

// A workbook is told by its sheets' first rows, where an Annex A list's header
// would be; the reader of the format reads the sheets whole.
Result<ReturnFormat> WorkbookFormat(const std::string& path, std::string_view bytes) {
  auto heads = XlsxWorkbook::Parse(bytes, path, {}, AnnexASheet::kHeaderSearchRows);
  if (!heads.ok()) return Refuse(path, fmt::format("a zip file that is not a workbook Scrutiny reads ({})",
                                                   heads.status().message()));
  for (const XlsxSheet& sheet : heads->sheets())
    if (IsAnnexASheet(sheet, path)) return ReturnFormat::kAnnexA;
  return Refuse(path, "an .xlsx workbook with no sheet holding an Annex A list");
}

}  // namespace

std::string_view FormatName(ReturnFormat format) {
  switch (format) {
    case ReturnFormat::kScrutinyCsv: return "scrutiny CSV";
    case ReturnFormat::kSsda903Csv: return "SSDA903 CSV";
    case ReturnFormat::kSsda903Xml: return "SSDA903 XML";
    case ReturnFormat::kCinCensus: return "CIN census XML";
    case ReturnFormat::kCsww: return "CSWW workforce XML";
    case ReturnFormat::kAnnexA: return "Annex A";
  }
  return "unknown";
}

Result<ReturnFormat> DetectFileFormat(const std::string& path, std::string_view text) {
  if (text.substr(0, 4) == std::string_view("PK\x03\x04", 4) || text.substr(0, 8) == kCompoundFileMagic)
    return WorkbookFormat(path, text);
  if (!RootName(text).empty()) return XmlFormat(path, text);
  return Refuse(path, "a file that is neither XML nor an .xlsx workbook");
}

Result<ReturnFormat> DetectReturnFormat(const std::string& path, uint64_t max_file_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return FolderFormat(path);
  if (!fs::is_regular_file(path, ec)) return Status::IoError(fmt::format("{}: no such file or folder", path));
  if (Status s = CheckReturnFileSize(path, max_file_bytes); !s.ok()) return s;
  auto file = MappedFile::Open(path);
  if (!file.ok()) return file.status();
  return DetectFileFormat(path, file->text());
}

}  // namespace scrutiny
