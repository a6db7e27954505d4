#include "ingest/csv_reader.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <fmt/format.h>

namespace scrutiny {
namespace {

uint64_t LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<uint64_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

bool IsDelimiter(char c) { return c == ',' || c == '\n' || c == '\r'; }

// Where the unquoted field starting at pos ends: the next comma or line end.
// (Only records with quotes or at the text's end come here: the rest are cut
// 16 bytes at a time by NextUnquoted. find_first_of called memchr per byte.)
size_t FieldEnd(std::string_view text, size_t pos) {
  while (pos < text.size() && !IsDelimiter(text[pos])) ++pos;
  return pos;
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0, n = s.size();
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  while (i < n) {
    uint64_t w[4];
    if (i + 32 <= n && (std::memcpy(w, s.data() + i, 32), ((w[0] | w[1] | w[2] | w[3]) & kHighBits) == 0)) {
      i += 32;  // thirty-two ASCII bytes
      continue;
    }
    uint64_t word = 0;
    if (i + 8 <= n && (std::memcpy(&word, s.data() + i, 8), (word & kHighBits) == 0)) {
      i += 8;  // eight ASCII bytes
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (c >= 0xF5 || len == 0 || i + len > n) return i;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    auto c1 = static_cast<unsigned char>(s[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return i;  // overlong, surrogate or beyond U+10FFFF
    i += len;
  }
  return std::string_view::npos;
}

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

bool CsvReader::Check() {
  size_t bad = std::string_view::npos;
  if (text_.empty()) {
    error_ = "the file is empty: a CSV file starts with a header line";
  } else if (bad = text_.find('\0'); bad != std::string_view::npos) {
    error_ = fmt::format("byte {} is a NUL byte: this is binary data, not a CSV text file", bad + 1);
  } else if (bad = FindInvalidUtf8(text_); bad != std::string_view::npos) {
    error_ = fmt::format("byte {} (0x{:02X}) is not UTF-8: save the file as UTF-8 CSV", bad + 1,
                         static_cast<unsigned char>(text_[bad]));
  }
  record_line_ = bad == std::string_view::npos ? 0 : LineAt(text_, bad);
  return error_.empty();
}

// The common record, with no quote, read 16 bytes at a time: each block's
// commas and line ends found at once, its fields cut at them. False (with
// nothing read) for a record with a quote or near the end of the text, which
// the byte-by-byte reading handles.
bool CsvReader::NextUnquoted(std::vector<std::string_view>& fields) {
#ifdef __SSE2__
  const char* text = text_.data();
  const size_t n = text_.size();
  const __m128i comma = _mm_set1_epi8(','), lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                quote = _mm_set1_epi8('"');
  size_t start = pos_;
  for (size_t block = pos_; block + 16 <= n; block += 16) {
    __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + block));
    __m128i ends = _mm_or_si128(_mm_cmpeq_epi8(bytes, lf), _mm_cmpeq_epi8(bytes, cr));
    auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, quote)));
    auto line_ends = static_cast<unsigned>(_mm_movemask_epi8(ends));
    auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, comma)));
    if (line_ends) {
      unsigned end = static_cast<unsigned>(__builtin_ctz(line_ends));
      if (quotes & ((1u << end) - 1)) break;
      commas &= (1u << end) - 1;
      for (; commas; commas &= commas - 1) {
        size_t at = block + static_cast<size_t>(__builtin_ctz(commas));
        fields.emplace_back(text + start, at - start);
        start = at + 1;
      }
      size_t at = block + end;
      fields.emplace_back(text + start, at - start);
      if (text[at] == '\r') ++at;
      if (at < n && text[at] == '\n') ++at;
      pos_ = at;
      ++next_line_;
      return true;
    }
    if (quotes) break;
    for (; commas; commas &= commas - 1) {
      size_t at = block + static_cast<size_t>(__builtin_ctz(commas));
      fields.emplace_back(text + start, at - start);
      start = at + 1;
    }
  }
  fields.clear();
#endif
  (void)fields;
  return false;
}

Status CheckCsvText(const std::string& name, std::string_view text) {
  CsvReader reader(text);
  if (reader.Check()) return Status::Ok();
  std::string line = reader.line() ? fmt::format(":{}", reader.line()) : "";
  return Status::InvalidInput(fmt::format("{}{}: {}; nothing read", name, line, reader.error()));
}

bool CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  if (!keep_quoted_) unquoted_.clear();
  const size_t n = text_.size();
  if (pos_ >= n) return false;
  record_line_ = next_line_;
  if (NextUnquoted(fields)) return true;
  while (true) {
    if (pos_ < n && text_[pos_] == '"') {
      std::string value;
      size_t i = pos_ + 1;
      while (true) {
        if (i >= n) {
          error_ = "a quoted field is never closed";
          pos_ = n;
          return false;
        }
        if (text_[i] == '"') {
          if (i + 1 < n && text_[i + 1] == '"') { value.push_back('"'); i += 2; continue; }
          ++i;
          break;
        }
        if (text_[i] == '\n') ++next_line_;
        value.push_back(text_[i++]);
      }
      if (i < n && text_[i] != ',' && text_[i] != '\n' && text_[i] != '\r') {
        error_ = "text follows a closing quote; write a quote inside a quoted field as \"\"";
        pos_ = n;
        return false;
      }
      unquoted_.push_back(std::move(value));
      fields.emplace_back(unquoted_.back());
      pos_ = i;
    } else {
      size_t end = FieldEnd(text_, pos_);
      fields.emplace_back(text_.data() + pos_, end - pos_);
      pos_ = end;
    }
    if (pos_ >= n) break;
    char c = text_[pos_];
    if (c == ',') { ++pos_; continue; }
    if (c == '\r') ++pos_;
    if (pos_ < n && text_[pos_] == '\n') ++pos_;
    ++next_line_;
    break;
  }
  return true;
}

}  // namespace scrutiny
