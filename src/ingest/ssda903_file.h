#pragma once
// Ssda903File is one table of the SSDA903 return: a CSV file recognised by its
// header (not its name; a byte-order mark and any case are tolerated), or the
// elements of the XML form that make the table; split into rows of trimmed
// cells, each knowing its line.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/ssda903_tables.h"
#include "model/validator.h"

namespace scrutiny {

// Ssda903Row is one row of a table: its line, and where its cells (one per
// column of the table, in order) start among the file's cells.
struct Ssda903Row {
  uint64_t line = 0;
  size_t first = 0;
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
  // The model's field the column's values become (ModelFieldOf); empty if none.
  std::string_view ModelField(std::string_view column) const;
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
  // Reads a file's text, which the file's cells view: it must outlive the file.
  // Text that is not CSV text (empty, binary, not UTF-8) is an error naming the
  // file and line; problems say why a file whose header is no table's (then no
  // file), or a row of it, could not be read.
  static Result<std::optional<Ssda903File>> Read(std::string name, std::string_view text, Problems& problems);
  // An empty table of the XML file `name`, whose rows are made from `element`s.
  static Ssda903File ForXml(std::string name, Ssda903Table table, std::string element);
  // Adds a row of the XML form: its element's line, and its cells (copied) in
  // the order of the table's columns.
  void AddRow(uint64_t line, const std::vector<std::string_view>& cells);

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
  std::vector<std::string_view> cells_;  // row after row
  // The column last found at each of 64 places chosen by a hash of the address
  // of the name asked for: the same literal asks again for every row. (Literals
  // lie a few bytes apart, so the address's low bits alone would share places.)
  mutable std::array<uint8_t, 64> by_address_{};
  static size_t PlaceOf(std::string_view column) {
    return static_cast<size_t>((reinterpret_cast<uintptr_t>(column.data()) * 0x9E3779B97F4A7C15ULL) >> 58);
  }
  // Cells not in the text read (quoted CSV fields, unescaped; XML items), copied into
  // blocks that stay where they are when the file moves.
  std::string_view Copy(std::string_view cell);
  std::vector<std::unique_ptr<char[]>> copies_;
  size_t copies_used_ = 0, copies_size_ = 0;  // of the last block
  uint64_t rows_refused_ = 0;
};

}  // namespace scrutiny
