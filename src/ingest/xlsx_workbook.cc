#include "ingest/xlsx_workbook.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <libdeflate.h>
#include <pugixml.hpp>
#include <zip.h>

#include "ingest/csv_reader.h"
#include "ingest/worksheet_xml.h"

namespace scrutiny {
namespace {

constexpr int kFirstRealLeapDaySerial = 60;  // 29 February 1900, which Excel counts and the calendar does not
constexpr double kLastSerial = 2958465;       // 31 December 9999, Excel's last day
constexpr size_t kReadChunk = 64 * 1024;
// How an OLE2 compound file begins: Office's encrypted workbooks and old .xls files.
constexpr std::string_view kCompoundFileMagic("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);

// ZipCloser closes an archive opened read-only, writing nothing.
struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipCloser>;

// ZipFileCloser closes one entry being inflated.
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

bool EqualNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// All the text of an <si> or <is> element: its <t>, or its rich-text runs'
// <t>s, leaving out phonetic guides (<rPh>).
std::string RichText(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "t") text += child.text().get();
    if (name == "r") text += child.child("t").text().get();
  }
  return text;
}

// Whether the part may be in an encoding other than UTF-8: it opens with a
// UTF-16 or UTF-32 byte order mark or a NUL byte, or its XML declaration
// names an encoding.
bool MayBeOtherThanUtf8(std::string_view xml) {
  if (xml.size() >= 2 && (xml[0] == '\0' || xml[1] == '\0' || xml.starts_with("\xFE\xFF") || xml.starts_with("\xFF\xFE")))
    return true;
  if (!xml.starts_with("<?xml")) return false;
  std::string_view declaration = xml.substr(0, xml.find("?>"));
  size_t named = declaration.find("encoding");
  if (named == std::string_view::npos) return false;
  std::string_view value = declaration.substr(named + std::string_view("encoding").size());
  value.remove_prefix(std::min(value.find_first_of("\"'") + 1, value.size()));
  value = value.substr(0, value.find_first_of("\"'"));
  return !EqualNoCase(value, "UTF-8") && !EqualNoCase(value, "UTF8");
}

// The part a relationship's target names: relative to xl/, or absolute from the root.
std::string PartOfTarget(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

}  // namespace

// XlsxReading reads one workbook's parts from its zip, within the limits,
// giving its sheets' rows to a reader.
class XlsxReading {
 public:
  // Reads the file at path, or, if bytes is given, those bytes named path.
  XlsxReading(std::string path, const XlsxLimits& limits, XlsxSheetReader& reader,
              std::optional<std::string_view> bytes = std::nullopt)
      : path_(std::move(path)), limits_(limits), bytes_(bytes), reader_(reader) {}
  Status Run();

 private:
  Status OpenZip();
  zip_t* OpenSource(int& error) const;
  bool IsCompoundFile() const;
  Status Refuse(std::string why) const { return Status::InvalidInput(fmt::format("{}: {}", path_, why)); }
  Result<std::string> ReadPart(const std::string& part, bool required);
  Result<std::string> InflatePart(const std::string& part, const zip_stat_t& stat);
  Result<std::string> StreamPart(const std::string& part, const zip_stat_t& stat);
  // Whether a part of that size, or the workbook's parts so far, pass the limits.
  bool TooBig(uint64_t part_bytes) const;
  Status RefuseTooBig(const std::string& part) const;
  Result<pugi::xml_document> ParsePart(const std::string& part, bool required);
  std::string OtherSpreadsheet() const;
  Status ReadSharedStrings();
  Status ReadSheet(const pugi::xml_node& sheet, const pugi::xml_document& relationships);
  // The part's text as UTF-8: itself, or, for a part in UTF-16, UTF-32 or
  // Latin-1 (which pugixml reads), as pugixml writes it in UTF-8.
  Result<std::string> AsUtf8(std::string bytes, const std::string& part) const;

  std::string path_;
  XlsxLimits limits_;
  std::optional<std::string_view> bytes_;
  ZipArchive zip_;
  uint64_t inflated_ = 0;
  std::vector<std::string> shared_strings_;
  // Memory of the parts read before, used again for the next: a sheet's rows are not kept, and
  // fresh memory for each part was faulted in and zeroed by the kernel again (docs/performance.md).
  std::string deflated_, spare_part_;
  XlsxSheetReader& reader_;
  size_t sheets_ = 0;
};

// WholeWorkbook keeps every sheet it is given and each sheet's rows, up to a number of them.
class WholeWorkbook : public XlsxSheetReader {
 public:
  explicit WholeWorkbook(size_t rows_per_sheet = SIZE_MAX) : rows_per_sheet_(rows_per_sheet) {}
  void BeginSheet(std::string_view name) override { sheets_.push_back({std::string(name), {}}); }
  bool Row(const XlsxRow& row) override {
    sheets_.back().rows.push_back(row);
    return sheets_.back().rows.size() < rows_per_sheet_;
  }
  void EndSheet() override {}
  std::vector<XlsxSheet> sheets_;

 private:
  size_t rows_per_sheet_;
};

zip_t* XlsxReading::OpenSource(int& error) const {
  if (!bytes_) return zip_open(path_.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_t why;
  zip_error_init(&why);
  zip_source_t* source = zip_source_buffer_create(bytes_->data(), bytes_->size(), 0, &why);
  zip_t* z = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &why) : nullptr;
  if (!z) {
    if (source) zip_source_free(source);
    error = zip_error_code_zip(&why);
  }
  zip_error_fini(&why);
  return z;
}

bool XlsxReading::IsCompoundFile() const {
  std::string start(kCompoundFileMagic.size(), '\0');
  if (bytes_) start = bytes_->substr(0, start.size());
  else std::ifstream(path_, std::ios::binary).read(start.data(), static_cast<std::streamsize>(start.size()));
  return start == kCompoundFileMagic;
}

Status XlsxReading::OpenZip() {
  int error = 0;
  zip_t* z = OpenSource(error);
  if (z) {
    zip_.reset(z);
    return Status::Ok();
  }
  switch (error) {
    case ZIP_ER_OPEN:
    case ZIP_ER_NOENT:
    case ZIP_ER_READ: return Status::IoError(fmt::format("{}: cannot be read", path_));
    case ZIP_ER_NOZIP:
      if (IsCompoundFile())
        return Refuse("an encrypted (password-protected) workbook, or an old .xls one (an OLE2 compound file, not a "
                      "zip); save it as .xlsx without a password");
      return Refuse("not an .xlsx workbook (not a zip file, or a truncated one); a password-protected workbook "
                    "must be saved without its password");
    default: return Refuse("the workbook is truncated or damaged (its zip directory is inconsistent)");
  }
}

Result<std::string> XlsxReading::ReadPart(const std::string& part, bool required) {
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat(zip_.get(), part.c_str(), 0, &stat) != 0) {
    if (required) return Refuse(fmt::format("the workbook has no part {}", part));
    return std::string();
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
    return Refuse("the workbook is encrypted; save it without a password");
  constexpr zip_uint64_t kKnown = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_CRC | ZIP_STAT_COMP_METHOD;
  if ((stat.valid & kKnown) == kKnown && stat.comp_method == ZIP_CM_DEFLATE) return InflatePart(part, stat);
  return StreamPart(part, stat);
}

bool XlsxReading::TooBig(uint64_t part_bytes) const {
  return part_bytes > limits_.max_part_bytes || inflated_ > limits_.max_total_bytes;
}

Status XlsxReading::RefuseTooBig(const std::string& part) const {
  return Refuse(fmt::format("part {} inflates to more than {} bytes (part) or {} (workbook); refused as a "
                            "possible zip bomb", part, limits_.max_part_bytes, limits_.max_total_bytes));
}

// A deflated part read whole and inflated in one call (libdeflate, about twice
// zlib's speed), to the size the zip's directory gives and checked by its CRC.
Result<std::string> XlsxReading::InflatePart(const std::string& part, const zip_stat_t& stat) {
  inflated_ += stat.size;
  if (TooBig(stat.size)) return RefuseTooBig(part);
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip_.get(), stat.index, ZIP_FL_COMPRESSED));
  if (!file) return Refuse(fmt::format("part {} cannot be inflated: {}", part, zip_strerror(zip_.get())));
  std::string& deflated = deflated_;
  deflated.resize(stat.comp_size);
  if (zip_fread(file.get(), deflated.data(), deflated.size()) != static_cast<zip_int64_t>(deflated.size()))
    return Refuse(fmt::format("part {} is truncated or damaged", part));
  std::string bytes = std::move(spare_part_);
  bytes.resize(stat.size);
  std::unique_ptr<libdeflate_decompressor, void (*)(libdeflate_decompressor*)> inflater(
      libdeflate_alloc_decompressor(), libdeflate_free_decompressor);
  size_t made = 0;
  if (!inflater ||
      libdeflate_deflate_decompress(inflater.get(), deflated.data(), deflated.size(), bytes.data(), bytes.size(),
                                    &made) != LIBDEFLATE_SUCCESS ||
      made != bytes.size() || libdeflate_crc32(0, bytes.data(), bytes.size()) != stat.crc)
    return Refuse(fmt::format("part {} is truncated or damaged", part));
  return bytes;
}

// A part inflated by libzip a piece at a time: stored parts, other methods, and
// parts whose directory entry lacks a size.
Result<std::string> XlsxReading::StreamPart(const std::string& part, const zip_stat_t& stat) {
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip_.get(), stat.index, 0));
  if (!file) return Refuse(fmt::format("part {} cannot be inflated: {}", part, zip_strerror(zip_.get())));
  std::string bytes;
  char chunk[kReadChunk];
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), chunk, sizeof chunk);
    if (n < 0) return Refuse(fmt::format("part {} is truncated or damaged", part));
    if (n == 0) break;
    bytes.append(chunk, static_cast<size_t>(n));
    inflated_ += static_cast<uint64_t>(n);
    if (TooBig(bytes.size())) return RefuseTooBig(part);
  }
  return bytes;
}

Result<pugi::xml_document> XlsxReading::ParsePart(const std::string& part, bool required) {
  auto bytes = ReadPart(part, required);
  if (!bytes.ok()) return bytes.status();
  pugi::xml_document doc;
  if (bytes->empty()) return doc;
  pugi::xml_parse_result parsed = doc.load_buffer(bytes->data(), bytes->size());
  if (!parsed) return Refuse(fmt::format("part {} is not well-formed XML: {}", part, parsed.description()));
  if (size_t bad = FindInvalidUtf8(*bytes); parsed.encoding == pugi::encoding_utf8 && bad != std::string::npos)
    return Refuse(fmt::format("part {}: byte {} (0x{:02X}) is not UTF-8", part, bad + 1,
                              static_cast<unsigned char>((*bytes)[bad])));
  return doc;
}

Status XlsxReading::ReadSharedStrings() {
  auto doc = ParsePart("xl/sharedStrings.xml", false);
  if (!doc.ok()) return doc.status();
  for (pugi::xml_node si : doc->child("sst").children("si")) shared_strings_.push_back(RichText(si));
  return Status::Ok();
}

Status XlsxReading::ReadSheet(const pugi::xml_node& sheet, const pugi::xml_document& relationships) {
  std::string name = sheet.attribute("name").value();
  std::string_view id = sheet.attribute("r:id").value();
  pugi::xml_node target = relationships.child("Relationships").find_child_by_attribute("Relationship", "Id", id.data());
  if (!target) return Refuse(fmt::format("sheet '{}' names no part", name));
  std::string part = PartOfTarget(target.attribute("Target").value());
  auto bytes = ReadPart(part, true);
  if (!bytes.ok()) return bytes.status();
  auto text = AsUtf8(std::move(*bytes), part);
  if (!text.ok()) return text.status();
  ++sheets_;
  reader_.BeginSheet(name);
  Status rows = ReadWorksheetRows(*text, {part, name, shared_strings_},
                                  [this](const XlsxRow& row) { return reader_.Row(row); });
  if (!rows.ok()) return Refuse(rows.message());
  reader_.EndSheet();
  spare_part_ = std::move(*text);
  return Status::Ok();
}

Result<std::string> XlsxReading::AsUtf8(std::string bytes, const std::string& part) const {
  if (MayBeOtherThanUtf8(bytes)) {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size());
    if (!parsed) return Refuse(fmt::format("part {} is not well-formed XML: {}", part, parsed.description()));
    if (parsed.encoding != pugi::encoding_utf8) {
      std::ostringstream utf8;
      doc.save(utf8, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
      return utf8.str();
    }
  }
  if (size_t bad = FindInvalidUtf8(bytes); bad != std::string::npos)
    return Refuse(fmt::format("part {}: byte {} (0x{:02X}) is not UTF-8", part, bad + 1,
                              static_cast<unsigned char>(bytes[bad])));
  return bytes;
}

// Why a zip that is some other spreadsheet, not an .xlsx, is refused; empty if it is none of them.
std::string XlsxReading::OtherSpreadsheet() const {
  auto has = [&](const char* part) { return zip_name_locate(zip_.get(), part, 0) >= 0; };
  if (has("xl/workbook.xml")) return "";
  if (has("xl/workbook.bin")) return "an Excel binary workbook (.xlsb), not .xlsx; save it as an Excel Workbook (.xlsx)";
  if (has("content.xml") && has("mimetype"))
    return "an OpenDocument spreadsheet (.ods), not .xlsx; save it as an Excel Workbook (.xlsx)";
  return "";
}

Status XlsxReading::Run() {
  if (Status s = OpenZip(); !s.ok()) return s;
  if (std::string other = OtherSpreadsheet(); !other.empty()) return Refuse(other);
  auto workbook = ParsePart("xl/workbook.xml", true);
  if (!workbook.ok()) return workbook.status();
  auto relationships = ParsePart("xl/_rels/workbook.xml.rels", true);
  if (!relationships.ok()) return relationships.status();
  if (Status s = ReadSharedStrings(); !s.ok()) return s;
  for (pugi::xml_node sheet : workbook->child("workbook").child("sheets").children("sheet"))
    if (Status s = ReadSheet(sheet, *relationships); !s.ok()) return s;
  if (sheets_ == 0) return Refuse("the workbook has no sheets");
  return Status::Ok();
}

Status ReadXlsxFile(const std::string& path, XlsxSheetReader& reader, const XlsxLimits& limits) {
  if (Status s = CheckReturnFileSize(path, limits.max_file_bytes); !s.ok()) return s;
  return XlsxReading(path, limits, reader).Run();
}

Status ReadXlsxBytes(std::string_view bytes, const std::string& name, XlsxSheetReader& reader,
                     const XlsxLimits& limits) {
  return XlsxReading(name, limits, reader, bytes).Run();
}

Result<XlsxWorkbook> XlsxWorkbook::Open(const std::string& path, const XlsxLimits& limits) {
  WholeWorkbook whole;
  if (Status s = ReadXlsxFile(path, whole, limits); !s.ok()) return s;
  return XlsxWorkbook(std::move(whole.sheets_));
}

Result<XlsxWorkbook> XlsxWorkbook::Parse(std::string_view bytes, const std::string& name, const XlsxLimits& limits,
                                         size_t rows_per_sheet) {
  WholeWorkbook whole(rows_per_sheet);
  if (Status s = ReadXlsxBytes(bytes, name, whole, limits); !s.ok()) return s;
  return XlsxWorkbook(std::move(whole.sheets_));
}

void XlsxWorkbook::GiveTo(XlsxSheetReader& reader) const {
  for (const XlsxSheet& sheet : sheets_) {
    reader.BeginSheet(sheet.name);
    for (const XlsxRow& row : sheet.rows)
      if (!reader.Row(row)) break;
    reader.EndSheet();
  }
}

const XlsxSheet* XlsxWorkbook::Sheet(std::string_view name) const {
  for (const XlsxSheet& s : sheets_)
    if (EqualNoCase(s.name, name)) return &s;
  return nullptr;
}

std::optional<Date> ExcelSerialDate(double serial) {
  if (!std::isfinite(serial) || serial < 1 || serial >= kLastSerial + 1) return std::nullopt;
  return ExcelSerialDay(static_cast<int32_t>(std::floor(serial)));
}

std::optional<Date> ExcelSerialDay(int32_t serial) {
  static const int32_t before_epoch = Date::FromCivil(1899, 12, 31).days();  // serial 0, "0 January 1900"
  if (serial < 1 || serial > kLastSerial || serial == kFirstRealLeapDaySerial) return std::nullopt;
  return Date::FromDays(before_epoch + (serial < kFirstRealLeapDaySerial ? serial : serial - 1));
}

}  // namespace scrutiny
