#include "core/toml_document.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace scrutiny {
namespace {

// TomlScan walks TOML text as its lexer does: strings, comments and the rest.
class TomlScan {
 public:
  explicit TomlScan(std::string_view text) : text_(text) {}
  // The offset of the first byte beyond ASCII outside strings and comments, if any.
  std::optional<size_t> FirstNonAsciiOutsideStrings();
  // The offset of the first table header ("[" or "[[" opening a line outside
  // any value) whose key does not start with a bare key character or a quote.
  std::optional<size_t> FirstHeaderWithoutKey();
  // The offset of the first '}' where an array's value should be ("w = [}"),
  // which toml++ 3.3 asserts cannot happen.
  std::optional<size_t> FirstBraceForArrayValue();
  uint64_t line() const { return line_; }

 private:
  bool At(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  void Advance() { line_ += text_[pos_++] == '\n'; }
  void SkipComment() { while (pos_ < text_.size() && text_[pos_] != '\n') Advance(); }
  // Skips a string from its opening quote(s) to past its closing ones.
  void SkipString(std::string_view quotes, bool escapes, bool multi_line);
  // Skips the comment or string at the cursor; false if there is none.
  bool SkipCommentOrString();

  std::string_view text_;
  size_t pos_ = 0;
  uint64_t line_ = 1;
};

void TomlScan::SkipString(std::string_view quotes, bool escapes, bool multi_line) {
  pos_ += quotes.size();
  while (pos_ < text_.size() && !At(quotes)) {
    if (!multi_line && text_[pos_] == '\n') return;  // unclosed: toml++ says so
    if (escapes && text_[pos_] == '\\' && pos_ + 1 < text_.size()) Advance();
    Advance();
  }
  pos_ = std::min(text_.size(), pos_ + quotes.size());
}

bool TomlScan::SkipCommentOrString() {
  char c = text_[pos_];
  if (c == '#') SkipComment();
  else if (At("\"\"\"")) SkipString("\"\"\"", true, true);
  else if (At("'''")) SkipString("'''", false, true);
  else if (c == '"' || c == '\'') SkipString(std::string_view(&text_[pos_], 1), c == '"', false);
  else return false;
  return true;
}

std::optional<size_t> TomlScan::FirstNonAsciiOutsideStrings() {
  while (pos_ < text_.size()) {
    if (SkipCommentOrString()) continue;
    if (static_cast<unsigned char>(text_[pos_]) >= 0x80) return pos_;
    Advance();
  }
  return std::nullopt;
}

bool IsBareKeyCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

std::optional<size_t> TomlScan::FirstHeaderWithoutKey() {
  bool line_start = true, in_value = false, in_header = false;
  int depth = 0;  // of the arrays and inline tables open in a value
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (SkipCommentOrString()) {
      line_start = line_start && c == '#';
      continue;
    }
    if (c == '\n') {
      if (depth == 0) in_value = false;
      in_header = false, line_start = true;
    } else if (c == '[' && line_start && !in_value && depth == 0) {
      size_t at = pos_ + (At("[[") ? 2 : 1);
      while (at < text_.size() && (text_[at] == ' ' || text_[at] == '\t')) ++at;
      if (at == text_.size() || !(IsBareKeyCharacter(text_[at]) || text_[at] == '"' || text_[at] == '\'')) return pos_;
      in_header = true, line_start = false;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      line_start = false;
      if (c == '=' && depth == 0 && !in_header) in_value = true;
      if (in_value && (c == '[' || c == '{')) ++depth;
      if (in_value && (c == ']' || c == '}') && depth > 0) --depth;
    }
    Advance();
  }
  return std::nullopt;
}

std::optional<size_t> TomlScan::FirstBraceForArrayValue() {
  std::vector<char> open;  // the arrays ('[') and inline tables ('{') open in a value
  bool in_value = false, value_due = false;  // value_due: after an array's '[' or ','
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (SkipCommentOrString()) {
      value_due = value_due && c == '#';
      continue;
    }
    if (c == '}' && value_due) return pos_;
    if (c == '\n' && open.empty()) in_value = false;
    if (c == '=' && open.empty()) in_value = true;
    if (in_value && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      value_due = (c == '[' || (c == ',' && !open.empty() && open.back() == '['));
      if (c == '[' || c == '{') open.push_back(c);
      if ((c == ']' || c == '}') && !open.empty()) open.pop_back();
    }
    Advance();
  }
  return std::nullopt;
}

// The offset of the first control character (but tab, CR, LF), which TOML allows nowhere.
std::optional<size_t> FirstControlCharacter(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return i;
  }
  return std::nullopt;
}

}  // namespace

Result<toml::table> ParseTomlDocument(std::string_view text, const std::string& path) {
  if (auto at = FirstControlCharacter(text))
    return Status::InvalidInput(fmt::format("{}:{}: byte 0x{:02X} is a control character, which TOML does not allow",
                                            path, 1 + std::count(text.begin(), text.begin() + *at, '\n'),
                                            static_cast<unsigned char>(text[*at])));
  TomlScan scan(text);
  if (auto at = scan.FirstNonAsciiOutsideStrings())
    return Status::InvalidInput(fmt::format(
        "{}:{}: byte 0x{:02X} is not ASCII and stands outside a quoted string or comment, where TOML allows only "
        "ASCII", path, scan.line(), static_cast<unsigned char>(text[*at])));
  TomlScan headers(text);
  if (headers.FirstHeaderWithoutKey())
    return Status::InvalidInput(fmt::format("{}:{}: a table header ([name] or [[name]]) names no key: a name of "
                                            "letters, digits, _ and -, or a quoted one, follows its [", path,
                                            headers.line()));
  TomlScan arrays(text);
  if (arrays.FirstBraceForArrayValue())
    return Status::InvalidInput(fmt::format("{}:{}: '}}' where an array's value should be (an inline table "
                                            "opens with '{{')", path, arrays.line()));
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidInput(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
}

}  // namespace scrutiny
