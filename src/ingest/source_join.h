#pragma once
// The sources of one load (a scrutiny CSV folder and the returns a council
// makes) read into the record model and joined into one dataset: the same
// child in several sources (the CIN census and the SSDA903 of one council) is
// one child, joined by its child_id; the same council is one council. Each
// other record type comes from one source only. See docs/loading.md.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "ingest/model_record.h"
#include "ingest/return_format.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// LoadSourceOptions says what the returns do not: whose they are, the year and
// the date an Annex A workbook describes.
struct LoadSourceOptions {
  ReturnOptions council;
  std::optional<Date> as_at;
};

// LoadSource is one source read into the model.
struct LoadSource {
  std::string path;
  ReturnFormat format;
  Dataset dataset;
  RowSources sources;   // file and line of every record
  std::string summary;  // what was read and left out, one line
};

// LoadInput is what one source of a load is read from: a path, or the paths of
// every year given of one return (SSDA903, CIN census, workforce): one history.
struct LoadInput {
  std::vector<std::string> paths;
  std::vector<ReturnFormat> formats;
  // How the input is named to users: "903-2023.xml (SSDA903 XML)", one per path.
  std::string Describe() const;
};

// The inputs of a load, in the order given: each path alone, bar the years of
// the SSDA903, of the CIN census and of the workforce return, each return's taken
// together at the place of its first.
std::vector<LoadInput> GroupLoadInputs(const std::vector<std::string>& paths, const std::vector<ReturnFormat>& formats);

// Reads a source of known formats. Records of a return with problems are left
// out (the problems say why); a scrutiny CSV folder with any problem, and a
// source that cannot be read at all, fail.
Result<LoadSource> ReadLoadSource(const LoadInput& input, const LoadSourceOptions& options, Problems& problems);

// SourceJoin joins the sources of a load into one dataset.
class SourceJoin {
 public:
  // Adds a source's records. A record type (other than children and councils)
  // already given by another source is a problem, and nothing of it is added.
  void Add(const LoadSource& source, Problems& problems);
  // The joined dataset, with each child once: a value one source leaves empty
  // is taken from another; uasc is Y if any source says so; other differences
  // are problems naming both files, and the first source's value is kept.
  Dataset Finish(RowSources& sources, Problems& problems);
  // Whether two sources gave the same record type (the load must be refused).
  bool refused() const { return refused_; }

 private:
  // A child as the first source gave it, and where.
  struct JoinedChild {
    std::vector<std::string> values;
    std::string file;
    uint64_t line = 0;
  };
  void AddChild(const Table& children, size_t row, const std::string& file, uint64_t line, Problems& problems);

  Dataset dataset_;
  RowSources sources_ = EmptySources(dataset_);
  std::map<std::string, std::string> source_of_type_;  // record type -> path of the source giving it
  std::map<std::string, JoinedChild> children_;        // by child_id, in id order
  std::set<std::string> reference_ids_;  // "councils\n<la_code>", "teams\n<team_id>": those kept
  bool refused_ = false;
};

// The records of a load's inputs read and joined, then checked across records.
struct JoinedSources {
  Dataset dataset;
  RowSources sources;
  std::vector<std::string> described;  // each input, as LoadInput::Describe names it
  bool refused = false;                // they cannot be joined: the problems say why
};

// Called with each input read, or failed, and the index in `problems` of its first problem.
using OnSourceRead = std::function<void(const LoadInput&, const Result<LoadSource>&, size_t first_problem)>;

// Reads every input and joins them (SourceJoin), checking the joined records
// (CheckDataset). An error, after `on_read`, if an input cannot be read.
Result<JoinedSources> ReadAndJoin(const std::vector<LoadInput>& inputs, const LoadSourceOptions& options,
                                  Problems& problems, const OnSourceRead& on_read);

}  // namespace scrutiny
