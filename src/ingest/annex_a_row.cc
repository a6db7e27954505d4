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
constexpr const char* kLeapDayRule = "Excel's day 60 is 29/02/1900, a day that never was";
constexpr const char* kDateRule =
    "a date is an Excel date, DD/MM/YYYY (or D/M/YYYY) or YYYY-MM-DD, with or without a time of day, names a real "
    "day and is from 1900";

std::optional<double> Number(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// The text as a whole number if it is shortest to longest digits (at most nine), else none.
std::optional<int> WholeNumber(std::string_view digits, size_t shortest, size_t longest) {
  if (digits.size() < shortest || digits.size() > longest) return std::nullopt;
  int n = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

// Whether the text is a time of day: HH:MM, then :SS, then a fraction of a second, then Z, each if there.
bool IsTimeOfDay(std::string_view t) {
  constexpr int kLastHour = 23, kLastMinute = 59;
  constexpr size_t kMostFractionDigits = 9;
  auto within = [](std::string_view two, int last) {
    auto n = WholeNumber(two, 2, 2);
    return n && *n <= last;
  };
  if (t.ends_with('Z')) t.remove_suffix(1);
  if (t.size() < 5 || t[2] != ':' || !within(t.substr(0, 2), kLastHour) || !within(t.substr(3, 2), kLastMinute))
    return false;
  t.remove_prefix(5);
  if (t.empty()) return true;
  if (t.size() < 3 || t[0] != ':' || !within(t.substr(1, 2), kLastMinute)) return false;
  t.remove_prefix(3);
  return t.empty() || (t[0] == '.' && WholeNumber(t.substr(1), 1, kMostFractionDigits));
}

// The day of a date written with a time of day, as case systems export dates
// ("04/03/2021 00:00", "2021-03-04T14:35:00.000"); the text itself otherwise.
std::string_view DayOfDateTime(std::string_view v) {
  size_t cut = v.find_first_of(" T");
  if (cut == std::string_view::npos || cut == 0 || !IsTimeOfDay(v.substr(cut + 1))) return v;
  return v.substr(0, cut);
}

// A day written D/M/YYYY, the day and month in one digit or two ("4/3/2021", "04/03/2021").
std::optional<Date> ParseDayMonthYear(std::string_view s) {
  size_t first = s.find('/'), second = s.find('/', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
  std::string_view day = s.substr(0, first), month = s.substr(first + 1, second - first - 1),
                   year = s.substr(second + 1);
  auto d = WholeNumber(day, 1, 2), m = WholeNumber(month, 1, 2), y = WholeNumber(year, 4, 4);
  if (!d || !m || !y || !Date::IsValid(*y, *m, *d)) return std::nullopt;
  return Date::FromCivil(*y, *m, *d);
}

std::string CodesOf(std::string_view code_list) {
  std::vector<std::string_view> codes;
  for (const Code& c : FindCodeList(code_list)->codes) codes.push_back(c.code);
  return fmt::format("{}", fmt::join(codes, ", "));
}

}  // namespace

std::string AnnexATeamId(std::string_view la_code, std::string_view name) {
  constexpr size_t kLongestSlug = 60;
  std::string slug;
  for (char c : name) {
    bool kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (kept && slug.size() < kLongestSlug) slug += static_cast<char>(c | (c >= 'A' && c <= 'Z' ? 0x20 : 0));
    else if (!kept && !slug.empty() && slug.back() != '-') slug += '-';
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  if (slug.empty()) return "";
  return std::string(la_code) + "-team-" + slug;
}

std::string_view AnnexARow::Text(AnnexAColumn column) const {
  const XlsxCell* cell = sheet_.Cell(row_, column);
  return cell ? AnnexAText(cell->text) : std::string_view();
}

int32_t AnnexARow::Shared(AnnexAColumn column) const {
  const XlsxCell* cell = sheet_.Cell(row_, column);
  return cell ? cell->shared : -1;
}

void AnnexARow::Fail(AnnexAColumn column, std::string rule) {
  Note(column, std::move(rule));
  ok_ = false;
}

void AnnexARow::Note(AnnexAColumn column, std::string rule) {
  Problem problem{sheet_.source(), row_.number, sheet_.ColumnName(column), std::string(Text(column)), std::move(rule),
                  ChildIdOfReturn(la_code_, Text(AnnexAColumn::kChildId))};
  problem.model_field = ModelFieldOf(column);
  problem.team_id = AnnexATeamId(la_code_, Text(AnnexAColumn::kAllocatedTeam));
  problems_.Add(std::move(problem));
}

std::string_view AnnexARow::Present(AnnexAColumn column, bool required) {
  std::string_view text = Text(column);
  if (text.empty() && required) Fail(column, "a value is required");
  return text;
}

std::optional<Date> AnnexARow::DateOf(AnnexAColumn column, bool required) {
  std::string_view v = Present(column, required);
  if (v.empty()) return std::nullopt;
  constexpr size_t kSerialDigits = 7;  // Excel's last day is 2958465
  if (auto whole = WholeNumber(v, 1, kSerialDigits)) {  // as Excel writes a date: every day it names is from 1900
    auto d = ExcelSerialDay(*whole);
    if (*whole == kExcelLeapDay) Fail(column, kLeapDayRule);
    else if (!d) Fail(column, kDateRule);
    return d;
  }
  std::optional<Date> d;
  if (auto serial = Number(v)) {  // Excel keeps dates as numbers; a CSV may too
    if (*serial >= kExcelLeapDay && *serial < kExcelLeapDay + 1) {
      Fail(column, kLeapDayRule);
      return std::nullopt;
    }
    d = ExcelSerialDate(*serial);
  } else {
    std::string_view day = DayOfDateTime(v);
    d = ParseDayMonthYear(day);
    if (!d) d = Date::ParseIso(day);
  }
  if (!d || d->year() < kFirstYear) {
    Fail(column, kDateRule);
    return std::nullopt;
  }
  return d;
}

std::string_view AnnexARow::Code(AnnexAColumn column, std::string_view code_list, bool required) {
  std::string_view value = Present(column, required);
  if (value.empty()) return {};
  if (auto code = codes_.Code(code_list, value, Shared(column))) return *code;
  Fail(column, fmt::format("not a code of {} ({}), lettered or labelled as in the template", code_list,
                           CodesOf(code_list)));
  return {};
}

std::string AnnexARow::Count(AnnexAColumn column) {
  std::string_view v = Present(column, false);
  if (v.empty()) return "";
  unsigned value = 0;
  auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), value);
  if (error != std::errc() || end != v.data() + v.size()) {
    Fail(column, "a count is a whole number, 0 or more");
    return "";
  }
  return std::to_string(value);
}

std::string AnnexARow::Identifier(AnnexAColumn column, std::string_view whose) {
  std::string_view id = Present(column, true);
  if (id.empty()) return "";
  if (!IsIdText(id) || id.size() > kMaxChildIdLength) {
    Fail(column, fmt::format("a {} identifier is 1 to 60 letters, digits or - _ . /", whose));
    return "";
  }
  std::string prefixed(la_code_);
  prefixed += '-';
  prefixed += id;
  return prefixed;
}

}  // namespace scrutiny
