#include "ingest/worksheet_xml.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>

#include <fmt/format.h>

namespace scrutiny {
namespace {

// What an open element is to the reader, by its name and its parent's role.
enum class Role : uint8_t { kOther, kWorksheet, kSheetData, kRow, kCell, kValue, kInline, kText, kRun, kRunText };

// Character classes of XML names (as pugixml takes them) and of text.
enum CharClass : uint8_t {
  kNameStart = 1, kName = 2, kSpace = 4, kTextStop = 8,
  kAttributeStop = 16,  // ends a plain attribute value: '"', '&', white space or a control byte
  kValueStop = 32,      // ends a plain cell value: '<', '&', white space or a control byte
};

constexpr std::array<uint8_t, 256> kClasses = [] {
  std::array<uint8_t, 256> c{};
  for (int i = 0; i < 256; ++i) {
    bool letter = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z') || i == '_' || i == ':' || i >= 0x80;
    if (letter) c[i] |= kNameStart | kName;
    if ((i >= '0' && i <= '9') || i == '-' || i == '.') c[i] |= kName;
  }
  for (char s : {' ', '\t', '\r', '\n'}) c[static_cast<unsigned char>(s)] |= kSpace;
  for (char s : {'&', '\r'}) c[static_cast<unsigned char>(s)] |= kTextStop;  // text that must be converted
  for (int i = 0; i <= ' '; ++i) c[i] |= kAttributeStop | kValueStop;
  c['"'] |= kAttributeStop, c['&'] |= kAttributeStop | kValueStop, c['<'] |= kValueStop;
  return c;
}();

bool Is(char c, CharClass k) { return kClasses[static_cast<unsigned char>(c)] & k; }

bool AllSpace(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return Is(c, kSpace); });
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Appends a code point as UTF-8; false for one that is no character.
bool AppendUtf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return true;
}

// What an entity reference at '&' is.
struct Entity {
  size_t length = 0;  // bytes taken, 0 if it is none (the '&' is kept, as pugixml keeps it)
  bool character = true;  // false for a character reference to no character (&#0;)
};

// Decodes the entity that text (at '&') opens onto out.
Entity AppendEntity(std::string& out, std::string_view text) {
  static constexpr std::pair<std::string_view, char> kNamed[] = {
      {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
  for (auto [name, c] : kNamed)
    if (text.starts_with(name)) {
      out += c;
      return {name.size()};
    }
  if (!text.starts_with("&#")) return {};
  bool hex = text.size() > 2 && text[2] == 'x';
  size_t i = hex ? 3 : 2, first = i;
  uint64_t cp = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    int d = c >= '0' && c <= '9' ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (d < 0) break;
    cp = std::min<uint64_t>(cp * (hex ? 16 : 10) + static_cast<uint64_t>(d), 0x110000);
  }
  if (i == first || i >= text.size() || text[i] != ';') return {};
  return {i + 1, AppendUtf8(out, static_cast<uint32_t>(cp))};
}

// Appends character data with its entities decoded and its line ends made
// "\n"; false if it holds a character reference to no character.
bool AppendText(std::string& out, std::string_view text, bool entities) {
  for (size_t i = 0; i < text.size();) {
    size_t run = i;
    while (run < text.size() && text[run] != '\r' && !(entities && text[run] == '&')) ++run;
    out.append(text.data() + i, run - i);
    if (run == text.size()) break;
    if (text[run] == '\r') {
      out += '\n';
      i = run + (run + 1 < text.size() && text[run + 1] == '\n' ? 2 : 1);
      continue;
    }
    Entity entity = AppendEntity(out, text.substr(run));
    if (!entity.character) return false;
    if (entity.length == 0) out += '&';
    i = run + std::max<size_t>(entity.length, 1);
  }
  return true;
}

// An attribute's value as pugixml gives it: entities decoded, white space
// characters made spaces ("\r\n" one space).
std::string AttributeValue(std::string_view raw) {
  std::string text;
  if (!AppendText(text, raw, true)) return std::string(raw);  // names no character: no r or t Excel knows
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n'; }, ' ');
  return text;
}

// A row's r attribute as pugixml's as_ullong reads it: leading spaces, a sign
// (negative is 0), decimal or 0x hex digits up to the first other byte; the
// largest number on overflow; 0 for none.
uint64_t RowNumber(std::string_view r) {
  size_t i = 0;
  while (i < r.size() && Is(r[i], kSpace)) ++i;
  bool negative = i < r.size() && r[i] == '-';
  if (i < r.size() && (r[i] == '-' || r[i] == '+')) ++i;
  bool hex = i + 1 < r.size() && r[i] == '0' && (r[i + 1] | ' ') == 'x';
  if (hex) i += 2;
  uint64_t n = 0;
  bool overflow = false;
  for (; i < r.size(); ++i) {
    char c = r[i];
    int d = c >= '0' && c <= '9' ? c - '0' : hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
    if (d < 0) break;
    uint64_t base = hex ? 16 : 10;
    if (n > (std::numeric_limits<uint64_t>::max() - static_cast<uint64_t>(d)) / base) overflow = true;
    n = n * base + static_cast<uint64_t>(d);
  }
  if (negative) return 0;
  return overflow ? std::numeric_limits<uint64_t>::max() : n;
}

// The attribute's value: raw itself, or decoded into text if it must be.
std::string_view Decoded(std::string_view raw, std::string& text) {
  // '&' or white space (all at or below ' '; other control bytes pass through decoding unchanged).
  bool plain = std::none_of(raw.begin(), raw.end(), [](char c) { return c == '&' || static_cast<unsigned char>(c) <= ' '; });
  if (plain) return raw;
  text = AttributeValue(raw);
  return text;
}

// Whether two element names are the same, compared inline (names are short; memcmp was a call a tag).
bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// A shared-string cell's index as strtoul reads its text (leading white space,
// a sign, digits to the end; none for none, 0 for empty text, as the oracle).
std::optional<size_t> SharedStringIndex(std::string_view value) {
  constexpr size_t kPlainDigits = 9;  // fewer cannot overflow
  if (!value.empty() && value.size() <= kPlainDigits) {  // digits read and checked in one pass
    size_t index = 0;
    bool digits = true;
    for (char c : value) {
      auto digit = static_cast<size_t>(static_cast<unsigned char>(c) - '0');
      digits = digits && digit < 10;
      index = index * 10 + digit;
    }
    if (digits) return index;
  }
  std::string text(value);
  char* end = nullptr;
  unsigned long index = std::strtoul(text.c_str(), &end, 10);
  if (!end || *end != '\0') return std::nullopt;
  return index;
}

// OpenElement is an element whose end tag is yet to come.
struct OpenElement {
  std::string_view name;
  Role role;
  bool has_text = false;  // its text (first run of character data) is read
};

// WorksheetScan reads one worksheet's text from start to end.
class WorksheetScan {
 public:
  WorksheetScan(std::string_view xml, const WorksheetPart& part, const WorksheetRowReader& read_row)
      : xml_(xml), at_(xml.data()), end_(xml.data() + xml.size()), part_(part.part), sheet_(part.sheet),
        shared_strings_(part.shared_strings), read_row_(read_row) {}
  Status Run();

 private:
  bool Markup();
  bool StartTag();
  bool Attribute(std::string_view element, Role role);
  bool EndTag();
  bool Skip(std::string_view closer, std::string_view what);
  bool Instruction();
  bool CData();
  void Text();
  void Open(std::string_view name, Role role);
  void Close(Role role);
  void CloseCell();
  bool PlainCell();
  bool PlainRowStart();
  bool PlainRowEnd();
  // A row or cell as Excel writes it, read by the short paths above; false if it is none.
  bool PlainMarkup() {
    Role parent = open_.back().role;
    if (parent == Role::kRow && end_ - at_ > 2 && at_[1] == 'c' && at_[2] == ' ') return PlainCell();
    if (parent == Role::kRow) return end_ - at_ > 1 && at_[1] == '/' && PlainRowEnd();
    return parent == Role::kSheetData && Opens(at_, "<row") && PlainRowStart();
  }
  void SetCell(size_t column, std::string_view type, std::string_view value);
  Role RoleOf(std::string_view name) const;
  bool Capturing() const;
  // Takes text as the open element's; plain text has no entity or carriage return to convert.
  void Capture(std::string_view text, bool plain, bool entities);
  bool Fault(std::string what);
  size_t Line() const;
  // The name at the cursor (empty if none), the cursor moved past it.
  std::string_view Name() {
    const char* start = at_;
    while (at_ < end_ && Is(*at_, kName)) ++at_;
    return {start, static_cast<size_t>(at_ - start)};
  }
  // Whether the text at p opens with the literal (at most 8 bytes), compared
  // as one word: memcmp was a call a cell.
  template <size_t N>
  bool Opens(const char* p, const char (&literal)[N]) const {
    static_assert(N - 1 <= sizeof(uint64_t));
    if (static_cast<size_t>(end_ - p) < N - 1) return false;
    uint64_t text = 0, expected = 0;
    std::memcpy(&text, p, N - 1);
    std::memcpy(&expected, literal, N - 1);
    return text == expected;
  }
  void SkipSpace() {
    while (at_ < end_ && Is(*at_, kSpace)) ++at_;
  }

  std::string_view xml_;
  const char* at_;
  const char* end_;
  std::string_view part_, sheet_;
  const std::vector<std::string>& shared_strings_;
  const WorksheetRowReader& read_row_;
  std::vector<OpenElement> open_;
  XlsxRow row_;  // the row being read, reused for the next: its cells keep their memory
  size_t row_width_ = 0;  // the row's cells so far: row_.cells[0, row_width_) are this row's
  std::string fault_;
  bool rooted_ = false, sheet_data_seen_ = false, stopped_ = false;
  // The row and cell being read.
  uint64_t previous_row_ = 0;
  size_t next_column_ = 0;
  std::string_view reference_, type_;  // the r and t attributes of the row or cell being read
  std::string reference_text_, type_text_;  // their decoded text, when the raw attribute held an entity or white space
  bool has_reference_ = false, has_type_ = false, cell_has_value_ = false, cell_has_inline_ = false;
  bool run_has_text_ = false;
  std::string value_, inline_;
};

size_t WorksheetScan::Line() const {
  return 1 + static_cast<size_t>(std::count(xml_.data(), std::min(at_, end_), '\n'));
}

bool WorksheetScan::Fault(std::string what) {
  if (fault_.empty()) fault_ = fmt::format("part {} is not well-formed XML: line {}: {}", part_, Line(), what);
  return false;
}

Role WorksheetScan::RoleOf(std::string_view name) const {
  if (open_.empty()) return name == "worksheet" ? Role::kWorksheet : Role::kOther;
  switch (open_.back().role) {
    case Role::kWorksheet: return name == "sheetData" && !sheet_data_seen_ ? Role::kSheetData : Role::kOther;
    case Role::kSheetData: return name == "row" ? Role::kRow : Role::kOther;
    case Role::kRow: return name == "c" ? Role::kCell : Role::kOther;
    case Role::kCell:
      if (name == "v" && !cell_has_value_) return Role::kValue;
      return name == "is" && !cell_has_inline_ ? Role::kInline : Role::kOther;
    case Role::kInline:
      if (name == "t") return Role::kText;
      return name == "r" ? Role::kRun : Role::kOther;
    case Role::kRun: return name == "t" && !run_has_text_ ? Role::kRunText : Role::kOther;
    default: return Role::kOther;
  }
}

void WorksheetScan::Open(std::string_view name, Role role) {
  open_.push_back({name, role});
  switch (role) {
    case Role::kSheetData: sheet_data_seen_ = true; break;
    case Role::kRow:
      row_.number = RowNumber(reference_);
      row_width_ = 0;
      next_column_ = 0;
      break;
    case Role::kValue: cell_has_value_ = true; break;
    case Role::kInline: cell_has_inline_ = true; break;
    case Role::kRun: run_has_text_ = false; break;
    case Role::kRunText: run_has_text_ = true; break;
    default: break;
  }
}

void WorksheetScan::Close(Role role) {
  if (role == Role::kCell) CloseCell();
  if (role == Role::kRow) {
    if (row_.number == 0) row_.number = previous_row_ + 1;
    previous_row_ = row_.number;
    row_.cells.resize(row_width_);
    stopped_ = !read_row_(row_);
  }
  open_.pop_back();
}

void WorksheetScan::CloseCell() {
  std::optional<size_t> column = reference_.empty() ? std::optional<size_t>(next_column_)
                                                    : ColumnOfReference(reference_);
  if (!column) {
    if (fault_.empty())
      fault_ = fmt::format("sheet '{}' has a cell reference that is not a column and row: '{}' (line {} of {})",
                           sheet_, reference_, Line(), part_);
    return;
  }
  SetCell(*column, type_, type_ == "inlineStr" ? std::string_view(inline_) : std::string_view(value_));
}

// Sets the row's cell in the column from its type and its <v> (or inline string's) text.
void WorksheetScan::SetCell(size_t column, std::string_view type, std::string_view value) {
  if (column >= row_width_) {  // the last row's cells are used again, those skipped emptied
    if (row_.cells.size() <= column) row_.cells.resize(column + 1);
    for (size_t skipped = row_width_; skipped < column; ++skipped) {
      row_.cells[skipped].text.clear();
      row_.cells[skipped].number = false;
      row_.cells[skipped].shared = -1;
    }
    row_width_ = column + 1;
  }
  XlsxCell& cell = row_.cells[column];
  bool shared = type.size() == 1 && type[0] == 's';
  if (shared) {
    std::optional<size_t> index = SharedStringIndex(value);
    bool found = index && *index < shared_strings_.size();
    if (found) cell.text = shared_strings_[*index];
    else cell.text.clear();
    cell.shared = found ? static_cast<int32_t>(*index) : -1;
  } else {
    cell.text = value;
    cell.shared = -1;
  }
  cell.number = !cell.text.empty() && (type.empty() || (type.size() == 1 && type[0] == 'n'));
  next_column_ = column + 1;
}

// A row's start tag as Excel writes it, <row r="2" spans="1:12" x14ac:dyDescent="0.25">:
// attribute names of letters, digits and ':', values with no '&' or white
// space, one space before each, r (if there) plain digits. Anything else is
// left to the general path: false, the cursor unmoved.
bool WorksheetScan::PlainRowStart() {
  constexpr size_t kLongestNumber = 19;  // longer, or hex, or signed: RowNumber's rules, in the general path
  const char* p = at_ + 4;  // after "<row"
  std::string_view number;
  bool has_number = false;
  while (p < end_ && *p == ' ') {
    const char* name = ++p;
    if (p == end_ || !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return false;
    while (p < end_ && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == ':'))
      ++p;
    bool is_r = p - name == 1 && *name == 'r';
    if (end_ - p < 2 || p[0] != '=' || p[1] != '"') return false;
    const char* value = p += 2;
    while (p < end_ && !Is(*p, kAttributeStop)) ++p;
    if (p == end_ || *p != '"') return false;
    if (is_r && !has_number) {
      has_number = true;
      number = std::string_view(value, static_cast<size_t>(p - value));
    }
    ++p;
  }
  if (p == end_ || *p != '>') return false;
  bool plain = !has_number || (!number.empty() && number.size() <= kLongestNumber && AllDigits(number));
  if (!plain) return false;
  std::string_view name(at_ + 1, 3);
  reference_ = number;
  at_ = p + 1;
  Open(name, Role::kRow);
  return true;
}

// A row's end tag, </row>, as Excel writes it.
bool WorksheetScan::PlainRowEnd() {
  if (!Opens(at_, "</row>")) return false;
  at_ += std::string_view("</row>").size();
  Close(Role::kRow);
  return true;
}

// A cell as Excel writes it, read without the general path's bookkeeping:
// <c r="B2" s="1" t="s"><v>12</v></c>, or <c r="B2" s="1"/>. Attributes are
// lower-case names and values with no '&' or white space, one space before
// each; the value has no '&', carriage return or white space. Anything else
// (an inline string, a reference that is not a column and row) is left to the general path:
// false, the cursor unmoved. Its attribute loop is PlainRowStart's, kept apart: one reader of
// both, inlined, made reading the sheets 5% slower.
bool WorksheetScan::PlainCell() {
  const char* p = at_ + 2;
  std::string_view reference, type;
  bool has_reference = false, has_type = false;
  while (p < end_ && *p == ' ') {
    const char* name = ++p;
    while (p < end_ && *p >= 'a' && *p <= 'z') ++p;
    size_t name_size = static_cast<size_t>(p - name);
    if (name_size == 0 || end_ - p < 2 || p[0] != '=' || p[1] != '"') return false;
    const char* value = p += 2;
    while (p < end_ && !Is(*p, kAttributeStop)) ++p;
    if (p == end_ || *p != '"') return false;
    std::string_view text(value, static_cast<size_t>(p - value));
    ++p;
    if (name_size == 1 && *name == 'r' && !has_reference) {
      has_reference = true;
      reference = text;
    } else if (name_size == 1 && *name == 't' && !has_type) {
      has_type = true;
      type = text;
    }
  }
  if (!has_reference || p == end_ || type == "inlineStr") return false;  // an inline string's text is its <is>
  std::optional<size_t> column = ColumnOfReference(reference);
  if (!column) return false;
  std::string_view value;
  if (*p == '/') {
    if (end_ - p < 2 || p[1] != '>') return false;
    p += 2;
  } else if (*p == '>') {
    ++p;
    if (Opens(p, "</c>")) {
      p += 4;
    } else {
      if (!Opens(p, "<v>")) return false;
      const char* text = p += 3;
      while (p < end_ && !Is(*p, kValueStop)) ++p;
      if (p == text || !Opens(p, "</v></c>")) return false;
      value = std::string_view(text, static_cast<size_t>(p - text));
      p += 8;
    }
  } else {
    return false;
  }
  SetCell(*column, type, value);
  at_ = p;
  return true;
}

bool WorksheetScan::Capturing() const {
  if (open_.empty() || open_.back().has_text) return false;
  Role role = open_.back().role;
  return role == Role::kValue || role == Role::kText || role == Role::kRunText;
}

void WorksheetScan::Capture(std::string_view text, bool plain, bool entities) {
  open_.back().has_text = true;
  std::string& into = open_.back().role == Role::kValue ? value_ : inline_;
  if (plain) into.append(text);
  else if (!AppendText(into, text, entities))
    Fault("a character reference to no character (&#0;, a surrogate or beyond U+10FFFF)");
}

// Character data up to the next '<'.
void WorksheetScan::Text() {
  const char* start = at_;
  bool plain = true;  // no entity or carriage return
  while (at_ < end_ && *at_ != '<') {
    if (Is(*at_, kTextStop)) plain = false;
    ++at_;
  }
  std::string_view text(start, static_cast<size_t>(at_ - start));
  if (open_.empty()) {
    if (!AllSpace(text)) Fault("text outside the root element");
    return;
  }
  if (Capturing() && !AllSpace(text)) Capture(text, plain, true);
}


// Markup at '<': a tag, comment, CDATA section or processing instruction.
bool WorksheetScan::Markup() {
  ++at_;
  if (at_ == end_) return Fault("the text ends with '<'");
  if (*at_ == '/') return EndTag();
  if (*at_ == '?') return Instruction();
  if (*at_ != '!') return StartTag();
  std::string_view rest(at_, static_cast<size_t>(end_ - at_));
  if (rest.starts_with("!--")) {
    at_ += 3;
    return Skip("-->", "a comment");
  }
  if (rest.starts_with("![CDATA[")) return CData();
  return Fault("'<!' opens no comment or CDATA section (a worksheet has no DOCTYPE)");
}

// Skips to just after closer, which must come.
bool WorksheetScan::Skip(std::string_view closer, std::string_view what) {
  std::string_view rest(at_, static_cast<size_t>(end_ - at_));
  size_t found = rest.find(closer);
  if (found == std::string_view::npos) return Fault(fmt::format("{} is never closed", what));
  at_ += found + closer.size();
  return true;
}

// A processing instruction: a name, then "?>" or white space and "?>"; the
// XML declaration (<?xml ...?>) only outside the root element.
bool WorksheetScan::Instruction() {
  ++at_;
  if (at_ == end_ || !Is(*at_, kNameStart)) return Fault("'<?' is followed by no name");
  std::string_view name = Name();
  bool declaration = name.size() == 3 && (name[0] | ' ') == 'x' && (name[1] | ' ') == 'm' && (name[2] | ' ') == 'l';
  if (declaration && !open_.empty()) return Fault("an XML declaration inside an element");
  if (at_ < end_ && *at_ != '?' && !Is(*at_, kSpace)) return Fault(fmt::format("a bad processing instruction <?{}", name));
  return Skip("?>", "a processing instruction");
}

bool WorksheetScan::CData() {
  at_ += std::string_view("![CDATA[").size();
  const char* start = at_;
  if (!Skip("]]>", "a CDATA section")) return false;
  if (open_.empty()) return Fault("a CDATA section outside the root element");
  if (Capturing()) Capture(std::string_view(start, static_cast<size_t>(at_ - start - 3)), false, false);
  return true;
}

bool WorksheetScan::StartTag() {
  if (!Is(*at_, kNameStart)) return Fault("'<' is followed by no element name");
  std::string_view name = Name();
  if (open_.empty() && rooted_) return Fault(fmt::format("a second root element <{}>", name));
  Role role = RoleOf(name);
  if (role == Role::kRow || role == Role::kCell) {
    reference_ = type_ = {};
    has_reference_ = has_type_ = false;
  }
  if (role == Role::kCell) {
    cell_has_value_ = cell_has_inline_ = false;
    value_.clear();
    inline_.clear();
  }
  for (;;) {
    const char* before = at_;
    SkipSpace();
    if (at_ == end_) return Fault(fmt::format("the text ends inside the tag <{}>", name));
    if (*at_ == '>' || *at_ == '/') break;
    if (at_ == before) return Fault(fmt::format("no space before an attribute of <{}>", name));
    if (!Attribute(name, role)) return false;
  }
  bool empty = *at_ == '/';
  if (empty && (at_ + 1 == end_ || at_[1] != '>')) return Fault(fmt::format("'/' in the tag <{}> not before '>'", name));
  at_ += empty ? 2 : 1;
  rooted_ = true;
  Open(name, role);
  if (empty) Close(role);
  return fault_.empty();
}

// One attribute of a start tag: its name, '=' and its quoted value. Keeps the
// first r of a row or cell and the first t of a cell.
bool WorksheetScan::Attribute(std::string_view element, Role role) {
  if (!Is(*at_, kNameStart)) return Fault(fmt::format("no attribute name where one should be, in <{}>", element));
  std::string_view name = Name();
  SkipSpace();
  if (at_ == end_ || *at_ != '=') return Fault(fmt::format("attribute {} has no '='", name));
  ++at_;
  SkipSpace();
  if (at_ == end_ || (*at_ != '"' && *at_ != '\'')) return Fault(fmt::format("attribute {} has no quoted value", name));
  char quote = *at_++;
  const char* value_start = at_;
  const void* close = std::memchr(at_, quote, static_cast<size_t>(end_ - at_));
  if (!close) return Fault(fmt::format("the value of attribute {} is never closed", name));
  at_ = static_cast<const char*>(close) + 1;
  std::string_view raw(value_start, static_cast<size_t>(at_ - 1 - value_start));
  if (role != Role::kRow && role != Role::kCell) return true;
  if (name == "r" && !has_reference_) {
    has_reference_ = true;
    reference_ = Decoded(raw, reference_text_);
  } else if (name == "t" && role == Role::kCell && !has_type_) {
    has_type_ = true;
    type_ = Decoded(raw, type_text_);
  }
  return true;
}

bool WorksheetScan::EndTag() {
  ++at_;
  std::string_view name = Name();
  SkipSpace();
  if (at_ == end_ || *at_ != '>') return Fault(fmt::format("the end tag </{}> is not closed by '>'", name));
  ++at_;
  if (open_.empty()) return Fault(fmt::format("the end tag </{}> closes no element", name));
  if (!SameName(open_.back().name, name))
    return Fault(fmt::format("the end tag </{}> where </{}> should be", name, open_.back().name));
  Close(open_.back().role);
  return fault_.empty();
}

Status WorksheetScan::Run() {
  if (xml_.starts_with("\xEF\xBB\xBF")) at_ += 3;
  if (size_t nul = xml_.find('\0'); nul != std::string_view::npos) {
    at_ = xml_.data() + nul;
    Fault("a NUL byte, which XML cannot hold");
  }
  while (at_ < end_ && fault_.empty() && !stopped_) {
    if (*at_ != '<') {
      Text();
      continue;
    }
    if (!open_.empty() && PlainMarkup()) continue;
    Markup();
  }
  if (stopped_ && fault_.empty()) return Status::Ok();
  if (fault_.empty() && !open_.empty())
    Fault(fmt::format("the text ends before <{}> is closed", open_.back().name));
  if (fault_.empty() && !rooted_) Fault("no root element");
  if (!fault_.empty()) return Status::InvalidInput(fault_);
  return Status::Ok();
}

}  // namespace

Status ReadWorksheetRows(std::string_view xml, const WorksheetPart& part, const WorksheetRowReader& read_row) {
  return WorksheetScan(xml, part, read_row).Run();
}

Result<std::vector<XlsxRow>> ReadWorksheetRows(std::string_view xml, const WorksheetPart& part) {
  std::vector<XlsxRow> rows;
  Status read = ReadWorksheetRows(xml, part, [&rows](const XlsxRow& row) {
    rows.push_back(row);
    return true;
  });
  if (!read.ok()) return read;
  return rows;
}

}  // namespace scrutiny
