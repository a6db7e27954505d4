#include "model/validator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/code_lists.h"
#include "model/cross_record_check.h"

namespace scrutiny {
namespace {

constexpr size_t kMaxIdLength = 64;
constexpr size_t kMaxTextLength = 500;
constexpr int kFirstYear = 1900, kLastYear = 2100;

std::string CodesOf(const CodeList& list) {
  std::string s;
  size_t shown = std::min<size_t>(list.codes.size(), 12);
  for (size_t i = 0; i < shown; ++i) s += fmt::format("{}{}", i ? ", " : "", list.codes[i].code);
  if (shown < list.codes.size()) s += fmt::format(", ... ({} codes, see docs/formats.md)", list.codes.size());
  return s;
}

// The whole text as a number of type N, or nothing.
template <typename N>
std::optional<N> WholeTextAs(std::string_view v) {
  N n{};
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return n;
}

// The rule an identifier or free text breaks, or "" if none.
std::string_view IdRule(std::string_view v) {
  if (v.size() > kMaxIdLength || !std::all_of(v.begin(), v.end(), IsIdChar))
    return "an identifier is 1 to 64 letters, digits or - _ . /";
  return {};
}
std::string_view TextRule(std::string_view v) { return v.size() > kMaxTextLength ? "text is at most 500 characters" : ""; }
std::string_view TextFieldRule(FieldType type, std::string_view v) { return type == FieldType::kId ? IdRule(v) : TextRule(v); }

// The rule a value breaks, or nothing (no string made for a good value).
using Broken = std::optional<std::string>;

// Checks and stores one non-empty cell; returns the rule broken, if any.
Broken ParseCell(Table& t, int col, std::string_view v) {
  const Field& f = t.type().field(col);
  switch (f.type) {
    case FieldType::kId:
    case FieldType::kText:
      if (std::string_view rule = TextFieldRule(f.type, v); !rule.empty())
        return std::string(rule);
      t.SetText(col, v);
      return {};
    case FieldType::kDate: {
      auto d = Date::ParseIso(v);
      if (!d) return "a date is YYYY-MM-DD and names a real day";
      static const Date first = Date::FromCivil(kFirstYear, 1, 1), last = Date::FromCivil(kLastYear, 12, 31);
      if (*d < first || *d > last) return "a date is between 1900 and 2100";
      t.SetDate(col, *d);
      return {};
    }
    case FieldType::kInteger: {
      auto n = WholeTextAs<int32_t>(v);
      if (!n || *n < 0) return "a whole number, 0 or more";
      t.SetInt(col, *n);
      return {};
    }
    case FieldType::kDecimal: {
      auto x = WholeTextAs<double>(v);
      if (!x || !std::isfinite(*x) || *x < 0) return "a number, 0 or more, like 12 or 0.5";
      t.SetDecimal(col, *x);
      return {};
    }
    case FieldType::kFlag:
      if (v != "Y" && v != "N") return "Y or N";
      t.SetFlag(col, v == "Y");
      return {};
    case FieldType::kCode: {
      int index = f.codes->IndexOf(v);
      if (index < 0) return fmt::format("'{}' is not in code list {}: {}", v, f.code_list, CodesOf(*f.codes));
      t.SetCode(col, static_cast<size_t>(index));
      return {};
    }
    case FieldType::kCodeSet: {
      const CodeList* list = f.codes;
      size_t start = 0;
      while (true) {
        size_t end = v.find(';', start);
        std::string_view code = v.substr(start, end == std::string_view::npos ? end : end - start);
        if (!list->Contains(code))
          return fmt::format("'{}' is not in code list {}: {}", code, f.code_list, CodesOf(*list));
        if (end == std::string_view::npos) break;
        start = end + 1;
      }
      t.SetText(col, v);
      return {};
    }
  }
  return "unknown field type";
}

// Checks and stores one non-empty value: a date given as a date is only
// checked against the years a date may have.
Broken ParseCell(Table& t, int col, const FieldValue& v) {
  FieldType type = t.type().field(col).type;
  if (v.pooled >= 0 && (type == FieldType::kId || type == FieldType::kText) && t.pool().Has(v.pooled, v.text)) {
    if (std::string_view rule = TextFieldRule(type, v.text); !rule.empty())
      return std::string(rule);
    t.SetPooled(col, v.pooled);
    return {};
  }
  if (v.day == kNull) return ParseCell(t, col, v.text);
  Date d = Date::FromDays(v.day);
  if (type != FieldType::kDate) return ParseCell(t, col, d.ToIso());
  static const Date first = Date::FromCivil(kFirstYear, 1, 1), last = Date::FromCivil(kLastYear, 12, 31);
  if (d < first || d > last) return "a date is between 1900 and 2100";
  t.SetDate(col, d);
  return {};
}

std::string_view TextOf(std::string_view cell) { return cell; }
std::string TextOf(const FieldValue& v) { return v.day == kNull ? std::string(v.text) : Date::FromDays(v.day).ToIso(); }
bool IsEmpty(std::string_view cell) { return cell.empty(); }
bool IsEmpty(const FieldValue& v) { return v.empty(); }

// Stores one non-empty cell known to be valid; false if it does not convert.
bool ConvertCell(Table& t, int col, std::string_view v) {
  switch (t.type().field(col).type) {
    case FieldType::kDate: {
      auto d = Date::ParseIso(v);
      if (d) t.SetDate(col, *d);
      return d.has_value();
    }
    case FieldType::kInteger: {
      auto n = WholeTextAs<int32_t>(v);
      if (n) t.SetInt(col, *n);
      return n.has_value();
    }
    case FieldType::kDecimal: {
      auto x = WholeTextAs<double>(v);
      if (x) t.SetDecimal(col, *x);
      return x.has_value();
    }
    case FieldType::kFlag:
      t.SetFlag(col, v == "Y");
      return v == "Y" || v == "N";
    default:
      t.SetText(col, v);
      return true;
  }
}

bool HasValue(const Table& t, int col) { return !t.IsNull(col, t.size() - 1); }

// Checks one rule between fields of the last row; returns the problem, if any.
std::optional<Problem> CheckRule(const Table& t, const FieldRule& rule) {
  size_t row = t.size() - 1;
  switch (rule.kind) {
    case FieldRule::Kind::kNotBefore: {
      int a = rule.columns[0], b = rule.columns[1];
      if (t.IsNull(a, row) || t.IsNull(b, row) || t.DateAt(b, row) >= t.DateAt(a, row)) return {};
      return Problem{{}, 0, std::string(rule.fields[1]), t.Format(b, row),
                     fmt::format("{} must not be before {} ({})", rule.fields[1], rule.fields[0],
                                 t.Format(a, row)), {}, kDatesOutOfOrder};
    }
    case FieldRule::Kind::kOneOf: {
      for (int c : rule.columns)
        if (HasValue(t, c)) return {};
      return Problem{{}, 0, std::string(rule.fields[0]), "",
                     fmt::format("one of {} must have a value", fmt::join(rule.fields, ", ")), {}, kMissingValue};
    }
    case FieldRule::Kind::kBothOrNeither: {
      bool a = HasValue(t, rule.columns[0]), b = HasValue(t, rule.columns[1]);
      if (a == b) return {};
      auto missing = a ? rule.fields[1] : rule.fields[0];
      auto present = a ? rule.fields[0] : rule.fields[1];
      return Problem{{}, 0, std::string(missing), "",
                     fmt::format("{} must have a value when {} has one", missing, present), {}, kMissingValue};
    }
  }
  return {};
}

}  // namespace

std::string Problem::ToString() const {
  std::string where = line ? fmt::format("{}:{}", file, line) : file;
  if (column.empty()) return fmt::format("{}: {}", where, rule);
  return fmt::format("{}: column '{}', value '{}': {}", where, column, value, rule);
}

void Problems::Add(Problem p) {
  if (kept_.size() < limit_) kept_.push_back(std::move(p));
  ++total_;
}

void Problems::Append(const Problems& other) {
  for (const Problem& p : other.kept_) Add(p);
  total_ += other.total_ - other.kept_.size();
}

namespace {

// AddRecord of cells given as text (std::string_view) or as FieldValues.
template <typename Cell>
bool AddCells(Table& t, std::span<const Cell> cells, const std::string& file, uint64_t line, Problems& problems) {
  const RecordType& type = t.type();
  t.AddRow();
  bool ok = true;
  auto child_id = [&] {
    int child = type.IndexOf("child_id");
    return child >= 0 ? std::string(TextOf(cells[static_cast<size_t>(child)])) : std::string();
  };
  auto report = [&](std::string column, std::string value, std::string rule, std::string_view kind) {
    problems.Add({file, line, std::move(column), std::move(value), std::move(rule), child_id(), kind});
    ok = false;
  };
  for (int c = 0; c < static_cast<int>(type.fields.size()); ++c) {
    const Field& f = type.field(c);
    const Cell& v = cells[static_cast<size_t>(c)];
    if (IsEmpty(v)) {
      if (f.required) report(std::string(f.name), "", "a value is required", kMissingValue);
      continue;
    }
    if (Broken rule = ParseCell(t, c, v))
      report(std::string(f.name), std::string(TextOf(v)), std::move(*rule), kInvalidValue);
  }
  if (ok) {
    for (const FieldRule& r : type.rules) {
      if (auto p = CheckRule(t, r)) {
        p->file = file;
        p->line = line;
        p->child_id = child_id();
        problems.Add(std::move(*p));
        ok = false;
      }
    }
  }
  if (!ok) t.PopRow();
  return ok;
}

}  // namespace

bool AddRecord(Table& t, std::span<const std::string_view> cells, const std::string& file, uint64_t line,
               Problems& problems) {
  return AddCells(t, cells, file, line, problems);
}

bool AddRecord(Table& t, std::span<const FieldValue> values, const std::string& file, uint64_t line,
               Problems& problems) {
  return AddCells(t, values, file, line, problems);
}

bool AddCheckedRecord(Table& t, std::span<const std::string_view> cells) {
  t.AddRow();
  for (int c = 0; c < static_cast<int>(t.type().fields.size()); ++c) {
    std::string_view v = cells[static_cast<size_t>(c)];
    if (!v.empty() && !ConvertCell(t, c, v)) {
      t.PopRow();
      return false;
    }
  }
  return true;
}

void CheckDataset(const Dataset& d, const RowSources& sources, Problems& problems) {
  CrossRecordCheck check;
  for (size_t i = 0; i < d.tables().size(); ++i) {
    const Table& t = d.tables()[i];
    for (size_t r = 0; r < t.size(); ++r) check.Add(t, r, sources.files[i], sources.lines[i][r], problems);
    check.FinishType(t.type());
  }
}

}  // namespace scrutiny
