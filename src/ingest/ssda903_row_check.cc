#include "ingest/ssda903_row_check.h"

#include <fmt/format.h>

#include "ingest/model_record.h"

namespace scrutiny {
namespace {

constexpr int kFirstYear = 1900;

}  // namespace

Ssda903RowCheck::Ssda903RowCheck(const Ssda903File& file, const Ssda903Row& row, int year, Date last_day,
                                 std::string_view la_code, Problems& problems)
    : file_(file), row_(row), year_(year), last_day_(last_day), la_code_(la_code), problems_(problems) {}

void Ssda903RowCheck::Fail(std::string_view column, std::string_view value, std::string rule) {
  Note(column, std::string(value), std::move(rule));
  ok_ = false;
}

void Ssda903RowCheck::Note(std::string_view column, std::string value, std::string rule) {
  Problem problem{file_.name(), row_.line, std::string(file_.Label(column)), std::move(value), std::move(rule),
                  ChildIdOfReturn(la_code_, Text("CHILD"))};
  problem.model_field = ModelFieldOf(file_.spec().table, column);
  problems_.Add(std::move(problem));
}

std::string_view Ssda903RowCheck::Present(std::string_view column, bool required) {
  std::string_view v = Text(column);
  if (v.empty() && required) Fail(column, "", "a value is required");
  return v;
}

std::optional<Date> Ssda903RowCheck::AnyDate(std::string_view column, bool required) {
  std::string_view v = Present(column, required);
  if (v.empty()) return std::nullopt;
  static const Date first = Date::FromCivil(kFirstYear, 1, 1);
  auto d = Date::ParseDmy(v);
  if (!d || *d < first) {
    Fail(column, v, "a date is DD/MM/YYYY, names a real day and is after 1900");
    return std::nullopt;
  }
  return d;
}

std::optional<Date> Ssda903RowCheck::DateIn(std::string_view column, bool required) {
  auto d = AnyDate(column, required);
  if (!d) return d;
  if (*d > last_day_) {
    FinancialYear year{year_};
    Fail(column, Text(column), fmt::format("a date of the {} return is not after {}", year.Label(), last_day_.ToDmy()));
    return std::nullopt;
  }
  return d;
}

std::string_view Ssda903RowCheck::Code(std::string_view column, Ssda903Coded coded, bool required) {
  std::string_view v = Present(column, required);
  if (v.empty()) return {};
  auto code = ToModelCode(coded, v, year_);
  if (auto* refusal = std::get_if<CodeRefusal>(&code)) {
    Fail(column, v, std::move(refusal->rule));
    return {};
  }
  return std::get<std::string_view>(code);
}

}  // namespace scrutiny
