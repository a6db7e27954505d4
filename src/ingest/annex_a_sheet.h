#pragma once
// AnnexASheet is one list of an Annex A workbook as found in a sheet: which
// list it is (by the sheet's name, "List 3", or else by its header row), the
// row that heads it and the column of each column Scrutiny reads.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/annex_a_lists.h"
#include "ingest/xlsx_workbook.h"
#include "model/validator.h"

namespace scrutiny {

// The number of the list a sheet's name gives ("List 3", "LIST_3"), or none.
std::optional<int> ListNumberOfName(std::string_view sheet_name);

// AnnexASheet is a sheet found to hold a list, with where its columns are.
class AnnexASheet {
 public:
  // The rows a list's header is looked for in: a title or notes may stand above it.
  static constexpr size_t kHeaderSearchRows = 10;

  // The list the sheet holds, found among those the model has a place for,
  // by the sheet's name and its first kHeaderSearchRows rows (the sheet
  // given may hold only those, and must outlive the AnnexASheet).
  // None if the sheet holds no such list, or lacks a column the list needs;
  // problems say which.
  static std::optional<AnnexASheet> Find(const XlsxSheet& sheet, const std::string& file, Problems& problems);

  const AnnexAListSpec& spec() const { return *spec_; }
  const std::string& source() const { return source_; }  // "file[sheet]", the file of problems
  size_t header_index() const { return header_index_; }   // in sheet().rows
  // The row's cell in the column, or nullptr if the list lacks the column or the row stops short.
  const XlsxCell* Cell(const XlsxRow& row, AnnexAColumn column) const;
  // The column as problems name it: its header and letter, "Date of Contact [F]".
  std::string ColumnName(AnnexAColumn column) const;

 private:
  AnnexASheet(const XlsxSheet& sheet, std::string source) : sheet_(&sheet), source_(std::move(source)) {
    columns_.fill(kNoColumn);
  }
  size_t Match(const AnnexAListSpec& spec, size_t row_index);

  const XlsxSheet* sheet_;
  std::string source_;
  const AnnexAListSpec* spec_ = nullptr;
  size_t header_index_ = 0;
  // Where each column is in the sheet, by AnnexAColumn; kNoColumn if the list lacks it.
  static constexpr size_t kNoColumn = static_cast<size_t>(-1);
  std::array<size_t, static_cast<size_t>(AnnexAColumn::kCount)> columns_;
  size_t& Place(AnnexAColumn column) { return columns_[static_cast<size_t>(column)]; }
  size_t Place(AnnexAColumn column) const { return columns_[static_cast<size_t>(column)]; }
};

}  // namespace scrutiny
