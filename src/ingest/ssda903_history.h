#pragma once
// Several years of the SSDA903 return combined into one history per child,
// before its episodes are cleaned: a record found in two years' returns (an
// episode open at one year end and repeated in the next, a review, a missing
// episode, a child's header, its adoption) is kept once with the latest year's
// values, and every value a later year changes is reported with both files and
// lines. See docs/ssda903.md, "Several years".

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "ingest/ssda903_year.h"
#include "model/validator.h"

namespace scrutiny {

// Ssda903History is the years' records combined; its texts view the years' files.
struct Ssda903History {
  std::vector<int> years;  // collection years, earliest first
  Ssda903Records records;
  uint64_t combined = 0;  // records found in two years' returns and kept once
};

// Combines the years (in any order; they are sorted by collection year). Fails
// if two are of the same collection year; a year missing between two is
// reported. `files` names the files the records' origins index; la_code is
// the council's, for the child_id of the problems found.
Result<Ssda903History> CombineSsda903Years(std::vector<Ssda903Year>& years, const std::vector<Ssda903FileCount>& files,
                                           std::string_view la_code, Problems& problems);

}  // namespace scrutiny
