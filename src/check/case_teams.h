#pragma once
// CaseTeams finds the team a problem is counted against, as the indicator
// engine's team breakdown does: the record's own team, else its worker's
// team; for a record with neither (a review, a child, a row not read) the
// team of the child's allocation on the as-at date.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "model/table.h"

namespace scrutiny {

class CaseTeams {
 public:
  CaseTeams(const Dataset& data, Date as_at);

  // The team of a row of a table ("" when none is recorded).
  std::string OfRecord(const Table& table, size_t row) const;
  // The team of the child's allocation on the as-at date, else its latest.
  std::string OfChild(std::string_view child_id) const;
  bool ChildAllocated(std::string_view child_id) const { return child_team_.count(std::string(child_id)) > 0; }
  // Whether any record names a team or worker, or any child an allocation: an SSDA903 or CIN
  // census return names none, and then no record can be counted by team.
  bool recorded() const { return recorded_; }
  // The team of the worker's record ("" for none).
  std::string TeamOfWorker(std::string_view worker_id) const;

 private:
  std::unordered_map<std::string, std::string> worker_team_;
  std::unordered_map<std::string, std::string> child_team_;
  bool recorded_ = false;
};

}  // namespace scrutiny
