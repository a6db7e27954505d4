#pragma once
// ModelRecord collects one record's values as scrutiny CSV text and adds it
// through the model's validator (AddRecord), noting the file and line it came
// from, for the readers of returns (SSDA903, Annex A) that fill a Dataset.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// Whether the text is an identifier of the model: letters, digits, - _ . /
bool IsIdText(std::string_view s);

// Sources sized for every table of the dataset, none noted yet.
RowSources EmptySources(const Dataset& dataset);

// ModelRecord is one record being built: its values by field, then added.
class ModelRecord {
 public:
  ModelRecord(Dataset& dataset, RowSources& sources, std::string_view type);
  ModelRecord& Set(std::string_view field, std::string_view value);
  ModelRecord& Set(std::string_view field, std::optional<Date> d) { return Set(field, d ? d->ToIso() : ""); }
  // Adds the record; false (with problems) if the model refuses it.
  bool Add(const std::string& file, uint64_t line, Problems& problems);

 private:
  Dataset& dataset_;
  RowSources& sources_;
  size_t index_ = 0;
  std::vector<std::string> values_;
};

}  // namespace scrutiny
