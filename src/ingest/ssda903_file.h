#pragma once
// Ssda903File is one CSV file of the SSDA903 return, recognised by its header
// (not its name; a byte-order mark and any case are tolerated) and split into
// rows of trimmed cells, each knowing its line.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/ssda903_tables.h"
#include "model/validator.h"

namespace scrutiny {

struct Ssda903Row {
  uint64_t line = 0;
  std::vector<std::string> cells;  // in the order of the table's columns
};

class Ssda903File {
 public:
  // Reads a file's text. Text that is not CSV text (empty, binary, not UTF-8)
  // is an error naming the file and line; problems say why a file whose header
  // is no table's (then no file), or a row of it, could not be read.
  static Result<std::optional<Ssda903File>> Read(std::string name, std::string_view text, Problems& problems);

  const std::string& name() const { return name_; }
  const Ssda903TableSpec& spec() const { return *spec_; }
  const std::vector<Ssda903Row>& rows() const { return rows_; }
  uint64_t rows_refused() const { return rows_refused_; }  // rows with too few or too many fields
  // The cell of a row in the named column, one of spec().columns.
  std::string_view Cell(const Ssda903Row& row, std::string_view column) const;

 private:
  std::string name_;
  const Ssda903TableSpec* spec_ = nullptr;
  std::vector<Ssda903Row> rows_;
  uint64_t rows_refused_ = 0;
};

}  // namespace scrutiny
