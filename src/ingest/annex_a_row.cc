#include "ingest/annex_a_row.h"

#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/code_lists.h"
#include "ingest/annex_a_codes.h"
#include "ingest/model_record.h"

namespace scrutiny {
namespace {

constexpr int kFirstYear = 1900;
constexpr double kExcelLeapDay = 60;  // Excel's 29/02/1900
constexpr size_t kMaxChildIdLength = 60;

std::optional<double> Number(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string CodesOf(std::string_view code_list) {
  std::vector<std::string_view> codes;
  for (const Code& c : FindCodeList(code_list)->codes) codes.push_back(c.code);
  return fmt::format("{}", fmt::join(codes, ", "));
}

}  // namespace

std::string_view AnnexARow::Text(AnnexAColumn column) const {
  const XlsxCell* cell = sheet_.Cell(row_, column);
  return cell ? AnnexAText(cell->text) : std::string_view();
}

void AnnexARow::Fail(AnnexAColumn column, std::string rule) {
  Note(column, std::move(rule));
  ok_ = false;
}

void AnnexARow::Note(AnnexAColumn column, std::string rule) {
  problems_.Add({sheet_.source(), row_.number, sheet_.ColumnName(column), std::string(Text(column)), std::move(rule)});
}

bool AnnexARow::Present(AnnexAColumn column, bool required) {
  if (!Text(column).empty()) return true;
  if (required) Fail(column, "a value is required");
  return false;
}

std::optional<Date> AnnexARow::DateOf(AnnexAColumn column, bool required) {
  if (!Present(column, required)) return std::nullopt;
  std::string_view v = Text(column);
  std::optional<Date> d;
  if (auto serial = Number(v)) {  // Excel keeps dates as numbers; a CSV may too
    if (*serial >= kExcelLeapDay && *serial < kExcelLeapDay + 1) {
      Fail(column, "Excel's day 60 is 29/02/1900, a day that never was");
      return std::nullopt;
    }
    d = ExcelSerialDate(*serial);
  } else {
    d = Date::ParseDmy(v);
    if (!d) d = Date::ParseIso(v);
  }
  if (!d || d->year() < kFirstYear) {
    Fail(column, "a date is an Excel date, DD/MM/YYYY or YYYY-MM-DD, names a real day and is from 1900");
    return std::nullopt;
  }
  return d;
}

std::string_view AnnexARow::Code(AnnexAColumn column, std::string_view code_list, bool required) {
  if (!Present(column, required)) return {};
  if (auto code = codes_.Code(code_list, Text(column))) return *code;
  Fail(column, fmt::format("not a code of {} ({}), lettered or labelled as in the template", code_list,
                           CodesOf(code_list)));
  return {};
}

std::string AnnexARow::Count(AnnexAColumn column) {
  if (!Present(column, false)) return "";
  std::string_view v = Text(column);
  unsigned value = 0;
  auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (error != std::errc() || end != v.data() + v.size()) {
    Fail(column, "a count is a whole number, 0 or more");
    return "";
  }
  return std::to_string(value);
}

std::string AnnexARow::Identifier(AnnexAColumn column, std::string_view whose, std::string_view la_code) {
  if (!Present(column, true)) return "";
  std::string_view id = Text(column);
  if (!IsIdText(id) || id.size() > kMaxChildIdLength) {
    Fail(column, fmt::format("a {} identifier is 1 to 60 letters, digits or - _ . /", whose));
    return "";
  }
  std::string prefixed(la_code);
  prefixed += '-';
  prefixed += id;
  return prefixed;
}

}  // namespace scrutiny
