#include "ingest/ssda903_file.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingest/csv_reader.h"

namespace scrutiny {
namespace {

// The table the header names, and where each of its columns is in a row.
const Ssda903TableSpec* ReadHeader(const std::string& name, const std::vector<std::string_view>& cells,
                                   std::vector<size_t>& positions, Problems& problems) {
  std::vector<std::string> header;
  for (std::string_view cell : cells) header.push_back(NormaliseColumn(cell));
  HeaderMatch match = MatchHeader(header);
  if (!match.spec) {
    problems.Add({name, 1, "header", "", "the header is that of no SSDA903 table; file not read"});
    return nullptr;
  }
  if (!match.found()) {
    problems.Add({name, 1, "header", fmt::format("{}", fmt::join(match.missing, ", ")),
                  fmt::format("the header is nearest that of {} but lacks these columns; file not read",
                              match.spec->usual_file)});
    return nullptr;
  }
  positions.clear();
  for (std::string_view column : match.spec->columns)
    positions.push_back(static_cast<size_t>(std::find(header.begin(), header.end(), column) - header.begin()));
  return match.spec;
}

}  // namespace

Result<std::optional<Ssda903File>> Ssda903File::Read(std::string name, std::string_view text, Problems& problems) {
  if (Status s = CheckCsvText(name, text); !s.ok()) return s;
  CsvReader reader(text);
  std::vector<std::string_view> fields;
  std::vector<size_t> positions;
  Ssda903File file;
  file.name_ = std::move(name);
  if (!reader.Next(fields)) {
    problems.Add({file.name_, reader.line(), "", "", reader.error() + "; file not read"});
    return std::optional<Ssda903File>();
  }
  file.spec_ = ReadHeader(file.name_, fields, positions, problems);
  if (!file.spec_) return std::optional<Ssda903File>();
  size_t width = fields.size();
  while (reader.Next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != width) {
      problems.Add({file.name_, reader.line(), "", "",
                    fmt::format("the row has {} fields but the header has {}; row left out", fields.size(), width)});
      ++file.rows_refused_;
      continue;
    }
    file.rows_.push_back({reader.line(), file.cells_.size()});
    for (size_t p : positions) {
      std::string_view cell = TrimSpace(fields[p]);
      auto at = reinterpret_cast<uintptr_t>(cell.data()), start = reinterpret_cast<uintptr_t>(text.data());
      bool in_text = at >= start && at <= start + text.size();
      file.cells_.push_back(in_text ? cell : file.Copy(cell));  // a quoted field, unescaped
    }
  }
  if (!reader.error().empty()) problems.Add({file.name_, reader.line(), "", "", reader.error()});
  return std::optional<Ssda903File>(std::move(file));
}

Ssda903File Ssda903File::ForXml(std::string name, Ssda903Table table, std::string element) {
  Ssda903File file;
  file.name_ = std::move(name);
  file.element_ = std::move(element);
  file.spec_ = &SpecOf(table);
  return file;
}

void Ssda903File::AddRow(uint64_t line, const std::vector<std::string_view>& cells) {
  rows_.push_back({line, cells_.size()});
  for (std::string_view cell : cells) cells_.push_back(Copy(cell));
}

std::string_view Ssda903File::Copy(std::string_view cell) {
  constexpr size_t kBlock = 64 * 1024;
  if (cell.empty()) return {};
  if (copies_.empty() || copies_size_ - copies_used_ < cell.size()) {
    copies_size_ = std::max(kBlock, cell.size());
    copies_.push_back(std::make_unique_for_overwrite<char[]>(copies_size_));
    copies_used_ = 0;
  }
  char* at = copies_.back().get() + copies_used_;
  std::copy(cell.begin(), cell.end(), at);
  copies_used_ += cell.size();
  return {at, cell.size()};
}

std::string_view Ssda903File::Label(std::string_view column) const {
  return element_.empty() ? column : XmlItemName(column);
}

std::string_view Ssda903FileCount::Label(std::string_view column) const { return xml ? XmlItemName(column) : column; }

std::string_view Ssda903FileCount::ModelField(std::string_view column) const {
  for (const Ssda903TableSpec& spec : Ssda903Tables())
    if (spec.usual_file == table) return ModelFieldOf(spec.table, column);
  return {};
}

std::string_view Ssda903File::Cell(const Ssda903Row& row, std::string_view column) const {
  const auto& columns = spec_->columns;
  // A name at the address of one of the table's own column names is that column.
  uint8_t& known = by_address_[PlaceOf(column)];
  if (known < columns.size() && columns[known].data() == column.data() && columns[known].size() == column.size())
    return cells_[row.first + known];
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].size() != column.size()) continue;
    if (columns[i].data() == column.data()) known = static_cast<uint8_t>(i);
    if (columns[i].data() == column.data() || columns[i] == column) return cells_[row.first + i];
  }
  return {};  // not a column of the table
}

}  // namespace scrutiny
