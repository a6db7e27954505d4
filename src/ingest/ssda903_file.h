#pragma once
// Ssda903File is one table of the SSDA903 return: a CSV file recognised by its
// header (not its name; a byte-order mark and any case are tolerated), or the
// elements of the XML form that make the table; split into rows of trimmed
// cells, each knowing its line.

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

// Ssda903FileCount says what became of the rows of one file of a return.
struct Ssda903FileCount {
  std::string name;
  std::string table;  // usual file name of the table its header names
  uint64_t rows = 0;
  uint64_t left_out = 0;
  bool xml = false;   // a table of the XML form, whose items are named otherwise
  // The column as the file names it: the XML form calls CHILD CHILDID and PLACE PL.
  std::string_view Label(std::string_view column) const;
};

// Ssda903Origin is where a row read from a return came from: the return's
// collection year, the file (an index into the files' counts) and the line.
struct Ssda903Origin {
  int year = 0;
  size_t file = 0;
  uint64_t line = 0;
};

class Ssda903File {
 public:
  // Reads a file's text. Text that is not CSV text (empty, binary, not UTF-8)
  // is an error naming the file and line; problems say why a file whose header
  // is no table's (then no file), or a row of it, could not be read.
  static Result<std::optional<Ssda903File>> Read(std::string name, std::string_view text, Problems& problems);
  // A table of the XML file `name`, its rows made from `element`s (cells in
  // the order of the table's columns, lines those of the elements).
  static Ssda903File FromXml(std::string name, Ssda903Table table, std::string element, std::vector<Ssda903Row> rows);

  const std::string& name() const { return name_; }
  const Ssda903TableSpec& spec() const { return *spec_; }
  const std::vector<Ssda903Row>& rows() const { return rows_; }
  uint64_t rows_refused() const { return rows_refused_; }  // rows with too few or too many fields
  // The cell of a row in the named column, one of spec().columns.
  std::string_view Cell(const Ssda903Row& row, std::string_view column) const;
  // The column as the file names it: the XML form calls CHILD CHILDID and PLACE PL.
  std::string_view Label(std::string_view column) const;
  // The XML element a row comes from; empty for a CSV file.
  const std::string& element() const { return element_; }

 private:
  std::string name_;
  std::string element_;
  const Ssda903TableSpec* spec_ = nullptr;
  std::vector<Ssda903Row> rows_;
  uint64_t rows_refused_ = 0;
};

}  // namespace scrutiny
