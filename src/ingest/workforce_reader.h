#pragma once
// Reading a children's social work workforce return (the DfE's CSWW XML) into
// Scrutiny's record model: each CSWWWorker a worker of one team standing for
// the council's social workers, whose funded posts are the employed FTE in post
// plus the vacancies the return gives, and each case holder's Cases30 a
// caseload on the census day. Every bad value is a problem naming
// file, line, item, value and rule; a worker with one is left out and counted.
// See docs/returns.md.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/model_record.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// WorkforceReturn is a workforce return read into the model.
struct WorkforceReturn {
  Dataset dataset;
  RowSources sources;  // file and line of every record, for CheckDataset
  int collection_year = 0;  // the year of the 30 September census; the latest of several
  std::vector<int> years;   // every return read, earliest first
  uint64_t workers = 0, workers_left_out = 0;
  uint64_t combined = 0;  // workers found in two returns and kept once
};

// Reads one return. Fails only when nothing can be read: no council code,
// text that is not a CSWW message (the problems say where), or no year.
Result<WorkforceReturn> ReadWorkforce(const std::string& name, std::string_view text, const ReturnOptions& options,
                                      Problems& problems);

}  // namespace scrutiny
