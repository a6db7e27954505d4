#include "ingest/return_history.h"

namespace scrutiny {

ReturnRow ReturnRow::Of(const Dataset& dataset, const RowSources& sources, std::string_view table, size_t row,
                        int year) {
  const auto& tables = dataset.tables();
  size_t index = 0;
  while (tables[index].type().name != table) ++index;
  const Table& t = tables[index];
  ReturnRow out{&t.type(), {}, sources.files[index], sources.lines[index][row], year};
  for (size_t c = 0; c < t.type().fields.size(); ++c) out.cells.push_back(t.Format(static_cast<int>(c), row));
  return out;
}

bool ReturnRow::AddTo(Dataset& dataset, RowSources& sources, Problems& problems) const {
  ModelRecord record(dataset, sources, type->name);
  for (size_t c = 0; c < cells.size(); ++c) record.Set(type->fields[c].name, cells[c]);
  return record.Add(file, line, problems);
}

}  // namespace scrutiny
