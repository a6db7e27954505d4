// libFuzzer target: any bytes, read as a worksheet part by ReadWorksheetRows,
// must give rows or an error, never a crash, hang or sanitizer report; and it
// is checked against pugixml's tree read as XlsxWorkbook read sheets before
// (the oracle below): XML pugixml refuses must be refused, and what both
// read must give the same rows. (The scanner may refuse more: text or a second
// element outside the root, a DOCTYPE, a NUL byte.)

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "ingest/worksheet_xml.h"

namespace {

using scrutiny::XlsxCell;
using scrutiny::XlsxRow;

const std::vector<std::string> kShared = {"zero", "one", "two"};

// The oracle: the tree reading the scanner replaced, kept apart from the
// reader's code (xlsx_workbook.cc's RichText, for shared strings, is its twin)
// so that a mistake in one is not in both.
std::string RichText(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    std::string_view name = child.name();
    if (name == "t") text += child.text().get();
    if (name == "r") text += child.child("t").text().get();
  }
  return text;
}

std::string CellText(const pugi::xml_node& cell, std::string_view type) {
  if (type == "inlineStr") return RichText(cell.child("is"));
  std::string value = cell.child("v").text().get();
  if (type != "s") return value;
  char* end = nullptr;
  unsigned long index = std::strtoul(value.c_str(), &end, 10);
  return (end && *end == '\0' && index < kShared.size()) ? kShared[index] : std::string();
}

// The rows as pugixml's tree gives them; none if a cell reference is bad.
std::optional<std::vector<XlsxRow>> OracleRows(const pugi::xml_document& doc) {
  std::vector<XlsxRow> rows;
  uint64_t previous = 0;
  for (pugi::xml_node row : doc.child("worksheet").child("sheetData").children("row")) {
    XlsxRow& out = rows.emplace_back();
    out.number = row.attribute("r").as_ullong();
    size_t next_column = 0;
    for (pugi::xml_node cell : row.children("c")) {
      std::string_view reference = cell.attribute("r").value(), type = cell.attribute("t").value();
      auto column = reference.empty() ? std::optional<size_t>(next_column) : scrutiny::ColumnOfReference(reference);
      if (!column) return std::nullopt;
      if (out.cells.size() <= *column) out.cells.resize(*column + 1);
      out.cells[*column] = {CellText(cell, type), type.empty() || type == "n"};
      if (out.cells[*column].text.empty()) out.cells[*column].number = false;
      next_column = *column + 1;
    }
    if (out.number == 0) out.number = previous + 1;
    previous = out.number;
  }
  return rows;
}

bool Same(const std::vector<XlsxRow>& a, const std::vector<XlsxRow>& b) {
  if (a.size() != b.size()) return false;
  for (size_t r = 0; r < a.size(); ++r) {
    if (a[r].number != b[r].number || a[r].cells.size() != b[r].cells.size()) return false;
    for (size_t c = 0; c < a[r].cells.size(); ++c)
      if (a[r].cells[c].text != b[r].cells[c].text || a[r].cells[c].number != b[r].cells[c].number) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto rows = scrutiny::ReadWorksheetRows(xml, {"sheet.xml", "Sheet", kShared});
  pugi::xml_document doc;
  bool parsed = static_cast<bool>(doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8));
  std::optional<std::vector<XlsxRow>> oracle = parsed ? OracleRows(doc) : std::nullopt;
  if (!oracle && rows.ok()) std::abort();  // read what pugixml refuses
  if (oracle && rows.ok() && !Same(*oracle, *rows)) std::abort();  // read it otherwise
  return 0;
}
