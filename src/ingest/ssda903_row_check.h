#pragma once
// Ssda903RowCheck reads the values of one row of an SSDA903 file as dates and
// the model's codes, reporting every bad value with file, line, column, value,
// rule and the row's child, and remembering whether the row must be left out.

#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "ingest/ssda903_codes.h"
#include "ingest/ssda903_file.h"

namespace scrutiny {

class Ssda903RowCheck {
 public:
  // `year` is the collection year, whose last day is `last_day`; la_code is the
  // council's, whose code and the row's CHILD make the child_id of its problems.
  Ssda903RowCheck(const Ssda903File& file, const Ssda903Row& row, int year, Date last_day, std::string_view la_code,
                  Problems& problems);

  std::string_view Text(std::string_view column) const { return file_.Cell(row_, column); }
  // A DD/MM/YYYY date from 1900 on.
  std::optional<Date> AnyDate(std::string_view column, bool required);
  // A DD/MM/YYYY date between 1900 and the end of the collection year.
  std::optional<Date> DateIn(std::string_view column, bool required);
  // The model's code for the column's value; empty if none or bad.
  std::string_view Code(std::string_view column, Ssda903Coded coded, bool required);
  // Reports a broken rule that leaves the row out.
  void Fail(std::string_view column, std::string_view value, std::string rule);
  // Reports a value fixed, which keeps the row.
  void Note(std::string_view column, std::string value, std::string rule);
  bool ok() const { return ok_; }
  const std::string& file() const { return file_.name(); }
  uint64_t line() const { return row_.line; }
  Date last_day() const { return last_day_; }  // of the collection year

 private:
  // The column's text; an empty one is reported if required.
  std::string_view Present(std::string_view column, bool required);

  const Ssda903File& file_;
  const Ssda903Row& row_;
  int year_;
  Date last_day_;  // of the collection year
  std::string_view la_code_;
  Problems& problems_;
  bool ok_ = true;
};

}  // namespace scrutiny
