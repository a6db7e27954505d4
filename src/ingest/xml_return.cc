#include "ingest/xml_return.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/code_lists.h"
#include "ingest/csv_reader.h"

namespace scrutiny {
namespace {

constexpr int kFirstYear = 1900;

}  // namespace

std::unique_ptr<XmlReturn> XmlReturn::ParseRoot(std::string name, std::string_view text, std::string_view root,
                                                std::string_view what, Problems& problems) {
  auto r = std::unique_ptr<XmlReturn>(new XmlReturn());
  r->name_ = std::move(name);
  r->line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') r->line_starts_.push_back(i + 1);
  pugi::xml_parse_result parsed = r->document_.load_buffer(text.data(), text.size());
  if (!parsed) {
    problems.Add({r->name_, r->LineAt(static_cast<size_t>(parsed.offset)), "", "",
                  fmt::format("not well-formed XML: {}", parsed.description())});
    return nullptr;
  }
  // pugixml converts a file that declares Latin-1 (or has a UTF-16 or UTF-32 mark); UTF-8 it takes unchecked.
  if (size_t bad = FindInvalidUtf8(text); parsed.encoding == pugi::encoding_utf8 && bad != std::string_view::npos) {
    problems.Add({r->name_, r->LineAt(bad), "", "",
                  fmt::format("byte {} (0x{:02X}) is not UTF-8 and the file declares no other encoding: save it as "
                              "UTF-8 (or declare encoding=\"ISO-8859-1\" if it is Latin-1)",
                              bad + 1, static_cast<unsigned char>(text[bad]))});
    return nullptr;
  }
  if (std::string_view(r->root().name()) != root) {
    problems.Add({r->name_, r->LineOf(r->root()), "root element", r->root().name(),
                  fmt::format("a {} return is a {} element", what, root)});
    return nullptr;
  }
  return r;
}

std::unique_ptr<XmlReturn> XmlReturn::Parse(std::string name, std::string_view text, std::string_view collection,
                                            Problems& problems) {
  auto r = ParseRoot(std::move(name), text, "Message", collection, problems);
  if (!r) return r;
  if (std::string_view found = r->HeaderItem("CollectionDetails", "Collection"); found != collection) {
    problems.Add({r->name_, r->LineOf(r->root()), "Collection", std::string(found),
                  fmt::format("the header's Collection is {} in this return", collection)});
    return nullptr;
  }
  return r;
}

std::string_view XmlReturn::HeaderItem(const char* group, const char* item) const {
  return XmlItemCheck::Text(message().child("Header").child(group), item);
}

std::optional<int> XmlReturn::HeaderYear() const {
  std::string_view text = HeaderItem("CollectionDetails", "Year");
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return year;
}

Result<int> XmlReturn::CollectionYear(std::optional<int> given, int years_before) const {
  std::optional<int> header = HeaderYear();
  if (!given && !header) return Status::InvalidInput(fmt::format("{}: the header has no census Year; give the year", name_));
  if (!header) return *given;
  int year = *header - years_before;
  if (given && *given != year)
    return Status::InvalidInput(fmt::format(
        "{}:{}: the header's Year {} is the collection year {}, not {} as given; is the file of another year?", name_,
        LineOf(message().child("Header").child("CollectionDetails").child("Year")), *header, year, *given));
  return year;
}

uint64_t XmlReturn::LineAt(size_t offset) const {
  return static_cast<uint64_t>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                               line_starts_.begin());
}

std::string_view XmlItemCheck::Text(pugi::xml_node of, const char* item) { return TrimmedText(of.child(item)); }

std::string_view TrimmedText(pugi::xml_node item) {
  std::string_view s = item.child_value();
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string_view::npos ? std::string_view() : s.substr(b, e - b + 1);
}

void XmlItemCheck::Report(pugi::xml_node at, std::string_view item, std::string_view value, std::string rule) {
  Problem problem{file_.name(), file_.LineOf(at), std::string(item), std::string(value), std::move(rule),
                  std::string(child_id_)};
  for (const ItemField& f : fields_)
    if (f.item == item) problem.model_field = f.field;
  problems_.Add(std::move(problem));
}

void XmlItemCheck::Fail(pugi::xml_node of, const char* item, std::string_view value, std::string rule) {
  Note(of, item, value, std::move(rule));
  ok_ = false;
}

void XmlItemCheck::Note(pugi::xml_node of, const char* item, std::string_view value, std::string rule) {
  Report(of.child(item) ? of.child(item) : of, item, value, std::move(rule));
}

bool XmlItemCheck::Present(pugi::xml_node of, const char* item, bool required) {
  if (!Text(of, item).empty()) return true;
  if (required) Fail(of, item, "", fmt::format("{} is required", item));
  return false;
}

std::optional<Date> XmlItemCheck::DateOf(pugi::xml_node of, const char* item, bool required) {
  if (!Present(of, item, required)) return std::nullopt;
  return DateIn(of.child(item));
}

std::optional<Date> XmlItemCheck::ProspectiveDateOf(pugi::xml_node of, const char* item, bool required) {
  if (!Present(of, item, required)) return std::nullopt;
  return DateUpTo(of.child(item), std::nullopt);
}

std::optional<Date> XmlItemCheck::DateIn(pugi::xml_node item) { return DateUpTo(item, last_day_); }

std::optional<Date> XmlItemCheck::DateUpTo(pugi::xml_node item, std::optional<Date> last_day) {
  std::string_view v = TrimmedText(item);
  auto d = Date::ParseIso(v);
  std::string rule;
  if (!d || d->year() < kFirstYear) rule = "a date is YYYY-MM-DD, names a real day and is after 1900";
  else if (last_day && *d > *last_day) rule = fmt::format("a date of this return is not after {}", last_day->ToIso());
  if (rule.empty()) return d;
  Report(item, item.name(), v, std::move(rule));
  ok_ = false;
  return std::nullopt;
}

std::string_view XmlItemCheck::Code(pugi::xml_node of, const char* item, std::string_view code_list, bool required) {
  if (!Present(of, item, required)) return {};
  return CodeIn(of.child(item), code_list);
}

std::string XmlItemCheck::CodeSet(pugi::xml_node group, const char* item, std::string_view code_list) {
  std::vector<std::string_view> codes;
  for (pugi::xml_node node : group.children(item))
    if (std::string_view code = CodeIn(node, code_list); !code.empty()) codes.push_back(code);
  return fmt::format("{}", fmt::join(codes, ";"));
}

std::string_view XmlItemCheck::CodeIn(pugi::xml_node item, std::string_view code_list) {
  std::string_view v = TrimmedText(item);
  const CodeList& list = *FindCodeList(code_list);
  for (const scrutiny::Code& code : list.codes)
    if (code.code == v) return code.code;
  std::vector<std::string_view> codes;
  for (const scrutiny::Code& code : list.codes) codes.push_back(code.code);
  Report(item, item.name(), v, fmt::format("{} is one of: {}", item.name(), fmt::join(codes, ", ")));
  ok_ = false;
  return {};
}

std::string_view XmlItemCheck::Flag(pugi::xml_node of, const char* item, bool required) {
  if (!Present(of, item, required)) return {};
  std::string_view v = Text(of, item);
  if (v == "true" || v == "1") return "Y";
  if (v == "false" || v == "0") return "N";
  Fail(of, item, v, fmt::format("{} is true, false, 1 or 0", item));
  return {};
}

std::optional<double> XmlItemCheck::Number(pugi::xml_node of, const char* item, double low, double high,
                                           bool required) {
  if (!Present(of, item, required)) return std::nullopt;
  std::string text(Text(of, item));
  double n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < low || n > high) {
    Fail(of, item, text, fmt::format("{} is a number from {} to {}", item, low, high));
    return std::nullopt;
  }
  return n;
}

void XmlItemCheck::InOrder(pugi::xml_node of, const char* first, std::optional<Date> a, const char* then,
                           std::optional<Date> b) {
  if (a && b && *b < *a) Fail(of, then, Text(of, then), fmt::format("{} is not before {}", then, first));
}

}  // namespace scrutiny
