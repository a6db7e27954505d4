#include "core/toml_document.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

namespace scrutiny {
namespace {

// TomlScan walks TOML text as its lexer does: strings, comments and the rest.
class TomlScan {
 public:
  explicit TomlScan(std::string_view text) : text_(text) {}
  // The offset of the first byte beyond ASCII outside strings and comments, if any.
  std::optional<size_t> FirstNonAsciiOutsideStrings();
  uint64_t line() const { return line_; }

 private:
  bool At(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  void Advance() { line_ += text_[pos_++] == '\n'; }
  void SkipComment() { while (pos_ < text_.size() && text_[pos_] != '\n') Advance(); }
  // Skips a string from its opening quote(s) to past its closing ones.
  void SkipString(std::string_view quotes, bool escapes, bool multi_line);

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

std::optional<size_t> TomlScan::FirstNonAsciiOutsideStrings() {
  while (pos_ < text_.size()) {
    if (At("#")) SkipComment();
    else if (At("\"\"\"")) SkipString("\"\"\"", true, true);
    else if (At("'''")) SkipString("'''", false, true);
    else if (At("\"")) SkipString("\"", true, false);
    else if (At("'")) SkipString("'", false, false);
    else if (static_cast<unsigned char>(text_[pos_]) >= 0x80) return pos_;
    else Advance();
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
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidInput(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
}

}  // namespace scrutiny
