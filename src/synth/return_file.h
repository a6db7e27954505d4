#pragma once
// ReturnFile collects the text of one file of a return written for the
// synthetic council and writes it whole, so a failed write is reported and a
// file is never left half written by a later error.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace scrutiny {

class ReturnFile {
 public:
  explicit ReturnFile(std::string path) : path_(std::move(path)) {}

  // Appends one CSV line, quoting fields only where needed.
  void CsvRow(const std::vector<std::string_view>& fields);
  // Appends text as it is (XML).
  void Append(std::string_view text) { text_ += text; }
  std::string& text() { return text_; }
  // Creates the file's folder if need be and writes the file.
  Status Write() const;

 private:
  std::string path_;
  std::string text_;
};

// The identifier within its council: "C12" of "901-C12" (the readers prefix the council code again).
std::string_view LocalId(std::string_view id, std::string_view la_code);

}  // namespace scrutiny
