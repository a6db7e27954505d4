#pragma once
// Reading the SSDA903 return (children looked after, CSV or XML form), one year
// or several combined, into Scrutiny's record model: children, looked-after
// episodes (cleaned), reviews, missing episodes, care leavers and adoptions,
// ready for the validator and the store. Every bad value is a problem naming
// file, line, column, value and rule; a record with one is left out whole and
// counted. See docs/ssda903.md.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/model_record.h"
#include "ingest/ssda903_file.h"
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

// Ssda903Return is one or several years of the return read into the model.
struct Ssda903Return {
  Dataset dataset;
  RowSources sources;  // file and line of every record, for CheckDataset
  int collection_year = 0;  // the latest year read
  std::vector<int> years;   // every year read, earliest first
  std::vector<Ssda903FileCount> files;
  uint64_t fixed = 0;     // episode fixes and episodes closed at the year end
  uint64_t combined = 0;  // records found in two years' returns and kept once
  uint64_t left_out() const;
};

// Ssda903Input is one year's return as given: the CSV files of a folder, or
// one XML file.
struct Ssda903Input {
  std::string name;  // the folder or file
  std::vector<Ssda903Text> files;
  bool xml = false;
};

// The CSV files of a folder, in name order; a file larger than max_file_bytes
// refuses the folder unread.
Result<std::vector<Ssda903Text>> ReadSsda903Folder(const std::string& dir,
                                                   uint64_t max_file_bytes = kMaxReturnFileBytes);

// A folder of the return's CSV files or its XML file, read from disk; a file
// larger than max_file_bytes is refused unread.
Result<Ssda903Input> ReadSsda903Input(const std::string& path, uint64_t max_file_bytes = kMaxReturnFileBytes);

// Reads several years' returns, each of its own collection year (inferred, or
// options.collection_year if only one is given), into one history per child
// (ssda903_history.h) whose episodes are then cleaned. Fails when nothing can
// be read (no council code, a year neither given nor inferable, XML that is not
// well-formed, two returns of one year); bad values go to problems.
Result<Ssda903Return> ReadSsda903Years(const std::vector<Ssda903Input>& inputs, const Ssda903Options& options,
                                       Problems& problems);

// Reads the files of one return. Fails only when nothing can be read (no
// council code, no year given or inferable); bad values go to problems.
Result<Ssda903Return> ReadSsda903(const std::vector<Ssda903Text>& files, const Ssda903Options& options,
                                  Problems& problems);

// Reads the XML form of a return, one file (root EXPSSDA903), through the same
// checks: each problem names the line of the element. Fails also when the
// text is not well-formed XML or not an SSDA903 return (problems say where).
Result<Ssda903Return> ReadSsda903Xml(const std::string& name, std::string_view text, const Ssda903Options& options,
                                     Problems& problems);

}  // namespace scrutiny
