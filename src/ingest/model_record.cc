#include "ingest/model_record.h"

#include <algorithm>
#include <cctype>

namespace scrutiny {

bool IsIdText(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '/';
  });
}

RowSources EmptySources(const Dataset& dataset) {
  RowSources sources;
  sources.files.assign(dataset.tables().size(), "");
  sources.lines.assign(dataset.tables().size(), {});
  return sources;
}

ModelRecord::ModelRecord(Dataset& dataset, RowSources& sources, std::string_view type)
    : dataset_(dataset), sources_(sources) {
  auto& tables = dataset.tables();
  while (tables[index_].type().name != type) ++index_;
  values_.resize(tables[index_].type().fields.size());
}

ModelRecord& ModelRecord::Set(std::string_view field, std::string_view value) {
  values_[static_cast<size_t>(dataset_.tables()[index_].type().IndexOf(field))] = value;
  return *this;
}

bool ModelRecord::Add(const std::string& file, uint64_t line, Problems& problems) {
  std::vector<std::string_view> cells(values_.begin(), values_.end());
  if (!AddRecord(dataset_.tables()[index_], cells, file, line, problems)) return false;
  sources_.lines[index_].push_back(static_cast<uint32_t>(line));
  sources_.files[index_] = file;
  return true;
}

}  // namespace scrutiny
