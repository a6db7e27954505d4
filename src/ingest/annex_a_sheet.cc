#include "ingest/annex_a_sheet.h"

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace scrutiny {
namespace {

constexpr int kLettersInAlphabet = 26;

std::string ColumnLetters(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / kLettersInAlphabet)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % kLettersInAlphabet));
  return letters;
}

// The columns of a list by their header names as NormaliseHeader leaves them,
// in the list's order, made once for every list.
using HeaderIndex = std::map<std::string, std::vector<const AnnexAColumnSpec*>, std::less<>>;
const HeaderIndex& HeadersOf(const AnnexAListSpec& spec) {
  static const std::map<const AnnexAListSpec*, HeaderIndex> index = [] {
    std::map<const AnnexAListSpec*, HeaderIndex> built;
    for (const AnnexAListSpec& list : AnnexALists())
      for (const AnnexAColumnSpec& c : list.columns)
        for (std::string_view name : c.headers) built[&list][NormaliseHeader(name)].push_back(&c);
    return built;
  }();
  return index.at(&spec);
}

size_t RequiredCount(const AnnexAListSpec& spec) {
  size_t n = 0;
  for (const AnnexAColumnSpec& c : spec.columns) n += c.required;
  return n;
}

}  // namespace

std::optional<int> ListNumberOfName(std::string_view sheet_name) {
  std::string name = NormaliseHeader(sheet_name);
  if (name.size() < 5 || name.size() > 6 || name.substr(0, 4) != "list") return std::nullopt;
  int number = 0;
  for (char c : name.substr(4)) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    number = number * 10 + (c - '0');
  }
  return number;
}

// Notes the columns of the spec the row heads; returns how many needed ones it has.
size_t AnnexASheet::Match(const AnnexAListSpec& spec, size_t row_index) {
  columns_.fill(kNoColumn);
  size_t required = 0;
  const XlsxRow& row = sheet_->rows[row_index];
  const HeaderIndex& headers = HeadersOf(spec);
  for (size_t i = 0; i < row.cells.size(); ++i) {
    auto named = headers.find(NormaliseHeader(row.cells[i].text));
    if (named == headers.end()) continue;
    for (const AnnexAColumnSpec* c : named->second)
      if (Place(c->column) == kNoColumn) {
        Place(c->column) = i;
        required += c->required;
      }
  }
  return required;
}

std::optional<AnnexASheet> AnnexASheet::Find(const XlsxSheet& sheet, const std::string& file, Problems& problems) {
  AnnexASheet found(sheet, fmt::format("{}[{}]", file, sheet.name));
  std::optional<int> named = ListNumberOfName(sheet.name);
  size_t best = 0;
  for (const AnnexAListSpec& spec : AnnexALists()) {
    if (spec.record_type.empty() || (named && spec.number != *named)) continue;
    for (size_t r = 0; r < sheet.rows.size() && r < kHeaderSearchRows; ++r)
      if (size_t n = found.Match(spec, r); n > best || !found.spec_) {
        best = n;
        found.spec_ = &spec;
        found.header_index_ = r;
      }
  }
  if (!found.spec_ || (!named && best * 2 < RequiredCount(*found.spec_))) {
    problems.Add({found.source_, 0, "", "", "the sheet holds no Annex A list Scrutiny reads (by name or header)"});
    return std::nullopt;
  }
  found.Match(*found.spec_, found.header_index_);
  bool complete = true;
  for (const AnnexAColumnSpec& c : found.spec_->columns)
    if (c.required && found.Place(c.column) == kNoColumn) {
      problems.Add({found.source_, sheet.rows.empty() ? 0 : sheet.rows[found.header_index_].number,
                    std::string(c.headers.front()), "",
                    fmt::format("List {} is not read without a column headed '{}'", found.spec_->number,
                                c.headers.front())});
      complete = false;
    }
  if (!complete) return std::nullopt;
  return found;
}

const XlsxCell* AnnexASheet::Cell(const XlsxRow& row, AnnexAColumn column) const {
  size_t place = Place(column);
  return place < row.cells.size() ? &row.cells[place] : nullptr;
}

std::string AnnexASheet::ColumnName(AnnexAColumn column) const {
  size_t place = Place(column);
  if (place == kNoColumn) return "";
  return fmt::format("{} [{}]", sheet_->rows[header_index_].cells[place].text, ColumnLetters(place));
}

}  // namespace scrutiny
