#pragma once
// QualityProblem is one data-quality problem `scrutiny check` reports: the
// rule broken, where (child, file and row, or the stored record's key), the
// field and value, the child's team, and the indicators it is counted against.

#include <cstdint>
#include <string>
#include <vector>

namespace scrutiny {

struct QualityProblem {
  std::string rule;         // a rule id of QualityRules()
  std::string detail;       // what is wrong with this record, in words
  std::string child_id;     // empty when the record is not about a child
  std::string record_type;  // e.g. "looked_after_reviews"; empty for faults of a file
  std::string key;          // the record's key, as a drill-down shows it (empty for a row not read)
  std::string file;         // where it was read from (empty for the store)
  uint64_t row = 0;         // line in the file, 0 when not known
  std::string field, value;
  std::vector<std::string> uses;  // the record_type.field values it leaves in doubt, for indicators
  std::string team;         // team_id, or "" when none is recorded
  std::vector<std::string> indicators;  // numbers of the indicators it is counted against
};

}  // namespace scrutiny
