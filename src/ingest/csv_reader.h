#pragma once
// CsvReader reads an RFC 4180 CSV text file held in memory, record by record,
// knowing the line each record starts on. It refuses what is not CSV text:
// empty files, binary data and bytes that are not UTF-8.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace scrutiny {

class CsvReader {
 public:
  // Reads the text (which must outlive the reader), skipping a byte-order
  // mark. Check() it before reading.
  explicit CsvReader(std::string_view text);

  // Whether the text is CSV text at all: not empty, no NUL byte, UTF-8. If not,
  // error() says why and line() where.
  bool Check();

  // Reads the next record into fields; false at the end of the text or on a
  // malformed record (then error() says why and line() where).
  bool Next(std::vector<std::string_view>& fields);
  // Quoted fields are unescaped into strings the reader owns, which normally
  // last until the next record; after KeepQuotedFields, until ReleaseQuotedFields.
  void KeepQuotedFields() { keep_quoted_ = true; }
  void ReleaseQuotedFields() { unquoted_.clear(); }
  uint64_t line() const { return record_line_; }  // line of the last record or fault
  const std::string& error() const { return error_; }
  size_t bytes_read() const { return pos_; }
  size_t bytes_total() const { return text_.size(); }

 private:
  bool NextUnquoted(std::vector<std::string_view>& fields);

  std::string_view text_;
  size_t pos_ = 0;
  uint64_t next_line_ = 1;
  uint64_t record_line_ = 0;
  std::string error_;
  bool keep_quoted_ = false;
  std::deque<std::string> unquoted_;  // quoted fields, unescaped; a deque so views stay valid
};

// An error naming the file and line if the text is not CSV text (CsvReader::Check),
// for readers that refuse a whole return then.
Status CheckCsvText(const std::string& name, std::string_view text);

// The byte offset of the first byte that is not valid UTF-8, or npos.
size_t FindInvalidUtf8(std::string_view text);

}  // namespace scrutiny
