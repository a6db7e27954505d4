#include "ingest/ssda903_xml.h"

#include <map>

#include <fmt/format.h>

#include "ingest/xml_return.h"

namespace scrutiny {
namespace {

using T = Ssda903Table;

// TableRows collects, table by table, the rows a CHILD's elements make.
class TableRows {
 public:
  explicit TableRows(const XmlReturn& file) : file_(file) {}

  void AddChild(pugi::xml_node child);
  std::vector<Ssda903File> Files() &&;

 private:
  // A row of the table from `element`; the child's header gives CHILD, SEX and DOB.
  void Add(T table, pugi::xml_node element, pugi::xml_node header, const char* element_name);
  bool AnyItem(pugi::xml_node header, T table) const;

  const XmlReturn& file_;
  std::map<T, Ssda903File> files_;
  std::vector<std::string_view> cells_;  // of the row being added
};

void TableRows::Add(T table, pugi::xml_node element, pugi::xml_node header, const char* element_name) {
  cells_.clear();
  for (std::string_view column : SpecOf(table).columns) {
    std::string name(XmlItemName(column));
    pugi::xml_node node = element.child(name.c_str());
    if (!node) node = header.child(name.c_str());
    cells_.push_back(TrimmedText(node));
  }
  auto file = files_.find(table);
  if (file == files_.end()) file = files_.emplace(table, Ssda903File::ForXml(file_.name(), table, element_name)).first;
  file->second.AddRow(file_.LineOf(element), cells_);
}

// Whether the header holds an item of the table other than the child's own (CHILD, SEX, DOB).
bool TableRows::AnyItem(pugi::xml_node header, T table) const {
  for (std::string_view column : SpecOf(table).columns) {
    if (column == "CHILD" || column == "SEX" || column == "DOB") continue;
    if (!TrimmedText(header.child(std::string(column).c_str())).empty()) return true;
  }
  return false;
}

void TableRows::AddChild(pugi::xml_node child) {
  pugi::xml_node header = child.child("HEADER");
  Add(T::kHeader, header ? header : child, header, "HEADER");
  std::string_view uasc = TrimmedText(header.child("UASC"));
  if (uasc == "1" || !TrimmedText(header.child("DUC")).empty()) Add(T::kUasc, header, header, "HEADER");
  if (AnyItem(header, T::kOc3)) Add(T::kOc3, header, header, "HEADER");
  if (AnyItem(header, T::kAd1)) Add(T::kAd1, header, header, "HEADER");
  for (pugi::xml_node parent : {header, child}) {
    for (pugi::xml_node e : parent.children("AREVIEW")) Add(T::kReviews, e, header, "AREVIEW");
    for (pugi::xml_node e : parent.children("AMISSING")) Add(T::kMissing, e, header, "AMISSING");
    for (pugi::xml_node e : parent.children("AD_PLACED")) Add(T::kPlacedForAdoption, e, header, "AD_PLACED");
    for (pugi::xml_node e : parent.children("OC2")) Add(T::kOc2, e, header, "OC2");
    for (pugi::xml_node e : parent.children("PERMANENCE")) Add(T::kPreviousPermanence, e, header, "PERMANENCE");
  }
  for (pugi::xml_node e : child.children("EPISODE")) Add(T::kEpisodes, e, header, "EPISODE");
}

std::vector<Ssda903File> TableRows::Files() && {
  std::vector<Ssda903File> files;
  for (auto& [table, file] : files_) files.push_back(std::move(file));
  return files;
}

}  // namespace

Result<std::vector<Ssda903File>> Ssda903XmlTables(const std::string& name, std::string_view text, Problems& problems) {
  auto file = XmlReturn::ParseRoot(name, text, "EXPSSDA903", "SSDA903 (XML)", problems);
  if (!file) return Status::InvalidInput(fmt::format("{}: not an SSDA903 XML return (see the problems above)", name));
  TableRows rows(*file);
  for (pugi::xml_node child : file->root().children("CHILD")) rows.AddChild(child);
  return std::move(rows).Files();
}

}  // namespace scrutiny
