#pragma once
// AnnexARow reads the values of one row of an Annex A list as the model's
// identifiers, dates, flags and codes, reporting every bad value with sheet,
// row, column, value and rule, and remembering whether the row must be left out.

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "ingest/annex_a_codes.h"
#include "ingest/annex_a_sheet.h"

namespace scrutiny {

// A team's identifier made from its name as Annex A gives it ("Assessment 2": "903-team-assessment-2"),
// the same in every workbook of the council: its letters and digits in lower case, any run of other
// characters one '-'. Empty if the name has no letter or digit.
std::string AnnexATeamId(std::string_view la_code, std::string_view name);

// AnnexARow checks one row of a list, value by value, as the reader asks; its
// problems name the row's child and team, of the council la_code, when it names them.
class AnnexARow {
 public:
  AnnexARow(const AnnexASheet& sheet, const XlsxRow& row, std::string_view la_code, AnnexACodes& codes,
            Problems& problems)
      : sheet_(sheet), row_(row), la_code_(la_code), codes_(codes), problems_(problems) {}

  // The cell's text, trimmed; empty for a missing cell or ChAT's "-".
  std::string_view Text(AnnexAColumn column) const;
  // The index of the workbook's shared string the cell is, or -1.
  int32_t Shared(AnnexAColumn column) const;
  // An Excel date, or one written DD/MM/YYYY or YYYY-MM-DD, from 1900 on.
  std::optional<Date> DateOf(AnnexAColumn column, bool required);
  // The model's code of the list for the value; empty if none or bad.
  std::string_view Code(AnnexAColumn column, std::string_view code_list, bool required);
  // A whole number of 0 or more, as text; empty if none or bad.
  std::string Count(AnnexAColumn column);
  // The child's identifier: the council's code, '-', and the list's.
  std::string ChildId() { return Identifier(AnnexAColumn::kChildId, "child's"); }
  // An identifier of the council's (of whom: "child's", "adopter's"), prefixed as ChildId.
  std::string Identifier(AnnexAColumn column, std::string_view whose);
  // Reports a broken rule that leaves the row out.
  void Fail(AnnexAColumn column, std::string rule);
  // Reports a broken rule whose value is left blank, keeping the row.
  void Note(AnnexAColumn column, std::string rule);
  bool ok() const { return ok_; }
  uint64_t line() const { return row_.number; }
  const std::string& source() const { return sheet_.source(); }

 private:
  // The column's text (as Text gives it); empty, and a failure if required, if there is none.
  std::string_view Present(AnnexAColumn column, bool required);

  const AnnexASheet& sheet_;
  const XlsxRow& row_;
  std::string_view la_code_;
  AnnexACodes& codes_;
  Problems& problems_;
  bool ok_ = true;
};

}  // namespace scrutiny
