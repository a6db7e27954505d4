#pragma once
// What the readers that combine several years of a return into one history
// share: every year's XML file read (ReadXmlYears), and a record of one year
// as text (ReturnRow), compared with the other years' and added to the history.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "ingest/mapped_file.h"
#include "ingest/model_record.h"
#include "ingest/return_file_size.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// ReturnRow is one record of a year's return as text, with where it came from.
struct ReturnRow {
  const RecordType* type = nullptr;
  std::vector<std::string> cells;  // one per field, as a scrutiny CSV file writes it
  std::string file;
  uint64_t line = 0;
  int year = 0;

  // The row of the named table of a return read, of that collection year.
  static ReturnRow Of(const Dataset& dataset, const RowSources& sources, std::string_view table, size_t row,
                      int year);
  std::string& operator[](std::string_view field) { return cells[static_cast<size_t>(type->IndexOf(field))]; }
  const std::string& operator[](std::string_view field) const {
    return cells[static_cast<size_t>(type->IndexOf(field))];
  }
  // Adds the record to the dataset through the model's validator; false (and problems) if refused.
  bool AddTo(Dataset& dataset, RowSources& sources, Problems& problems) const;
};

// Puts the years read in order of collection year; the year given twice, if one is.
template <typename Return>
std::optional<int> SortByYear(std::vector<Return>& years) {
  std::stable_sort(years.begin(), years.end(),
                   [](const Return& a, const Return& b) { return a.collection_year < b.collection_year; });
  for (size_t i = 1; i < years.size(); ++i)
    if (years[i].collection_year == years[i - 1].collection_year) return years[i].collection_year;
  return std::nullopt;
}

// Reads each path's XML return with `read` (ReadCinCensus, ReadWorkforce) and
// combines the years with `combine` (CombineCinCensusYears...). Fails as the
// first file that cannot be read, or if a year is given for several.
template <typename Return, typename Read, typename Combine>
Result<Return> ReadXmlYears(const std::vector<std::string>& paths, const ReturnOptions& options, Problems& problems,
                            Read read, Combine combine) {
  if (paths.size() > 1 && options.collection_year)
    return Status::InvalidInput("a collection year is given for one return only: of several, each one's year is in "
                                "its header");
  std::vector<Return> years;
  for (const std::string& path : paths) {
    if (Status s = CheckReturnFileSize(path, options.max_file_bytes); !s.ok()) return s;
    auto file = MappedFile::Open(path);
    if (!file.ok()) return file.status();
    auto year = read(path, file->text(), options, problems);
    if (!year.ok()) return year.status();
    years.push_back(std::move(*year));
  }
  return combine(std::move(years), problems);
}

}  // namespace scrutiny
