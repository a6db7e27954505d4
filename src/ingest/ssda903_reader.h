#pragma once
// Reading an SSDA903 return (children looked after, CSV form) into Scrutiny's
// record model: children, looked-after episodes (cleaned), reviews, missing
// episodes, care leavers and adoptions, ready for the validator and the store.
// Every bad value is a problem naming file, line, column, value and rule; a
// record with one is left out whole and counted. See docs/ssda903.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/model_record.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// Ssda903Text is one file of the return: a name for problems and its text.
struct Ssda903Text {
  std::string name;
  std::string text;
};

// The council and, if given, the collection year (2024 for 2024-25); if none,
// the year of the latest episode start (DECOM) in the episodes file.
using Ssda903Options = ReturnOptions;

// Ssda903FileCount says what became of the rows of one file.
struct Ssda903FileCount {
  std::string name;
  std::string table;  // usual file name of the table its header names
  uint64_t rows = 0;
  uint64_t left_out = 0;
  bool read = false;  // false: a table Scrutiny does not read yet
};

// Ssda903Return is a return read into the model.
struct Ssda903Return {
  Dataset dataset;
  RowSources sources;  // file and line of every record, for CheckDataset
  int collection_year = 0;
  std::vector<Ssda903FileCount> files;
  uint64_t fixed = 0;  // episode fixes and episodes closed at the year end
  uint64_t left_out() const;
};

// The CSV files of a folder, in name order.
Result<std::vector<Ssda903Text>> ReadSsda903Folder(const std::string& dir,
                                                   uint64_t max_file_bytes = kMaxReturnFileBytes);

// Reads the files of one return. Fails only when nothing can be read (no
// council code, no year given or inferable); bad values go to problems.
Result<Ssda903Return> ReadSsda903(const std::vector<Ssda903Text>& files, const Ssda903Options& options,
                                  Problems& problems);

}  // namespace scrutiny
