#pragma once
// Breakdown splits an indicator's records into groups: by council, team,
// worker, child characteristics (age band, sex, ethnic group, disability,
// UASC), any coded field of the record (source, outcome, placement type) or
// bands of a value (duration of a plan).

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "indicators/expression.h"
#include "indicators/suite.h"

namespace scrutiny {

class Breakdown {
 public:
  // Resolves `name` for an indicator's records; with a null index only checks it.
  static Result<Breakdown> Make(std::string_view name, const Indicator& indicator, CaseIndex* index);
  // The breakdowns that apply to an indicator, in a fixed order.
  static std::vector<std::string> Available(const Indicator& indicator);

  const std::string& name() const { return name_; }
  // The group of a record on a period (a small integer; see Label).
  int GroupOf(const EvalContext& c);
  const std::string& Label(int group) const { return labels_[static_cast<size_t>(group)]; }
  size_t groups() const { return labels_.size(); }
  // Where a group label sorts among the others: bands in their own order,
  // other labels alphabetically, "Not recorded" last.
  std::string SortKey(const std::string& label) const;
  // True if a record's group can change with the period (ages, durations).
  bool depends_on_period() const;

 private:
  enum class Kind { kField, kAgeBand, kEthnicGroup, kDisabled, kBands };
  Breakdown() = default;
  std::string LabelOfValue(double v) const;
  int GroupOfNew(double v);

  std::string name_;
  Kind kind_ = Kind::kField;
  std::vector<std::shared_ptr<Expression>> values_;  // the first with a value decides
  const Table* table_ = nullptr;  // whose pool names the codes of a field
  const Field* field_ = nullptr;
  Bands bands_;
  std::unordered_map<double, int> group_of_value_;
  bool by_string_ = false;  // values are string ids of codes or identifiers
  std::vector<int> group_of_string_;  // by string id, for fields of codes and identifiers (-1: not seen)
  std::vector<std::string> labels_;
};

}  // namespace scrutiny
